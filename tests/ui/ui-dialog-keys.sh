#!/bin/sh
# Terminal test: every dialog says, in the dialog itself, which key
# answers and which cancels: a question (quit, delete) names the button
# Enter takes and the one Esc takes, and follows the focus; a list to
# choose from and a one-line prompt say Enter and Esc too.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start_free
ui_to_applicant
# A list to choose from (a menu field).
ui_keys Tab Tab Tab
ui_check "on ID type" "[(press Enter to choose)"
ui_keys Enter
ui_check "the list is open" "> Chinese resident ID card"
ui_check "the list says its keys" "Enter: choose   Esc: cancel"
ui_keys Escape
ui_wait_gone "Enter: choose"
ok $? "Esc closes it"
# The quit question, three buttons.
ui_keys C-q
ui_check "the quit question" "Save the draft before leaving?"
ui_check "names Enter's and Esc's answers" \
    "Enter: Save and quit   Esc: Cancel   Tab: other choices"
ui_keys Tab
ui_check "the keys follow the focus" \
    "Enter: Quit without saving   Esc: Cancel"
ui_keys Escape
ui_wait_gone "Save the draft before leaving?"
ok $? "Esc cancels, as it said"
ui_check "still on the Applicant screen" "Fields marked * are required."
ui_keys C-s
ui_check "saved" "Draft saved"
id=$(ui_last_id)
ui_stop

# The delete question, whose default is to keep.
ui_start
ui_check "start again" "What would you like to do?"
ui_keys Down Down Enter
ui_check "the applications" "w withdraw"
ui_keys d
ui_check "the delete question" "[ Delete ]"
ui_check "says how to delete and how to keep" \
    "Tab, then Enter: Delete   Enter or Esc: Keep"
ui_keys Tab
ui_check "with Delete focused" "Enter: Delete   Esc: Keep"
ui_keys Escape
ui_wait_gone "[ Delete ]"
ok $? "Esc closes it"
[ -d "$apps_dir/$id" ]
ok $? "and kept the draft"

done_testing
