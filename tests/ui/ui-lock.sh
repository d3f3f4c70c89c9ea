#!/bin/sh
# Terminal test: one application, one writer. While the wizard has a draft
# open, a second certwiz (delete, submit, withdraw, reopen, a second
# resume in another terminal) is refused and told which process holds it;
# the wizard's draft is never deleted under it. Once the wizard has quit,
# the others go ahead; the lock file of a process that died is taken over.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

# A draft made in the wizard, which keeps it open.
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
ui_type "Wang Wu"
id=$(ui_last_id)
[ -n "$id" ]
ok $? "the draft is saved ($id)"
pid=$(ui_pid)
[ -n "$pid" ]
ok $? "the wizard's process is found ($pid)"

# A second process, from the command line.
for cmd in "delete $id --yes" "submit $id" "withdraw $id --yes" \
    "reopen $id"; do
	run $cmd
	expect_rc 3 "certwiz $cmd is refused while the wizard has it"
	has "process $pid on" "$err" "certwiz ${cmd%% *} names the process holding it"
	has "since 20" "$err" "and since when"
done
[ -f "$apps_dir/$id/application.json" ]
ok $? "the draft is still there"

# A second wizard in a second terminal.
tm new-window -d -t w -n second "env TERM=xterm-256color LANG=C.UTF-8 \
    LC_ALL=C.UTF-8 HOME='$HOME' CERTWIZ_DATADIR='${CERTWIZ_DATADIR:-}' \
    '$CERTWIZ' resume $id; echo certwiz-exit=\$?"
second_says() {
	tm capture-pane -p -J -S -200 -t w:second | grep -q "$1"
}
ui_until 10 second_says "certwiz-exit=3"
ok $? "a second certwiz resume is refused (exit 3)"
ui_until 10 second_says "process $pid on"
ok $? "and told which process has it open"
tm capture-pane -p -J -S -200 -t w:second | head -3 | sed "s/^/# | /"

# A second wizard's Applications screen: opening or deleting the draft.
tm kill-window -t w:second
tm new-window -d -t w -n second "env TERM=xterm-256color LANG=C.UTF-8 \
    LC_ALL=C.UTF-8 HOME='$HOME' CERTWIZ_DATADIR='${CERTWIZ_DATADIR:-}' \
    '$CERTWIZ'; echo certwiz-exit=\$?"
ui_until 10 second_says "What would you like to do?"
ok $? "a second wizard starts"
# The menu: New application, the draft, View applications.
tm send-keys -t w:second Down Down Enter
ui_until 10 second_says "w withdraw"
ok $? "its Applications screen"
tm send-keys -t w:second Enter
ui_until 10 second_says "process $pid"
ok $? "opening the draft there says which process has it open"
tm send-keys -t w:second d
ui_until 10 second_says "Delete the draft $id"
ok $? "delete asks"
tm send-keys -t w:second Enter
second_asks() { second_says "cannot be undone"; }
ui_until 10 eval '! second_asks'
ok $? "the question is answered"
tm capture-pane -p -J -t w:second | grep -q "process $pid"
ok $? "and the answer names the process that has it open"
[ -f "$apps_dir/$id/application.json" ]
ok $? "and the draft is not deleted under the first wizard"
tm send-keys -t w:second C-q
ui_until 10 second_says "certwiz-exit=0"
ok $? "the second wizard quits"

# The first wizard is unharmed: it saves and goes on.
ui_keys C-s
ui_check "the first wizard still saves" "Draft saved"
[ "$(ui_json "$id" 'j["applicant"]["name"]')" = "Wang Wu" ]
ok $? "with what was typed there"

# Quit (saving): then the lock is free.
ui_keys C-q
ui_check "quit asks" "Save and quit"
ui_keys Enter
ui_check_exit 0 "the wizard ends"

# A lock file left by a process that died is taken over.
printf 'process 999999 on elsewhere, since 2026-01-01 00:00\n' \
    > "$apps_dir/$id/.lock"
ui_start resume "$id"
ui_check "a stale lock does not stop resume" "[Wang Wu"
newpid=$(ui_pid)
grep -q "process $newpid on" "$apps_dir/$id/.lock"
ok $? "the lock file names the new holder"
run delete "$id" --yes
expect_rc 3 "delete is refused while this wizard has it"
has "process $newpid on" "$err" "the holder is named"
ui_keys C-q
ui_check "quit asks" "Save and quit"
ui_keys Enter
ui_check_exit 0 "the wizard ends"

run delete "$id" --yes
expect_rc 0 "with no wizard on it, delete goes ahead"
[ ! -e "$apps_dir/$id" ]
ok $? "the folder is gone"

done_testing
