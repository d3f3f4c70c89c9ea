#!/bin/sh
# Terminal test: status takes the lock only when it records what the CA
# says. While the wizard has an application sent to the CA open (from the
# Applications screen), certwiz status on it is refused and names the
# wizard's process; status of a prepared application, which only reads,
# still answers; once the wizard has moved on, status goes ahead.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
. "$top_srcdir/tests/ui/tmux.sh"
. "$top_srcdir/tests/cas-lib.sh"

start_server good
mkdir -p "$HOME/.config/certwiz"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
UI_ENV="ALIBABA_CLOUD_ACCESS_KEY_ID='$KEY_ID' \
    ALIBABA_CLOUD_ACCESS_KEY_SECRET='$SECRET' CERTWIZ_TIMEOUT=5"

printf '{"type": "free", "domains": ["a.mysite.cn"], "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}, "csr": {"mode": "auto"}, "validation": {"method": "dns"}}\n' > "$T/a.json"
run apply --answers "$T/a.json" --json
expect_rc 0 "an application sent to the CA"
ida=$(printf '%s\n' "$out" | json_get 'j["id"]')
sed 's/a\.mysite/p.mysite/' "$T/a.json" > "$T/p.json"
run apply --answers "$T/p.json" --backend local --json
expect_rc 0 "an application prepared here"
idp=$(printf '%s\n' "$out" | json_get 'j["id"]')

# open ID: the wizard, with application ID opened from Applications.
sel_is() { ui_screen | grep -q "> $1"; }
open_app() {
	ui_start
	ui_check "start" "What would you like to do?"
	ui_keys Down Enter
	ui_check "the applications" "w withdraw"
	ui_keys Home
	i=0
	while ! sel_is "$1" && [ $i -lt 5 ]; do
		ui_keys Down
		i=$((i + 1))
		ui_until 2 sel_is "$1" || :
	done
	ui_check "$1 is selected" "> $1"
	ui_keys Enter
	ui_wait_gone "w withdraw"
	ok $? "$1 is open in the wizard"
	pid=$(ui_pid)
}

# A prepared application open: status only reads it, and answers.
open_app "$idp"
run status "$idp"
expect_rc 0 "status of the open prepared application answers (it only reads)"
ui_keys C-q
ui_check_exit 0 "the wizard ends"

# An application at the CA open: status would record the CA's answer.
open_app "$ida"
run status "$ida"
expect_rc 3 "status, which would record the CA's answer, is refused"
has "process $pid on" "$err" "and names the wizard's process"
ui_keys C-q
ui_check_exit 0 "the wizard ends"
run status "$ida"
expect_rc 0 "then status goes ahead"

done_testing
