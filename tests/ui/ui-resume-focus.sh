#!/bin/sh
# Terminal test: a draft resumes on the field last edited, not on the
# first. The draft keeps it ("focus" in application.json, see
# certwiz(5)) when saved with Ctrl-S and when the terminal hangs up; a
# draft left on another screen starts at that screen's first field.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

# on_row LABEL: the terminal cursor is on the row of LABEL's field.
on_row() {
	row=$(ui_screen | grep -n "$1" | head -1 | cut -d: -f1)
	[ -n "$row" ] && [ "$(ui_cursor | cut -d' ' -f1)" = $((row - 1)) ]
}

ui_start_free
ui_to_applicant
ui_type "Zhang San"
ui_keys Tab
ui_type "+86 138 0013 8000"
ui_keys Tab
ui_type "zs@mysite"
ui_keys C-s
ui_check "saved" "Draft saved"
id=$(ui_last_id)
[ "$(ui_json "$id" 'j.get("focus")')" = applicant.email ]
ok $? "the draft keeps the field the focus was on"
ui_stop

ui_start resume "$id"
ui_check "resumed on the Applicant screen" "Fields marked * are required."
ui_until 10 on_row "Email \*"
ok $? "the focus is on Email, the field last edited"
ui_type ".cn"
ui_check "typing goes on there" "[zs@mysite.cn"
# Back to Phone, and the terminal hangs up.
ui_keys BTab
ui_until 10 on_row "Phone \*"
ok $? "on Phone"
ui_keys C-u
ui_type "+86 139 0013 9000"
ui_stop
[ "$(ui_json "$id" 'j.get("focus")')" = applicant.phone ]
ok $? "the hang-up kept the field too"

ui_start resume "$id"
ui_check "resumed again" "Fields marked * are required."
ui_until 10 on_row "Phone \*"
ok $? "the focus is on Phone this time"
# Next leaves the screen: the field belongs to the screen left.
ui_keys Tab Tab Tab Tab Enter
ui_check "CSR" "How should the CSR be made?"
saved_on() { [ "$(ui_json "$id" 'j.get("screen")')" = "$1" ]; }
ui_until 10 saved_on csr
[ "$(ui_json "$id" 'j.get("focus")')" = None ]
ok $? "a draft saved on another screen keeps no field of the one left"

done_testing
