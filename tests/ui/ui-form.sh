#!/bin/sh
# Terminal test: the field forms. An invalid email blocks Next with its
# message; Esc back and forth keeps every value; the country picker and
# the menus; tips; saving with Ctrl-S; a resize to 60x20 and back.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type screen" "Which certificate did you buy?"
ui_keys Down Down Enter
ui_check "the kind question" "Which kind of"
ui_keys Enter
ui_check "professional: the domains" "Type a name and press Enter"
ui_check "the company step is needed" "[ ] Company"
ui_type "shop.example.com"
ui_keys Enter
ui_check "name added" "1. shop.example.com"
ui_keys Tab Tab Enter
ui_check "applicant form" "Email *"

# An invalid email: leaving the field shows why, Next is refused and
# the focus goes back to it.
ui_type "Li Lei"
ui_keys Tab
ui_type "+86 138 0013 8000"
ui_keys Tab
ui_type "li.example.com"
ui_keys Tab
ui_check "leaving the email field shows the message" "not an email address"
ui_keys Tab Tab Enter
ui_check "Next is refused" "not an email address"
ui_check "the applicant is still the current step" "[>] Applicant"
[ "$(ui_cursor | cut -d' ' -f1)" = 6 ]
ok $? "the focus is on the email field (cursor at $(ui_cursor))"
ui_keys C-u
ui_type "li@example.com"
ui_keys Tab
ui_check_gone() { ui_wait_gone "$2"; ok $? "$1"; }
ui_check_gone "the message goes once it is fixed" "not an email address"

# The ID type menu.
ui_keys Enter
ui_check "Enter on ID type opens its menu" "Passport"
ui_keys Down Enter
ui_check "the choice shows in the field" "[Passport"
# Picking moved on to the ID number.
ui_type "E12345678"

# Tips for the focused field, with F1 and with Ctrl-G.
ui_keys F1
ui_check "F1 shows the tip of the field" "identity document"
ui_keys Escape
ui_wait_gone "Esc or Enter: close"
ok $? "Esc closes the tips"
ui_keys C-g
ui_check "Ctrl-G shows it too" "Esc or Enter: close"
ui_keys Enter
ui_wait_gone "Esc or Enter: close"
ok $? "Enter closes the tips"

ui_keys Tab Enter
ui_check "the company form" "Company name *"

# Typed in the company form, with the menus and the country picker.
ui_type "Example Technology Co., Ltd."
ui_keys Tab Enter
ui_check "company type menu" "Government entity"
# Picking moves on to the next field.
ui_keys Enter
ui_type "+86 10 8888 6666"
ui_keys Tab
ui_type "91350100M000100Y43"
ui_keys Tab Enter
ui_check "the country picker" "Country (type its code)"
ui_type "CN"
ui_check "typing the code finds it" "> CN  China"
ui_keys Enter
ui_check "the country shows with its name" "[CN  China"
ui_type "Zhejiang"
ui_keys Tab
ui_type "Hangzhou"
ui_keys Tab
ui_type "969 West Wenyi Road"

# Resize mid-form: a small terminal gets the message, the values stay.
ui_resize 60 20
ui_check "60x20 asks to enlarge the terminal" "Please enlarge the terminal"
ui_check "and says the size" "60x20 now"
ui_type "ignored"
ui_resize 80 24
ui_check "80x24 brings the form back" "Company name *"
ui_check "with what was typed" "[969 West Wenyi Road"
ui_wait_gone "ignored"
ok $? "keys typed while too small went nowhere"
ui_resize 200 50
ui_check "a large terminal works too" "Company name *"
ui_until 10 ui_line_is 49 " Tab move"
ok $? "the hint bar is on the last line at 200x50"
ui_resize 80 24
ui_check "back to 80x24" "[969 West Wenyi Road"
tm resize-window -t w -x 8 -y 4
ui_check "8x4: the request to enlarge, cut to fit" "Plea"
ui_resize 80 24
ui_check "the form is whole again" "[969 West Wenyi Road"

ui_keys Tab
ui_type "310000"
ui_keys C-s
ui_check "Ctrl-S saves the draft" "Draft saved"
id=$(ui_last_id)
[ "$(ui_json "$id" 'j["company"]["zip"]')" = 310000 ]
ok $? "the saved draft has the zip code"

# Back to the domains and forward again: every value is still there.
ui_keys Escape
ui_check "Esc goes back to the applicant" "Email *"
ui_check "the email is kept" "[li@example.com"
ui_check "the ID type is kept" "[Passport"
ui_check "the ID number is kept" "[E12345678"
ui_keys Escape
ui_check "Esc again: the domains" "1. shop.example.com"
ui_keys Escape
ui_check "Esc again: the type" "> professional"
ui_keys Enter
ui_check "the kind question, the same type kept" "Which kind of"
ui_keys Enter
ui_check "forward again" "1. shop.example.com"
ui_keys Tab Tab Enter
ui_check "the applicant kept the name" "[Li Lei"
ui_check "and the phone" "[+8613800138000"
ui_keys Tab Tab Tab Tab Tab Enter
ui_check "the company form again" "Company name *"
for v in "Example Technology Co., Ltd." "Private organization" \
    "+861088886666" "91350100M000100Y43" "CN  China" "Zhejiang" \
    "Hangzhou" "969 West Wenyi Road" "310000"; do
	ui_check "kept: $v" "[$v"
done
ui_golden company

ui_keys F10
ui_check "F10 offers to save" "Save the draft before leaving?"
ui_keys Escape
ui_wait_gone "Save the draft before leaving?"
ok $? "Esc closes the dialog"
ui_keys C-q
ui_check "Ctrl-Q too" "Save the draft before leaving?"
ui_keys q
ui_check_exit 0 "Quit without saving ends"

done_testing
