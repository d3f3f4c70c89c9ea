#!/bin/sh
# Terminal test: text read from an application file with a right-to-left
# override and a zero-width space reaches the wizard's screen replaced,
# never raw (the same characters the CLI escapes, src/safetext.c).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

apps="$HOME/.local/share/certwiz/applications"
mkdir -p "$apps/evil-0001"
chmod 700 "$HOME/.local/share/certwiz" "$apps" "$apps/evil-0001"
# A record edited by hand: "www.<RLO>lpmaxe<ZWSP>.com".
printf '{"version": 1, "id": "evil-0001", "state": "ready", "type": "free", "created": "2026-11-29T10:00:00Z", "updated": "2026-11-29T10:00:00Z", "domains": ["www.\342\200\256lpmaxe\342\200\213.com"], "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "li.lei@example.com"}, "csr": {"mode": "auto"}, "validation": {"method": "dns"}, "documents": []}' \
	> "$apps/evil-0001/application.json"
chmod 600 "$apps/evil-0001/application.json"

ui_start
ui_check "start" "What would you like to do?"
ui_keys Down Enter
ui_check "the applications list shows the name with the characters replaced" "www.?lpmaxe?.com"
if ui_screen | LC_ALL=C grep -q -e "$(printf '\342\200\256')" -e "$(printf '\342\200\213')"; then
	ok 1 "no raw override or zero-width space on the screen"
else
	ok 0 "no raw override or zero-width space on the screen"
fi
ui_keys F10
ui_stop
done_testing
