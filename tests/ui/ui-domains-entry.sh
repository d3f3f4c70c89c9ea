#!/bin/sh
# Terminal test: the Domains screen's entry. The free type binds one
# name: a second is refused as it is typed, with the type's limit (the
# core's list rule, as `certwiz check domain` says it), and never enters
# the list. The status line follows the list: "Added bücher.de" goes
# when that name is deleted. Enter on the empty line is never silent: it
# says a name is expected, or with names in the list moves on to Next.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start_free
# Enter on the empty line is not silent.
ui_keys Enter
ui_check "Enter with no name says what is expected" \
    "Enter at least one domain name"
ui_type "bücher.de"
ui_keys Enter
ui_check "the first name is added" "Added bücher.de"
ui_type "www.mysite.cn"
ui_keys Enter
ui_check "a second name is refused at entry" "www.mysite.cn is refused"
ui_check "with the type's limit" "exactly one name, and 2 were given"
# The same rule, from the same core function, as the CLI says it.
run check domain --type free bücher.de www.mysite.cn
expect_rc 1 "check domain refuses the same two names"
has "exactly one name, and 2 were given" "$err" "with the same message"
ui_screen | grep -q "2\. www\.mysite\.cn"
ok $((! $?)) "and it is not in the list"
ui_wait_gone "Added bücher.de"
ok $? "the refusal replaced the earlier status"
ui_keys Tab
ui_keys d
ui_check "deleting says so" "Deleted bücher.de."
ui_wait_gone "1. bücher.de"
ok $? "the name left the list"
ui_wait_gone "Added bücher.de"
ok $? "and no stale 'Added' is left"
# The name refused before can now be added: the input kept it, and
# the focus went back to it with the list empty.
ui_keys Enter
ui_check "the kept name goes in now" "1. www.mysite.cn"
ui_wait_gone "is refused"
ok $? "with no refusal left on the screen"
# With a name in the list, Enter on the empty line moves on to Next.
ui_keys Enter Enter
ui_check "Enter, Enter: on to the Applicant screen" \
    "Fields marked * are required."

done_testing
