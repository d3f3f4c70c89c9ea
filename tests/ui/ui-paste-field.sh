#!/bin/sh
# Terminal test: a paste into a one-line field stays in that field. Two
# pasted lines become one, their line end a space (the second line never
# lands in the next field); a paste longer than the field holds is cut
# with a message that says so.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start_free
ui_to_applicant

printf 'Zhang\nSan\n' > "$TEST_TMP/two-lines"
tm load-buffer "$TEST_TMP/two-lines"
tm paste-buffer -p -t w
ui_check "two pasted lines stay in Name, joined by a space" "[Zhang San "
ui_type "X"
ui_check "the focus is still on Name" "[Zhang SanX "
ui_keys C-s
ui_check "saved" "Draft saved"
id=$(ui_last_id)
[ "$(ui_json "$id" 'j["applicant"].get("phone") or "-"')" = "-" ]
ok $? "nothing went into Phone"

ui_keys C-u
python3 -c 'print("W" * 300, end="")' > "$TEST_TMP/long"
tm load-buffer "$TEST_TMP/long"
tm paste-buffer -p -t w
ui_check "a cut paste says so" "The paste was cut"
ui_check "with how much was left out" "were left out"
ui_keys C-s
ui_check "saved again" "Draft saved"
n=$(ui_json "$id" 'len(j["applicant"]["name"])')
[ "$n" -gt 0 ] && [ "$n" -lt 300 ]
ok $? "the field kept what it holds ($n characters)"

done_testing
