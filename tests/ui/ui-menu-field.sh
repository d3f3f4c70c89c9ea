#!/bin/sh
# Terminal test: a list field (ID type) never loses keys. Enter opens it
# and picking moves on, so the next Enter does not reopen it; typing the
# ID number right after picking goes into the ID number; Enter on a list
# that has its value moves on; a letter on a closed list picks the entry
# it begins; a digit goes on to the next field.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start_free
ui_to_applicant
ui_fill_applicant
ui_keys Tab
ui_check "on ID type" "[(press Enter to choose)"
ui_keys Enter
ui_check "Enter opens the list" "> Chinese resident ID card"
ui_keys Enter
ui_check "Enter picks" "[Chinese resident ID card"
ui_wait_gone "> Chinese resident ID card"
ok $? "the list is closed"
# The number typed at once goes into the ID number, not into the list.
ui_type "11010519491231002X"
ui_check "the digits are in the ID number" "[11010519491231002X"
ui_wait_gone "> Passport"
ok $? "the list did not open again"
ui_keys BTab
ui_check "back on ID type" "[Chinese resident ID card"
ui_keys Enter
# Had the list opened again, this letter would go to it.
ui_type "Z"
ui_check "Enter on a picked list moves on to the ID number" \
    "[11010519491231002XZ"
ui_keys BSpace
ui_check "(the letter taken back)" "[11010519491231002X "
ui_keys BTab
ui_type "p"
ui_check "a letter on the closed list picks the entry it begins" "[Passport"
ui_keys Space
ui_check "Space opens the list to change it" "> Passport"
ui_keys Escape
ui_wait_gone "> Passport"
ok $? "Esc closes it"
ui_keys C-s
ui_check "saved" "Draft saved"
id=$(ui_last_id)
[ "$(ui_json "$id" 'j["applicant"]["id_type"]')" = passport ] &&
    [ "$(ui_json "$id" 'j["applicant"]["id_number"]')" = 11010519491231002X ]
ok $? "the record has the type picked and the whole number"

done_testing
