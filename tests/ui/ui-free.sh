#!/bin/sh
# Terminal test: a complete free application, screen by screen, with the
# golden captures of each screen at 80x24.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start
ui_check "the start screen shows" "What would you like to do?"
ui_golden start
[ "$(ui_cursor)" = "9 22" ]
ok $? "the cursor sits on the highlighted entry ($(ui_cursor))"

ui_keys Enter
ui_check "New application opens the type screen" "Which certificate did you buy?"
ui_golden type
ui_keys Down
ui_check "the details follow the highlighted type" "Domains: 1 to 5 names"
ui_keys Up
ui_check "and come back" "Domains: exactly 1 name"
ui_keys Enter
ui_check "choosing free opens the domains" "Type a name and press Enter"
ui_check "step list: the type is done" "[x] Certificate type"
ui_check "step list: company not needed" "[-] Company"

ui_type "*.example.com"
ui_keys Enter
ui_check "free refuses a wildcard" "*.example.com is refused"
ui_keys C-u
ui_type "MySite.CN."
ui_keys Enter
ui_check "the name is added, normalised" "1. mysite.cn"
ui_golden domains
ui_keys Tab Tab Enter
ui_check "Next opens the applicant" "Fields marked * are required."
ui_golden applicant

# Chinese is laid out by display width: two columns a character.
ui_type "张三"
ui_check "a Chinese name" "[张三 "
[ "$(ui_cursor)" = "2 41" ]
ok $? "the cursor follows the display width ($(ui_cursor))"
[ "$(ui_line 2 | sed 's/.*\(.\)$/\1/')" = "]" ]
ok $? "the field keeps its closing bracket"
ui_keys BSpace BSpace
ui_type "Zhang San"
ui_keys Tab BTab
ui_check "back on the name" "[Zhang San"
[ "$(ui_cursor)" = "2 46" ]
ok $? "coming back puts the cursor after the text ($(ui_cursor))"
ui_keys Tab
ui_type "+86 138 0013 8000"
ui_keys Tab
ui_type "zs@example.com"
ui_keys Tab Tab Tab Enter
ui_check "the CSR screen" "How should the CSR be made?"
ui_golden csr
ui_keys Up
ui_check "automatic mode explains itself" "The CA makes the private key"
ui_keys Enter Enter
ui_check "the verification screen" "How will you prove"
ui_golden verification
ui_keys Tab Enter
ui_check "the confirm screen" "[ Submit ]"
ui_check "nothing left to fix" "Everything is complete"
ui_golden confirm
ui_keys Tab Tab Enter
ui_check "Save draft saves it" "Draft saved. Continue it later"

id=$(ui_last_id)
[ "$(ui_json "$id" 'j["state"]')" = draft ]
ok $? "the store has it as a draft"
[ "$(ui_json "$id" 'j["domains"]')" = "['mysite.cn']" ]
ok $? "with the domain in the form sent to the CA"
[ "$(ui_json "$id" 'j["applicant"]["email"]')" = zs@example.com ]
ok $? "and the applicant's email"
[ "$(ui_json "$id" 'j["csr"]["mode"] + " " + j["validation"]["method"]')" = "auto dns" ]
ok $? "automatic CSR, DNS validation"

ui_keys C-q
ui_check "quitting offers to save" "Save the draft before leaving?"
ui_keys Enter
ui_check_exit 0 "the wizard ends cleanly"
case "$(ui_history)" in
*"certwiz resume $id"*) ok 0 "and says how to continue" ;;
*) ok 1 "and says how to continue"; ui_history | sed 's/^/# | /' ;;
esac

ui_start list
ui_check "certwiz list shows it" "draft"

ui_start
ui_check "the start screen offers the draft" "Resume $id"
ui_keys Down Down Enter
ui_check "View all applications" "d delete"
ui_golden applications
ui_keys Escape
ui_check "Esc goes back to the start" "What would you like to do?"
ui_check "the latest draft is highlighted" "> Resume $id"
ui_keys Enter
ui_check "it opens where it was left" "[ Submit ]"
ui_check "with its record" "Zhang San"

done_testing
