#!/bin/sh
# Terminal test: NO_COLOR and a monochrome terminal. With NO_COLOR the
# wizard sends no colour; on a vt100 (no colours, four function keys)
# everything is reachable with the control keys; dialogs survive a
# resize.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

if ! script -q -c true /dev/null >/dev/null 2>&1; then
	echo "1..0 # SKIP no script(1)"
	exit 0
fi
log="$TEST_TMP/typescript"
UI_ENV="NO_COLOR=1"
ui_start_logged "$log"
ui_check "NO_COLOR: the start screen" "What would you like to do?"
ui_keys Enter
ui_check "the type screen" "Which certificate did you buy?"
ui_keys C-q
ui_check_exit 0 "quits at once when there is nothing to save"
if grep -q "$(printf '\033')\[[0-9;]*3[0-9]" "$log" ||
    grep -q "$(printf '\033')\[[0-9;]*4[0-9];" "$log"; then
	ok 1 "no colour was sent with NO_COLOR"
else
	ok 0 "no colour was sent with NO_COLOR"
fi

# Without NO_COLOR the same terminal gets colours (the test can fail).
UI_ENV=""
ui_start_logged "$log.2"
ui_check "with colours: the start screen" "What would you like to do?"
ui_keys C-q
ui_check_exit 0 "quits"
grep -q "$(printf '\033')\[3[0-9]m\|$(printf '\033')\[[0-9;]*[34][0-9]m" "$log.2"
ok $? "colours are used when allowed"

# A monochrome vt100: reverse video and the control keys.
UI_ENV="TERM=vt100"
ui_start
ui_check "vt100: the start screen" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_keys Enter
ui_check "domains" "Type a name and press Enter"
ui_type "mysite.cn"
ui_keys Enter
ui_check "added" "1. mysite.cn"
ui_keys C-g
ui_check "Ctrl-G: tips" "Esc or Enter: close"
ui_resize 100 30
ui_check "the tips survive a resize" "Esc or Enter: close"
ui_resize 80 24
ui_check "and a resize back" "Esc or Enter: close"
ui_keys Escape
ui_wait_gone "Esc or Enter: close"
ok $? "Esc closes them"
# A tiny terminal moves the screen's windows; growing back must not
# leave holes where they were (it did: "[>] Do ains").
tm resize-window -t w -x 8 -y 4
ui_check "8x4: the request to enlarge, cut to fit" "Plea"
ui_resize 80 24
ui_check "the step list is whole again" "[>] Domains"
ui_check "and the list of names" "1. mysite.cn"
ui_keys C-s
ui_check "Ctrl-S: saved" "Draft saved"
ui_keys C-q
ui_check "Ctrl-Q: the quit dialog" "Save the draft before leaving?"
ui_keys Enter
ui_check_exit 0 "saved and quit"

done_testing
