#!/bin/sh
# Terminal test: the Confirm page. An optional field left empty is not
# listed ("ID type: (empty)" for the free type); PgDn stops at the last
# page, which is full, never an empty one.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

# A draft left on Confirm: a standard application with five names, whose
# page is longer than the screen.
cat > "$TEST_TMP/a.json" <<JSON
{"type": "standard", "domains": ["www.mysite.cn", "shop.mysite.cn",
   "mail.mysite.cn", "api.mysite.cn", "img.mysite.cn"],
 "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000",
   "email": "admin@mysite.cn"},
 "csr": {"mode": "auto"}, "validation": {"method": "dns"}}
JSON
run apply --answers "$TEST_TMP/a.json" --json
expect_rc 0 "an application prepared with the local backend"
id=$(printf "%s\n" "$out" | python3 -c "import json,sys; print(json.load(sys.stdin)[\"id\"])")
python3 - "$apps_dir/$id/application.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["state"] = "draft"
j["screen"] = "confirm"
del j["backend"]
json.dump(j, open(sys.argv[1], "w"))
PY
ok $? "made a draft left on Confirm"

ui_start resume "$id"
ui_check "Confirm" "[ Submit ]"
ui_check "the page goes on below" "vvv"
ui_keys NPage
ui_check "PgDn: the last page" "DNS: add a TXT record"
ui_check "is full: it begins above the domains" "5. img.mysite.cn"
ui_check "and says there is more above" "^^^"
ui_keys NPage NPage
ui_check "PgDn again stays on it" "DNS: add a TXT record"
ui_check "(still full)" "Name: Li Lei"
ui_wait_gone "ID type"
ok $? "the optional ID type left empty is not listed"
ui_wait_gone "(empty)"
ok $? "nothing is listed as (empty)"
ui_keys PPage PPage
ui_check "PgUp: the top again" "Everything is complete"

done_testing
