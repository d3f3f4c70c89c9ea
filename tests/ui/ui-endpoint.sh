#!/bin/sh
# Terminal test: the Applications screen asks the CA about an order where
# it was sent, the endpoint kept with the application, as certwiz status
# does: not the endpoint the config names today.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
. "$top_srcdir/tests/ui/tmux.sh"
. "$top_srcdir/tests/cas-lib.sh"

start_server good
UI_ENV="ALIBABA_CLOUD_ACCESS_KEY_ID='$KEY_ID' \
    ALIBABA_CLOUD_ACCESS_KEY_SECRET='$SECRET' CERTWIZ_TIMEOUT=5"
export ALIBABA_CLOUD_ACCESS_KEY_ID="$KEY_ID"
export ALIBABA_CLOUD_ACCESS_KEY_SECRET="$SECRET"

# Sent to the test CA, the endpoint the config names.
mkdir -p "$HOME/.config/certwiz"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
printf '{"type": "free", "domains": ["www.mysite.cn"], "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}, "csr": {"mode": "auto"}, "validation": {"method": "dns"}}\n' > "$T/a.json"
run apply --answers "$T/a.json" --json
expect_rc 0 "submitted to the test CA"
id=$(printf '%s\n' "$out" | json_get 'j["id"]')
[ "$(ui_json "$id" 'j["backend"]["endpoint"]')" != "" ]
ok $? "the application keeps the endpoint"

# Today's config names another endpoint, where nothing listens (the CA
# moved, or the user tried another region).
printf 'backend = cas\nendpoint = https://127.0.0.1:1\ncacert = %s\n' \
	"$T/ca.pem" > "$HOME/.config/certwiz/config"
run status "$id"
expect_rc 0 "certwiz status asks where the order was sent"

oid=$(ctl '{"op":"orders"}' | json_get "j[0]['id']")
ctl "{\"op\":\"state\",\"order\":$oid,\"type\":\"certificate\"}" >/dev/null
ui_start
ui_check "start" "What would you like to do?"
ui_keys Down Enter
ui_check "the applications" "w withdraw"
ui_check "the application is listed" "$id"
ui_keys r
ui_check "r asks the CA where the order was sent: issued" "State: issued" 20
[ "$(ui_json "$id" 'j["state"]')" = issued ]
ok $? "the store has it issued"
ui_keys C-q
ui_check_exit 0 "the wizard ends"
done_testing
