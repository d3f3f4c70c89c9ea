#!/bin/sh
# Terminal test: a standard application with two names and a wildcard
# that the list refuses (plain and wildcard names do not mix), fixed by
# deleting it; the key and CSR generated here, the key 0600.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_keys Down Enter
ui_check "the kind question" "Which kind of"
ui_keys Enter
ui_check "standard: domains" "Type a name and press Enter"

ui_type "example.com"
ui_keys Enter
ui_type "www.example.com"
ui_keys Enter
ui_type "*.example.com"
ui_keys Enter
ui_check "three names in the list" "3. *.example.com"
ui_check "the list says plain and wildcard do not mix" "wildcard"
ui_keys Tab Tab Enter
ui_check "Next is refused while the list is wrong" "Fix the list first"
ui_check "still on the domains" "[>] Domains"

# The focus is in the list: up to the input line, then down the list to
# the wildcard, and delete it.
ui_keys Up Up Up Up Down Down Down d
ui_wait_gone "3. *.example.com"
ok $? "d deletes the selected name"
ui_keys Up Up Up Up
ui_type "shop.example.com"
ui_keys Enter
ui_check "a third plain name" "3. shop.example.com"
ui_keys Down Down Down
ui_type "-"
ui_check "- moves a name up" "2. shop.example.com"
ui_keys Tab Enter
ui_check "the fixed list goes forward" "Email *"

ui_type "Zhao Liu"
ui_keys Tab
ui_type "+86 139 0000 0000"
ui_keys Tab
ui_type "zl@example.com"
ui_keys Tab Tab Tab Enter
ui_check "the CSR screen, generate here first" "> Generate here"
ui_keys Tab Enter
ui_check "the key types" "RSA 2048"
ui_keys Down Down Enter
ui_check "RSA 2048 chosen" "[RSA 2048"
ui_keys Tab Tab Enter
ui_check "a passphrase is asked" "A passphrase to encrypt the key"
ui_type "correct horse"
ui_keys Enter
ui_check "twice" "The same passphrase again"
ui_type "correct horse"
ui_keys Enter
ui_check "the key is made" "Key made:" 60
lacks "correct horse" "$(ui_screen)" "the passphrase never showed"

id=$(ui_last_id)
key="$apps_dir/$id/key.pem"
[ -f "$key" ]
ok $? "the key is in the application's folder"
[ "$(file_mode "$key")" = 600 ]
ok $? "the key is 0600 ($(file_mode "$key"))"
grep -q "ENCRYPTED PRIVATE KEY" "$key"
ok $? "the key is encrypted with the passphrase"
[ "$(ui_json "$id" 'j["csr"]["mode"] + " " + j["csr"]["key_type"]')" = "generate rsa-2048" ]
ok $? "the record has the mode and key type"
lacks "PRIVATE" "$(cat "$apps_dir/$id/application.json")" \
    "the key is not in the JSON"

ui_keys Tab Enter
ui_check "verification" "How will you prove"
ui_keys Down
ui_check "file validation offered for plain names" "publish a small file"
ui_keys Tab Enter
ui_check "confirm" "[ Submit ]"
ui_keys Enter
ui_check "Submit prepares it (local backend)" "Prepared here, not sent yet"
ui_check "file validation: what comes next" "gives a file to"
[ "$(ui_json "$id" 'j["state"] + " " + j["validation"]["method"]')" = "prepared file" ]
ok $? "prepared, with file validation"
[ -s "$apps_dir/$id/csr.pem" ]
ok $? "the CSR is in the folder"

# A first name too long for the common name: the wizard offers to move
# a shorter one first.
long="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.com"
ui_start
ui_check "start again" "What would you like to do?"
ui_check "a prepared application is no draft to resume" "> New application"
ui_keys Up Enter
ui_check "type" "Which certificate did you buy?"
ui_keys Down Enter
ui_check "the kind question" "Which kind of"
ui_keys Enter
ui_check "domains" "Type a name and press Enter"
ui_type "$long"
ui_keys Enter
ui_type "example.com"
ui_keys Enter
ui_check "two names" "2. example.com"
ui_keys Tab Tab Enter
ui_check "Next offers to move the short name first" "Move example.com"
ui_keys Enter
ui_check "it is moved" "1. example.com"
ui_keys Enter
ui_check "and the list goes forward" "Email *"

done_testing
