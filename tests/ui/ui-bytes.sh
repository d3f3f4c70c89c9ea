#!/bin/sh
# Terminal test: what the wizard writes to the terminal. The first screen
# fits in 3,000 bytes, a typed character costs at most 4 and moving to
# the next field at most 10: only what changed is drawn, which keeps the
# wizard quick over a slow SSH link. Measured with script(1) in tmux.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

if ! script -q -c true /dev/null >/dev/null 2>&1; then
	echo "1..0 # SKIP no script(1)"
	exit 0
fi
log="$TEST_TMP/typescript"
ui_start_logged "$log"

size() { stat -c %s "$log" 2>/dev/null || echo 0; }
# Wait until the log stops growing: two reads, a moment apart, agree.
settled() {
	a=$(size)
	sleep 0.1
	[ "$a" -gt 0 ] && [ "$a" = "$(size)" ]
}

ui_check "the start screen" "What would you like to do?"
ui_until 10 settled
first=$(size)
diag "first screen: $first bytes"
[ "$first" -le 3000 ]
ok $? "the first screen is at most 3000 bytes ($first)"

ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_keys Down Down Enter
ui_check "the kind question" "Which kind of"
ui_keys Enter
ui_check "domains" "Type a name and press Enter"
ui_type "shop.example.com"
ui_keys Enter Tab Tab Enter
ui_check "applicant" "Email *"
ui_until 10 settled
before=$(size)
ui_type "L"
ui_check "a character typed" "[L "
ui_until 10 settled
one=$(( $(size) - before ))
diag "one typed character: $one bytes"
[ "$one" -le 4 ]
ok $? "a typed character is at most 4 bytes ($one)"

before=$(size)
ui_type "i"
ui_check "another" "[Li "
ui_until 10 settled
two=$(( $(size) - before ))
[ "$two" -le 4 ]
ok $? "and the next one too ($two)"

before=$(size)
ui_keys Tab
ui_until 10 sh -c '[ "$(tmux -L '"$ui_sock"' -f /dev/null display-message -p -t w "#{cursor_y}")" = 4 ]'
ok $? "Tab moves the cursor to the phone field"
ui_until 10 settled
next=$(( $(size) - before ))
diag "next field: $next bytes"
[ "$next" -le 10 ]
ok $? "moving to the next field is at most 10 bytes ($next)"

done_testing
