#!/bin/sh
# Terminal test: after Generate here has made a key, changing the CSR mode
# asks first, then clears what belonged to Generate here: the key file is
# kept, renamed "unused-key-<time>.pem" (never deleted), and the record no
# longer names it, so that Confirm and status never show a key that does
# not go with the CSR, and a key the CA makes can be saved as key.pem.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_keys Down Enter
ui_check "standard: the kind question" "Which kind of"
ui_keys Enter
ui_check "standard: domains" "Type a name and press Enter"
ui_type "example.com"
ui_keys Enter
ui_check "a name" "1. example.com"
ui_keys Tab Tab Enter
ui_check "applicant" "Email *"
ui_type "Zhao Liu"
ui_keys Tab
ui_type "+86 139 0000 0000"
ui_keys Tab
ui_type "zl@example.com"
ui_keys Tab Tab Tab Enter
ui_check "the CSR screen, generate here first" "> Generate here"
ui_keys Tab Tab Tab Enter
ui_check "a passphrase is asked" "A passphrase to encrypt the key"
ui_keys Enter
ui_check "no passphrase: the key is made" "Key made:" 60
id=$(ui_last_id)
dir="$apps_dir/$id"
ui_keys C-s
ui_check "saved" "Draft saved"
[ -f "$dir/key.pem" ] && [ -n "$(ui_json "$id" 'j["csr"].get("key_path","")')" ]
ok $? "the key is in the folder and named by the record"
ui_keys C-q
ui_check "quit asks" "Save and quit"
ui_keys Enter
ui_check_exit 0 "the wizard ends"

# Back on the CSR screen: Automatic asks first; keeping Generate here
# changes nothing.
ui_start resume "$id"
ui_check "resumed on the CSR screen" "> Generate here"
ui_keys Up
ui_check "changing the mode asks first" "Change the mode?"
ui_keys k
ui_check "kept" "> Generate here"
[ -f "$dir/key.pem" ]
ok $? "the key is where it was"
ui_keys Up
ui_check "asked again" "Change the mode?"
ui_keys c
ui_check "changed: where the old key is" "is kept as"
ui_check "Automatic is chosen" "> Automatic"
[ ! -e "$dir/key.pem" ]
ok $? "key.pem is free for the CA's key"
old=$(ls "$dir" | grep '^unused-key-.*\.pem$')
[ -n "$old" ] && [ "$(file_mode "$dir/$old")" = 600 ]
ok $? "the old key is kept as $old, still 0600"
ls "$dir" | grep -q '^unused-csr-.*\.pem$'
ok $? "its CSR went with it"
[ "$(ui_json "$id" 'j["csr"].get("key_path","none")')" = none ] &&
    [ "$(ui_json "$id" 'j["csr"].get("key_fingerprint","none")')" = none ] &&
    [ "$(ui_json "$id" 'j["csr"].get("pem","none")')" = none ]
ok $? "the record names no key and no CSR"
ui_json "$id" 'j["csr"]' | sed 's/^/# /'
ui_keys Tab Enter
ui_check "verification" "How will you prove"
ui_keys Tab Enter
ui_check "confirm" "[ Submit ]"
lacks "key.pem" "$(ui_screen)" "Confirm names no key file"
ui_keys C-q
ui_check "quit asks" "Save and quit"
ui_keys Enter
ui_check_exit 0 "the wizard ends"
run show "$id"
lacks "key.pem" "$out" "show names no key file"

done_testing
