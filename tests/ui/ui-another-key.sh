#!/bin/sh
# Terminal test: "Make another key" with the key path left empty takes a
# free name (key-2.pem) instead of failing on the key.pem made first.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start_free
ui_to_applicant
ui_fill_applicant
ui_keys Tab Tab Tab Enter
ui_check "the CSR screen, generate here first" "> Generate here"
ui_keys Tab Tab Tab Enter
ui_check "a passphrase is asked" "A passphrase to encrypt the key"
ui_keys Enter
ui_check "the key is made" "Key made:" 60
id=$(ui_last_id)
[ -f "$apps_dir/$id/key.pem" ]
ok $? "the first key is key.pem"
# The focus is on "Make another key" (the terminal cursor is on it).
ui_wait "[ Make another key ]"
ui_keys Enter
ui_check "it clears the key file" "Give a new key file"
# The key file is left empty: Tab to Generate the key.
ui_keys Tab Enter
ui_check "asked again" "A passphrase to encrypt the key"
ui_keys Enter
ui_check "another key is made, with a free name" "/key-2.pem ]" 60
lacks "already exists" "$(ui_screen)" "no complaint about key.pem"
[ -f "$apps_dir/$id/key-2.pem" ] && [ -f "$apps_dir/$id/key.pem" ]
ok $? "key-2.pem was written, key.pem kept"

done_testing
