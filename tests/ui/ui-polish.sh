#!/bin/sh
# Terminal test: small things that misled a first-time applicant. w on a
# draft in the Applications list names the d key, not a command to type;
# the Submitted screen of a prepared application is titled "Prepared"
# and names the command with its id, never a literal "ID".
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start_free
ui_type "www.mysite.cn"
ui_keys Enter
ui_check "added" "1. www.mysite.cn"
ui_keys C-s
ui_check "saved" "Draft saved"
id=$(ui_last_id)
ui_stop

ui_start
ui_check "start again" "What would you like to do?"
ui_keys Down Down Enter
ui_check "the applications" "w withdraw"
ui_keys w
ui_check "w on a draft names the d key" "Press d to delete"
ui_wait_gone "certwiz delete"
ok $? "and no command to type"
ui_stop

# A prepared application: the Submitted screen names its id.
cat > "$TEST_TMP/a.json" <<JSON
{"type": "free", "domains": ["www.mysite.cn"],
 "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000",
   "email": "admin@mysite.cn"},
 "csr": {"mode": "auto"}, "validation": {"method": "dns"}}
JSON
run apply --answers "$TEST_TMP/a.json" --json
expect_rc 0 "an application prepared with the local backend"
pid=$(printf "%s\n" "$out" | python3 -c "import json,sys; print(json.load(sys.stdin)[\"id\"])")
ui_start
ui_check "start a third time" "What would you like to do?"
ui_keys Down Down Enter
ui_check "the applications again" "w withdraw"
ui_screen | grep -q "> $pid" || ui_keys Down
ui_check "the prepared one is selected" "> $pid"
ui_keys Enter
ui_check "its Submitted screen" "Prepared here, not sent yet"
ui_line 0 | grep -q "certwiz  Prepared"
ok $? "whose title says Prepared"
ui_line 0 | grep -q "Submitted"
ok $((! $?)) "never Submitted"
ui_check "the command names its id" "certwiz status $pid shows it"
ui_wait_gone "status ID"
ok $? "never a literal ID"

done_testing
