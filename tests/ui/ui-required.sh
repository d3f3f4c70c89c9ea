#!/bin/sh
# Terminal test: Next on a form with missing fields marks every missing
# field at once (! before its label), focuses the first and says how
# many more are marked; an empty list field says "choose one", never an
# internal value as an example.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_keys Down Down Enter
ui_check "the kind question" "Which kind of"
ui_keys Enter
ui_check "professional: the domains" "Type a name and press Enter"
ui_type "shop.mysite.cn"
ui_keys Enter Tab Tab Enter
ui_check "applicant" "Email *"
ui_type "Chen Qi"
ui_keys Tab
ui_type "+86 138 0013 8000"
ui_keys Tab
ui_type "chen@mysite.cn"
ui_keys Tab Tab Tab Enter
ui_check "the company form" "Company name *"

# marked: how many labels have the ! mark.
marked() { ui_screen | grep -c ' ! [^ ]'; }

ui_keys BTab BTab Enter
ui_check "an empty form is refused, the first field named" \
    "Company name is required"
ui_check "the message says more fields are marked" "more fields marked !"
n=$(marked)
[ "$n" -ge 3 ]
ok $? "every missing field is marked at once ($n)"
ui_type "Mysite Ltd"
ui_check "the focus is on the first one" "[Mysite Ltd"

ui_keys BTab BTab Enter
ui_check "a list field says choose one" "Type of company is required: choose one"
ui_wait_gone "for example"
ok $? "with no internal value as an example"
n2=$(marked)
[ "$n2" -eq $((n - 1)) ]
ok $? "one mark fewer once the name is there ($n2)"
ui_keys Enter
ui_check "the focus is on the list: Enter opens it" "Government entity"
ui_keys Escape
ui_wait_gone "Government entity"
ok $? "Esc closes the list"
ui_keys F1
ui_check "the list's tip" "Esc or Enter: close"
ui_wait_gone "Example: private"
ok $? "the tip shows no internal value as an example"

done_testing
