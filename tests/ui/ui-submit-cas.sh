#!/bin/sh
# Terminal test: the whole wizard submits a standard application to the
# test CA API server (backend = cas in the config file). The Type screen
# shows the quota; a refused submission and a lost answer stay on the
# Confirm screen with what to do; the Submitted screen shows the _dnsauth
# TXT record; once the CA issues, refresh on the Applications screen
# shows it issued.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
. "$top_srcdir/tests/ui/tmux.sh"
. "$top_srcdir/tests/cas-lib.sh"

start_server good
mkdir -p "$HOME/.config/certwiz"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
UI_ENV="ALIBABA_CLOUD_ACCESS_KEY_ID='$KEY_ID' \
    ALIBABA_CLOUD_ACCESS_KEY_SECRET='$SECRET' CERTWIZ_TIMEOUT=5"
n_orders() { ctl '{"op":"orders"}' | json_get "len(j)"; }
ctl '{"op":"quota","product":"geotrust-dv-1-starter","total":5,"used":2}' >/dev/null

ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_check "the free type's quota, from the CA" \
    "Remaining in your plan: single domain: 20 of 20 left"
ui_keys Down
ui_check "the standard type's quota, per kind" \
    "single domain: 3 of 5 left"
ui_check "with the wildcard kind's" "wildcard domain: 20 of 20 left"
ui_keys Enter
ui_check "the kind question" "Which kind of"
ui_check "shows the units left per kind" "(geotrust-dv-w-starter): 20 of 20 left"
ui_keys Enter
ui_check "standard: domains" "Type a name and press Enter"
ui_type "example.com"
ui_keys Enter
ui_type "www.example.com"
ui_keys Enter
ui_check "two names" "2. www.example.com"
ui_keys Tab Tab Enter
ui_check "applicant" "Fields marked * are required."
ui_type "Li Lei"
ui_keys Tab
ui_type "+86 138 0013 8000"
ui_keys Tab
ui_type "admin@example.com"
ui_keys Tab Tab Tab Enter
ui_check "CSR" "How should the CSR be made?"
ui_keys Up Enter Enter
ui_check "verification" "How will you prove"
ui_keys Tab Enter
ui_check "confirm" "[ Submit ]"
id=$(ui_last_id)

# The CA refuses every call (throttled): its code, request id and what
# to do are on the page; nothing was sent.
ctl '{"op":"fault","action":"DescribePackageState","kind":"throttle","count":100}' >/dev/null
ui_keys Enter
ui_check "an API error is shown" "The submission did not go through" 30
ui_check "with the CA's code" "Throttling.User"
ui_check "and its request id" "[request id"
ui_check "and what to do" "wait a minute"
ui_check "and that nothing was sent" "Nothing was sent"
ctl '{"op":"clear"}' >/dev/null

# No quota left: nothing is sent, the reason is on the screen.
ctl '{"op":"quota","product":"geotrust-dv-1-starter","total":1,"used":1}' >/dev/null
ui_keys Enter
ui_check "a refused submission is shown" "The submission did not go through"
ui_check "with the reason" "no quota left"
ui_check "and what to do" "Buy a resource plan"
[ "$(ui_json "$id" 'j["state"]')" = ready ] && [ "$(n_orders)" = 0 ]
ok $? "nothing sent, the application is still ready"

# The answer is lost after the CA made the order: "being sent", and the
# next Submit finds the order instead of making a second one.
ctl '{"op":"quota","product":"geotrust-dv-1-starter","total":5,"used":0}' >/dev/null
ctl '{"op":"fault","action":"CreateCertificateForPackageRequest","kind":"drop","count":1}' >/dev/null
ctl '{"op":"fault","action":"ListUserCertificateOrder","kind":"http500","count":100}' >/dev/null
ui_keys Enter
ui_check "a lost answer is shown" "answer was lost"
[ "$(ui_json "$id" 'j["state"]')" = sending ]
ok $? "the application is being sent ($(ui_json "$id" 'j["state"]'))"
[ "$(n_orders)" = 1 ]
ok $? "the CA has one order"
ctl '{"op":"clear"}' >/dev/null

# A slow CA: a spinner, and neither Esc nor Ctrl-Q leaves a request
# half-way.
ctl '{"op":"fault","action":"ListUserCertificateOrder","kind":"slow","delay":3,"count":1}' >/dev/null
ui_keys Enter
ui_check "a spinner while the CA answers" "Sending the application to the CA"
ui_keys Escape
ui_check "Esc does not leave a request half-way" "on its way to the CA: wait"
ui_keys C-q
ui_check "nor does Ctrl-Q" "wait for its answer before leaving"
lacks "Save the draft before leaving" "$(ui_screen)" "no quit dialog"
ui_check "Submit again: the Submitted screen" "Publish this DNS record" 20
ui_check "the record's name" "_dnsauth.example.com"
ui_check "its type" "Type:  TXT"
token=$(ctl '{"op":"orders"}' | json_get "j[0]['token']")
ui_check "its value, as the CA gave it" "$token"
ui_check "keep the phone on" "Keep your phone on and watch your mailbox"
ui_check "the expected issuance" "Expected issuance: 1-15 minutes"
ui_check "the validity" "Validity: "
[ "$(n_orders)" = 1 ]
ok $? "still exactly one order at the CA"
[ "$(ui_json "$id" 'j["state"] + " " + j["backend"]["name"]')" = "awaiting-validation cas" ]
ok $? "the store has it awaiting validation"

# The CA issues; r on the Applications screen asks it.
oid=$(ctl '{"op":"orders"}' | json_get "j[0]['id']")
ctl "{\"op\":\"state\",\"order\":$oid,\"type\":\"certificate\"}" >/dev/null
ui_keys Enter
ui_check "Enter goes to the applications" "w withdraw"
ui_check "the application is listed as awaiting validation" "awaiting-validation"
ui_keys r
ui_check "r asks the CA: issued" "State: issued" 20
[ "$(ui_json "$id" 'j["state"]')" = issued ]
ok $? "the store has it issued"
[ -s "$apps_dir/$id/certificate.pem" ]
ok $? "the certificate is in the application's folder"
[ "$(file_mode "$apps_dir/$id/key.pem")" = 600 ]
ok $? "and the CA-made key, 0600"

ui_keys w
ui_check "an issued application cannot be withdrawn" "can no longer be withdrawn"

ui_keys C-q
ui_check_exit 0 "the wizard ends"
[ "$(n_orders)" = 1 ]
ok $? "one order in all"

done_testing
