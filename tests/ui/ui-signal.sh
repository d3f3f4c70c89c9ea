#!/bin/sh
# Terminal test: a hang-up (a dropped SSH session) or SIGTERM mid-form
# saves the draft, values typed in the field being edited included, and
# restores the terminal; certwiz resume brings it back at the same screen.
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
ui_check "two names" "2. www.example.com"
ui_keys Tab Tab Enter
ui_check "applicant" "Email *"
ui_type "Wang Wu"
ui_keys Tab
ui_type "+1 415 555 0100"
ui_keys Tab
# Typed, not yet left: the hang-up must keep it all the same.
ui_type "wang@example.org"
ui_check "typed" "[wang@example.org"

pid=$(ui_pid)
[ -n "$pid" ]
ok $? "the wizard's process is found ($pid)"
kill -HUP "$pid"
ui_check_exit 129 "SIGHUP ends the wizard"
ui_until 5 sh -c "! kill -0 $pid 2>/dev/null"
ok $? "the process is gone"
# The alternate screen was left: the shell's screen is back.
lacks "Email *" "$(ui_screen)" "the terminal was restored (no wizard on it)"

id=$(ui_last_id)
[ -n "$id" ]
ok $? "the draft exists ($id)"
[ "$(ui_json "$id" 'j["screen"]')" = applicant ]
ok $? "it remembers the screen"
[ "$(ui_json "$id" 'j["applicant"]["email"]')" = wang@example.org ]
ok $? "the field being typed was saved"
[ "$(ui_json "$id" '" ".join(j["domains"])')" = "example.com www.example.com" ]
ok $? "the domains were saved"

ui_start resume "$id"
ui_check "certwiz resume opens the applicant screen" "[>] Applicant"
ui_check "with the name" "[Wang Wu"
ui_check "the phone" "[+14155550100"
ui_check "and the email" "[wang@example.org"
ui_golden resume

# SIGTERM saves too. (Resumed on Email, the field being typed when the
# terminal hung up: two Tabs to the ID number.)
ui_keys Tab Tab
ui_type "X12345"
ui_check "typed the ID number" "[X12345"
kill -TERM "$(ui_pid)"
ui_check_exit 143 "SIGTERM ends the wizard"
[ "$(ui_json "$id" 'j["applicant"]["id_number"]')" = X12345 ]
ok $? "SIGTERM saved the draft"

# SIGINT (Ctrl-C) too.
ui_start resume "$id"
ui_check "resumed again" "[X12345"
ui_keys C-c
ui_check_exit 130 "Ctrl-C ends the wizard"

# Ctrl-\ (SIGQUIT) is treated as SIGTERM: the field being typed is
# saved, the terminal restored, exit 131 (no core, no dead terminal).
ui_start resume "$id"
ui_check "resumed for Ctrl-\\" "[X12345"
# Resumed on the ID number, the field last edited, at its end.
ui_keys BSpace
ui_type "9"
ui_check "typed in the ID number" "[X12349"
# The byte Ctrl-\ sends (0x1c); the terminal makes it SIGQUIT.
tm send-keys -t w -H 1c
ui_check_exit 131 "Ctrl-\\ ends the wizard"
ui_until 5 sh -c "tmux -L $ui_sock -f /dev/null capture-pane -p -S -100 -t w | grep -q 'tty: '"
modes=$(ui_history | grep '^tty: ')
has "icanon" "$modes" "Ctrl-\\: line editing is back"
lacks "-icanon" "$modes" "Ctrl-\\: (not off)"
lacks "-echo" "$modes" "Ctrl-\\: echo is back"
lacks "Email *" "$(ui_screen)" "Ctrl-\\: the alternate screen was left"
[ "$(ui_json "$id" 'j["applicant"]["id_number"]')" = X12349 ]
ok $? "Ctrl-\\ saved the field being typed"

# SIGUSR1 and SIGALRM, which also end a program, do the same (their
# numbers on Linux: 10 and 14).
for s in USR1:138 ALRM:142; do
	ui_start resume "$id"
	ui_check "resumed for SIG${s%:*}" "[X12349"
	kill -${s%:*} "$(ui_pid)"
	ui_check_exit ${s#*:} "SIG${s%:*} ends the wizard after saving"
done

# A crash (SIGSEGV) still gives the terminal back: line editing, echo
# and flow control as they were, the alternate screen left.
ui_start resume "$id"
ui_check "resumed once more" "[X12349"
kill -SEGV "$(ui_pid)"
ui_check_exit 139 "SIGSEGV ends the wizard"
ui_until 5 sh -c "tmux -L $ui_sock -f /dev/null capture-pane -p -S -100 -t w | grep -q 'tty: '"
modes=$(ui_history | grep '^tty: ')
has "icanon" "$modes" "line editing is back"
lacks "-icanon" "$modes" "(not off)"
lacks "-echo" "$modes" "echo is back"
lacks "-ixon" "$modes" "flow control is back as it was"
lacks "Email *" "$(ui_screen)" "the alternate screen was left"

# The draft can be deleted from the applications screen, after asking.
ui_start
ui_check "the start screen offers the draft" "> Resume $id"
ui_keys Down Enter
ui_check "the applications" "$id  draft"
ui_check "with the expected issuance time" "Expected issuance: 1-15 minutes"
ui_keys d
ui_check "d asks first" "Delete the draft $id"
ui_keys Escape
ui_wait_gone "Delete the draft"
ok $? "Esc keeps it"
[ -d "$apps_dir/$id" ]
ok $? "still in the store"
ui_keys d
ui_check "asked again" "Delete the draft $id"
ui_keys Left Enter
ui_check "Delete removes it" "No applications yet"
[ ! -d "$apps_dir/$id" ]
ok $? "its folder is gone"

ui_start resume nosuch-id
ui_check_exit 2 "resume of an unknown id says so"

done_testing
