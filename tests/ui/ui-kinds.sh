#!/bin/sh
# Terminal test: the Type screen asks which domain kind was bought, as the
# console's purchase page does; the Domains screen notes the name the CA
# adds free, does not count it when typed again, and refuses a second
# wildcard as it is typed (DESIGN 2).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_check "free is sold as one kind" "Sold as: single domain"
ui_keys Down
ui_check "standard is sold as three" "Sold as: single domain, multiple"
ui_check "one wildcard per certificate" "one per certificate"
ui_keys Enter
ui_check "the kind question" \
    "Which kind of Standard DV certificate did you buy?"
ui_check "the single kind, with its product" \
    "single domain (geotrust-dv-1-starter)"
ui_check "the multi kind" "multiple domains (no API product code)"
ui_check "the wildcard kind" "wildcard domain (geotrust-dv-w-starter)"
ui_check "or from the names" "not sure: decide from the names I enter"
ui_keys Escape
ui_check "Esc goes back to the types" "Which certificate did you buy?"
ui_keys Enter
ui_check "the kind question again" "Which kind of"
ui_check "not sure is chosen until the user says" "> not sure"
ui_keys Up Enter
ui_check "wildcard: the domains" "Type a name and press Enter"

ui_type "*.mysite.cn"
ui_keys Enter
ui_check "the wildcard is added" "1. *.mysite.cn"
ui_check "the parent comes free" "mysite.cn is included free with *.mysite.cn"
ui_type "mysite.cn"
ui_keys Enter
ui_check "typed again, it is noted" "not sent twice"
ui_type "*.other.cn"
ui_keys Enter
ui_check "a second wildcard is refused at entry" "*.other.cn is refused"
ui_check "with the limit" "a certificate binds one wildcard"
ui_screen | grep -q "3\. \*\.other\.cn"
ok $((! $?)) "and it is not in the list"
ui_keys C-s
ui_check "the draft is saved" "saved"
id=$(ui_last_id)
[ "$(ui_json "$id" 'j["kind"]')" = wildcard ]
ok $? "the draft keeps the kind bought"

# A free application: the single kind is not asked, www comes free.
ui_stop
rm -rf "${apps_dir:?}/$id"
ui_start
ui_check "start again" "What would you like to do?"
ui_keys Enter
ui_check "the type screen" "Which certificate did you buy?"
ui_keys Enter
ui_check "free: no kind question, the domains" "Type a name and press Enter"
ui_type "mysite.cn"
ui_keys Enter
ui_check "www comes free with a single name" \
    "www.mysite.cn is included free with mysite.cn"
ui_keys C-u
ui_type "www.example.com"
ui_keys Enter
ui_check "the audit word is refused, named" "word \"example\""
done_testing
