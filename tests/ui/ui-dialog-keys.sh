#!/bin/sh
# Terminal test: every dialog says, in the dialog itself, which key
# answers and which cancels: a question (quit, delete) names the button
# Enter takes and the one Esc takes, and follows the focus; a list to
# choose from and a one-line prompt say Enter and Esc too.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start_free
ui_to_applicant
# A list to choose from (a menu field).
ui_keys Tab Tab Tab
ui_check "on ID type" "[(press Enter to choose)"
ui_keys Enter
ui_check "the list is open" "> Chinese resident ID card"
ui_check "the list says its keys" "Enter: choose   Esc: cancel"
ui_keys Escape
ui_wait_gone "Enter: choose"
ok $? "Esc closes it"
# The quit question, three buttons.
ui_keys C-q
ui_check "the quit question" "Save the draft before leaving?"
ui_check "names Enter's and Esc's answers" \
    "Enter: Save and quit   Esc: Cancel   Tab: other choices"
ui_keys Tab
ui_check "the keys follow the focus" \
    "Enter: Quit without saving   Esc: Cancel"
ui_keys Escape
ui_wait_gone "Save the draft before leaving?"
ok $? "Esc cancels, as it said"
ui_check "still on the Applicant screen" "Fields marked * are required."
ui_keys C-s
ui_check "saved" "Draft saved"
id=$(ui_last_id)
ui_stop

# The delete question, whose default is to keep.
ui_start
ui_check "start again" "What would you like to do?"
ui_keys Down Down Enter
ui_check "the applications" "w withdraw"
ui_keys d
ui_check "the delete question" "[ Delete ]"
ui_check "says how to delete and how to keep" \
    "Tab, then Enter: Delete   Enter or Esc: Keep"
ui_keys Tab
ui_check "with Delete focused" "Enter: Delete   Esc: Keep"
ui_keys Escape
ui_wait_gone "[ Delete ]"
ok $? "Esc closes it"
[ -d "$apps_dir/$id" ]
ok $? "and kept the draft"
ui_stop

# In Chinese, with the translated buttons and full-width colons.
zh_locale=""
for l in zh_CN.UTF-8 C.UTF-8; do
	if [ "$(LC_ALL=$l locale charmap 2>/dev/null)" = UTF-8 ]; then
		zh_locale=$l
		break
	fi
done
if [ -z "$zh_locale" ]; then
	skip "no UTF-8 locale for the Chinese run"
else
	UI_ENV="LANGUAGE=zh_CN LANG=$zh_locale LC_ALL=$zh_locale \
CERTWIZ_LOCALEDIR='${CERTWIZ_LOCALEDIR:-}'"
	ui_start resume "$id"
	ui_check "zh: the draft" "标有 * 的为必填项。"
	ui_keys C-q
	ui_check "zh: the quit question says its keys" \
	    "Enter：保存并退出   Esc：取消   Tab：其他选项"
	ui_keys Escape
	ui_wait_gone "Esc：取消"
	ok $? "zh: Esc cancels"
fi

done_testing
