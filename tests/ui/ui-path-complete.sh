#!/bin/sh
# Terminal test: Tab completion of a path lists the folder's names even
# when one of them is not valid UTF-8 (shown with '?' for the bad byte).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

pick="$HOME/pick"
mkdir -p "$pick"
: > "$pick/cab.json"
: > "$pick/cat.json"
# "café.json" in Latin-1: the é is the lone byte 0xe9.
: > "$pick/$(printf 'caf\351.json')"

ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_keys Enter
ui_check "domains" "Type a name and press Enter"
ui_type "www.mysite.cn"
ui_keys Enter
ui_check "added" "1. www.mysite.cn"
ui_keys Tab Tab Enter
ui_check "applicant" "Fields marked * are required."
ui_type "Zhang San"
ui_keys Tab
ui_type "+86 138 0013 8000"
ui_keys Tab
ui_type "zs@example.com"
ui_keys Tab Tab Tab Enter
ui_check "CSR" "How should the CSR be made?"
ui_keys Up Enter Enter
ui_check "verification" "How will you prove"
ui_keys Tab Enter
ui_check "confirm" "[ Submit ]"
ui_keys Tab Tab Tab Enter
ui_check "the answers file prompt" "Save as answers file"
ui_keys C-u
ui_type "$pick/ca"
ui_keys Tab
ui_check "Tab lists the names, the one that is not UTF-8 too" \
    "cab.json  caf?.json  cat.json"
ui_type "t"
ui_keys Tab
ui_check "completion goes on" "pick/cat.json"
ui_keys Escape
ui_wait_gone "Save as answers file"
ok $? "Esc closes the prompt"

done_testing
