#!/bin/sh
# Terminal test: a draft is written when it holds something to keep.
# Visiting the Type screen (and going back) leaves no empty draft;
# "Quit without saving" on a draft begun in this run keeps nothing and
# does not say "Draft saved".
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

count_apps() { ls "$apps_dir" 2>/dev/null | wc -l | tr -d ' '; }

ui_start
ui_check "start" "What would you like to do?"
for i in 1 2 3; do
	ui_keys Enter
	ui_check "type, visit $i" "Which certificate did you buy?"
	ui_keys Enter
	ui_check "domains, visit $i" "Type a name and press Enter"
	ui_keys Escape
	ui_check "back on the type screen" "Which certificate did you buy?"
	ui_keys Escape
	ui_check "back at the start" "What would you like to do?"
done
[ "$(count_apps)" = 0 ]
ok $? "three visits to the Type screen left no draft ($(count_apps))"
lacks "Resume" "$(ui_screen)" "the start screen offers no empty draft"

ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_keys Enter
ui_check "domains" "Type a name and press Enter"
ui_type "www.mysite.cn"
ui_keys Enter
ui_check "added" "1. www.mysite.cn"
ui_keys Tab Tab Enter
ui_check "applicant" "Fields marked * are required."
[ "$(count_apps)" = 1 ]
ok $? "a draft with a domain is kept on the way"
ui_keys F10
ui_check "F10 asks" "Quit without saving"
ui_keys q
ui_check_exit 0 "Quit without saving ends the wizard"
lacks "saved" "$(ui_history)" "it does not say the draft was saved"
[ "$(count_apps)" = 0 ]
ok $? "a draft begun in this run is not kept"

done_testing
