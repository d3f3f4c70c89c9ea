#!/bin/sh
# Terminal test: Enter on an empty required one-line field is never
# silent. It moves on, as Tab does and as dialog's forms do, and marks
# the field (! before its label) with the message of what it expects;
# Tab past an empty field stays quiet (the user may fill the fields in
# any order), and Next marks every missing field at once.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start_free
ui_to_applicant
ui_keys Enter
ui_check "Enter on the empty Name says what it expects" \
    "Name is required: fill it in, for example Zhang San"
ui_check "and marks it" " ! Name *"
row=$(ui_screen | grep -n 'Phone \*' | head -1 | cut -d: -f1)
[ "$(ui_cursor)" = "$((row - 1)) 37" ]
ok $? "the focus moved on to Phone"
ui_type "+86 138 0013 8000"
ui_keys Tab Tab
# On ID type (its row, from the top line 0) once both moves are done.
cursor_row_is() { [ "$(ui_cursor | cut -d' ' -f1)" = "$1" ]; }
row=$(ui_screen | grep -n 'ID type ' | head -1 | cut -d: -f1)
ui_until 10 cursor_row_is $((row - 1))
ok $? "Tab, Tab: on ID type"
ui_screen | grep -q " ! Email"
ok $((! $?)) "Tab past the empty Email stays quiet"
ui_keys BTab BTab BTab
ui_type "Zhang San"
ui_keys Enter
ui_wait_gone " ! Name"
ok $? "filled in, Name loses its mark"

done_testing
