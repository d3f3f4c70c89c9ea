#!/bin/sh
# CLI tests of the cas backend against the test CA API server
# (tests/cas-server.py): submit, status, withdraw, reopen, injected faults,
# and TLS verification.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi

. "$top_srcdir/tests/cas-lib.sh"

start_server good

# --- submit, status, issuance ----------------------------------------------
mkapp aaaa-0001 free dns auto www.mysite.cn
run submit aaaa-0001 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "submit to the test server"
has "_dnsauth.www.mysite.cn" "$out" "shows the DNS record's name"
has "TXT" "$out" "and its type"
has "Keep your phone on" "$out" "and what happens next"
[ "$(state_of aaaa-0001)" = "awaiting-validation" ]
ok $? "the application awaits validation"
oid=$(order_of aaaa-0001)
[ "$oid" -gt 9007199254740992 ]
ok $? "the OrderId beyond 2^53 is kept exactly ($oid)"
value=$(ctl '{"op":"orders"}' | json_get "j[0]['token']")
has "$value" "$out" "the record value is the server's"
[ "$(n_orders)" = 1 ]
ok $? "exactly one order at the CA"
sent=$(ctl '{"op":"orders"}' | json_get "j[0]['product'], j[0]['validate'], j[0]['username'], j[0]['has_csr']")
[ "$sent" = "digicert-free-1-free DNS Li Lei False" ]
ok $? "product, ValidateType and applicant sent; no CSR in auto mode ($sent)"

run status aaaa-0001 --json --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "status --json"
v=$(printf '%s' "$out" | json_get "j['state'], j['dns_record']['name'], j['validity_days'], j['expected_issuance']['after_validation']")
[ "$v" = "awaiting-validation _dnsauth.www.mysite.cn 90 True" ]
ok $? "status --json has state, record, validity, issuance ($v)"

ctl "{\"op\":\"state\",\"order\":$oid,\"type\":\"process\"}" >/dev/null
run status aaaa-0001 --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "status while under review"
has "under review" "$out" "says under review in words"

ctl "{\"op\":\"state\",\"order\":$oid,\"type\":\"certificate\",\"wrong_key\":true}" >/dev/null
run status aaaa-0001 --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 3 "a CA-made key that is not the certificate's is refused"
has "does not belong" "$err" "and says so"
[ ! -e "$apps/aaaa-0001/key.pem" ] && [ ! -e "$apps/aaaa-0001/certificate.pem" ]
ok $? "and nothing is saved"
ctl "{\"op\":\"state\",\"order\":$oid,\"type\":\"certificate\"}" >/dev/null
run status aaaa-0001 --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "status once issued"
has "issued" "$out" "says issued"
[ -f "$apps/aaaa-0001/certificate.pem" ]
ok $? "the certificate is saved in the folder"
[ "$(file_mode "$apps/aaaa-0001/key.pem")" = 600 ]
ok $? "the CA-made key is saved with mode 0600"
has "Valid:" "$out" "shows the validity period"
has "aaaa-0001/key.pem" "$out" "and where the key is"
run withdraw aaaa-0001 --yes
expect_rc 1 "an issued application cannot be withdrawn"
has "revoked" "$err" "and says what can be done instead"

# --- a CSR made here: the certificate must match it ------------------------
openssl req -new $ecparam -keyout "$T/req.key" -out "$T/req.pem" \
	-subj "/CN=shop.example.com" >/dev/null 2>&1
mkapp bbbb-0002 standard file manual shop.example.com
run submit bbbb-0002 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "submit with a CSR and file validation"
has "fileauth.txt" "$out" "shows the file to publish"
oid=$(order_of bbbb-0002)
sent=$(ctl '{"op":"orders"}' | json_get "[(o['validate'], o['has_csr']) for o in j if o['id']==$oid][0]")
[ "$sent" = "('FILE', True)" ]
ok $? "ValidateType FILE and the CSR were sent ($sent)"
ctl "{\"op\":\"state\",\"order\":$oid,\"type\":\"certificate\",\"mismatch\":true}" >/dev/null
run status bbbb-0002 --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 3 "a certificate for another key is refused"
has "different key" "$err" "and says so"
[ ! -f "$apps/bbbb-0002/certificate.pem" ]
ok $? "and is not saved"
ctl "{\"op\":\"state\",\"order\":$oid,\"type\":\"certificate\"}" >/dev/null
run status bbbb-0002 --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "the matching certificate is accepted"
[ -f "$apps/bbbb-0002/certificate.pem" ] && [ ! -e "$apps/bbbb-0002/key.pem" ]
ok $? "the certificate is saved and no key is invented"

# --- professional: the company profile first ---------------------------------
mkapp cccc-0003 professional dns auto www.example.net
run submit cccc-0003 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "submit a professional application"
calls=$(ctl '{"op":"requests"}' | json_get "j.get('CreateCompany', 0)")
[ "$calls" = 1 ]
ok $? "CreateCompany was called once"
has "Upload the qualification documents" "$out" "says where to upload documents"

# --- withdraw, return the quota, reopen --------------------------------------
mkapp dddd-0004 free dns auto api.mysite.cn
run submit dddd-0004 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "submit another"
oid=$(order_of dddd-0004)
run withdraw dddd-0004
expect_rc 2 "withdraw without a terminal and without --yes"
has "--yes" "$err" "says to add --yes"
run withdraw dddd-0004 --yes --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "withdraw --yes"
has "withdrawn" "$out" "says it is withdrawn"
has "back in your plan" "$out" "and that the quota is returned"
[ "$(state_of dddd-0004)" = withdrawn ]
ok $? "the state is withdrawn"
left=$(ctl '{"op":"orders"}' | json_get "len([o for o in j if o['id']==$oid])")
[ "$left" = 0 ]
ok $? "the order was deleted at the CA (quota back)"
run reopen dddd-0004
expect_rc 0 "reopen"
[ "$(state_of dddd-0004)" = draft ]
ok $? "the application is a draft again"
[ "$(order_of dddd-0004)" = 0 ]
ok $? "and forgets the old order"
run reopen dddd-0004
expect_rc 1 "a draft cannot be reopened"
run submit dddd-0004 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "the reopened application can be submitted again"

# A rejected application: withdraw returns its quota without a cancel.
oid=$(order_of dddd-0004)
ctl "{\"op\":\"state\",\"order\":$oid,\"type\":\"verify_fail\"}" >/dev/null
run status dddd-0004 --endpoint "$endpoint" --cacert "$T/ca.pem"
has "rejected" "$out" "a failed validation shows as rejected"
run withdraw dddd-0004 --yes --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "withdraw a rejected application"
left=$(ctl '{"op":"orders"}' | json_get "len([o for o in j if o['id']==$oid])")
[ "$left" = 0 ]
ok $? "its order was deleted"

# A withdrawn order that still holds its unit stays withdrawn on refresh.
mkapp rrrr-0018 free dns auto www2.mysite.cn
run submit rrrr-0018 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
oid=$(order_of rrrr-0018)
ctl "{\"op\":\"state\",\"order\":$oid,\"type\":\"verify_fail\"}" >/dev/null
run status rrrr-0018 --endpoint "$endpoint" --cacert "$T/ca.pem"
sed -i 's/"state": "rejected"/"state": "withdrawn"/' "$apps/rrrr-0018/application.json"
run status rrrr-0018 --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "status of a withdrawn order that keeps its unit"
[ "$(state_of rrrr-0018)" = withdrawn ]
ok $? "stays withdrawn"
has "certwiz withdraw rrrr-0018" "$out" "and says how to return the unit"
run reopen rrrr-0018
expect_rc 1 "reopen is refused while the order holds a unit"
has "return it first" "$err" "and says why"

# --- injected faults: every one ends clearly and consistently ---------------
fault_submit() {	# fault_submit ID KIND [COUNT [DELAY]]
	mkapp "$1" free dns auto "$1.mysite.cn"
	ctl "{\"op\":\"fault\",\"action\":\"CreateCertificateForPackageRequest\",\"kind\":\"$2\",\"count\":${3:-1},\"delay\":${4:-0}}" >/dev/null
	before=$(n_orders)
	run submit "$1" --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
	after=$(n_orders)
}

fault_submit eeee-0005 drop
expect_rc 0 "a dropped connection after the request is resolved"
[ $((after - before)) = 1 ]
ok $? "a dropped connection on submit creates exactly one order"
[ "$(state_of eeee-0005)" = awaiting-validation ]
ok $? "and the application has that order"
has "_dnsauth" "$out" "and shows the record"

fault_submit ffff-0006 slow 1 6
expect_rc 0 "an answer slower than the timeout is resolved"
[ $((after - before)) = 1 ]
ok $? "a timed-out submit creates exactly one order"

fault_submit gggg-0007 malformed
expect_rc 0 "a malformed answer to submit is resolved"
[ $((after - before)) = 1 ]
ok $? "a malformed answer creates exactly one order"

fault_submit hhhh-0008 throttle 2
expect_rc 0 "throttling is retried with backoff"
[ $((after - before)) = 1 ]
ok $? "one order after throttling"

fault_submit iiii-0009 http503 1
expect_rc 0 "a 503 is retried"
[ $((after - before)) = 1 ]
ok $? "one order after a 503"

fault_submit jjjj-0010 http500 1
expect_rc 3 "a 500 on submit is an unknown outcome"
has "outcome is unknown" "$err" "says the outcome is unknown"
has "InternalError" "$err" "shows the code"
has "request id" "$err" "shows the request id"
[ "$(state_of jjjj-0010)" = sending ]
ok $? "the application stays 'sending'"
[ $((after - before)) = 0 ]
ok $? "no order was made"
run submit jjjj-0010 --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "submitting again checks and then sends"
[ "$(n_orders)" = $((after + 1)) ]
ok $? "exactly one order after the second submit"

# A lost answer whose order exists is adopted, not sent again.
ctl '{"op":"fault","action":"ListUserCertificateOrder","kind":"http500","count":100}' >/dev/null
fault_submit llll-0012 drop
ctl '{"op":"clear"}' >/dev/null
expect_rc 3 "a drop while the order list fails leaves the outcome unknown"
[ "$(state_of llll-0012)" = sending ]
ok $? "the application stays 'sending'"
run status llll-0012 --endpoint "$endpoint" --cacert "$T/ca.pem"
has "certwiz submit llll-0012" "$out" "status says how to settle it"
n1=$(n_orders)
run submit llll-0012 --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "the next submit finds the order"
[ "$(n_orders)" = "$n1" ]
ok $? "and sends nothing again"
[ "$(state_of llll-0012)" = awaiting-validation ]
ok $? "and adopts the order"

# Resolving over several pages, next to an older order of the same name.
ctl '{"op":"page_size","n":1}' >/dev/null
ctl '{"op":"fault","action":"CreateCertificateForPackageRequest","kind":"drop","count":1}' >/dev/null
mkapp ssss-0019 free dns auto www.mysite.cn
n1=$(n_orders)
run submit ssss-0019 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "a lost answer is resolved across pages"
[ "$(n_orders)" = $((n1 + 1)) ]
ok $? "one new order"
newest=$(ctl '{"op":"orders"}' | json_get "max(o['id'] for o in j)")
[ "$(order_of ssss-0019)" = "$newest" ] && [ "$(order_of ssss-0019)" != "$(order_of aaaa-0001)" ]
ok $? "the new order is adopted, not the other application's"
ctl '{"op":"page_size","n":0}' >/dev/null

# An STS token is sent and signed.
ALIBABA_CLOUD_SECURITY_TOKEN='CAIS+gF1q6Ft5B2yfSjIr5b/Hs7Rm7hT1aa8e0nV0mU=' run status ssss-0019 --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "a request with an STS token is signed correctly"

# Read-only calls are retried after server errors.
oid=$(order_of eeee-0005)
ctl '{"op":"fault","action":"DescribeCertificateState","kind":"http500","count":2}' >/dev/null
run status eeee-0005 --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "status survives two 500s"
ctl '{"op":"fault","action":"DescribeCertificateState","kind":"malformed","count":1}' >/dev/null
run status eeee-0005 --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 3 "a malformed status answer is an error"
has "not the JSON" "$err" "and says so"
[ "$(state_of eeee-0005)" = awaiting-validation ]
ok $? "and leaves the state alone"

# API errors: quota, signature, clock.
mkapp mmmm-0013 standard dns auto www.example.org
ctl '{"op":"quota","product":"geotrust-dv-1-starter","total":1,"used":1}' >/dev/null
n1=$(n_orders)
run submit mmmm-0013 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 3 "no quota left"
has "no quota left" "$err" "says the quota is used up"
[ "$(state_of mmmm-0013)" = ready ] && [ "$(n_orders)" = "$n1" ]
ok $? "nothing sent, the application is still ready"
ctl '{"op":"quota","product":"geotrust-dv-1-starter","total":5,"used":0}' >/dev/null

ALIBABA_CLOUD_ACCESS_KEY_SECRET=wrong run submit mmmm-0013 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 3 "a wrong secret"
has "SignatureDoesNotMatch" "$err" "shows the code"
has "secret" "$err" "and says to check the secret"
ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIunknown run submit mmmm-0013 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 3 "an unknown key id"
has "InvalidAccessKeyId.NotFound" "$err" "shows the code"
ctl '{"op":"skew","seconds":1000}' >/dev/null
run submit mmmm-0013 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 3 "a clock 16 minutes off"
has "InvalidTimeStamp.Expired" "$err" "shows the code"
has "clock" "$err" "and says to fix the clock"
ctl '{"op":"skew","seconds":800}' >/dev/null
run submit mmmm-0013 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "a clock 13 minutes off is within the window"
ctl '{"op":"skew","seconds":0}' >/dev/null

# The id as a JSON string is read as int64 too.
ctl '{"op":"id_as_string","on":true}' >/dev/null
mkapp nnnn-0014 free dns auto cdn.mysite.cn
run submit nnnn-0014 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "submit with OrderId sent as a string"
want=$(ctl '{"op":"orders"}' | json_get "max(o['id'] for o in j)")
[ "$(order_of nnnn-0014)" = "$want" ]
ok $? "the string OrderId is read exactly"
ctl '{"op":"id_as_string","on":false}' >/dev/null

# Two submissions of one application never run together.
if command -v flock >/dev/null 2>&1; then
	mkapp tttt-0020 free dns auto lock.mysite.cn
	n1=$(n_orders)
	out=$(flock "$apps/tttt-0020/.submit.lock" "$CERTWIZ" submit tttt-0020 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem" 2>"$T/stderr" </dev/null)
	rc=$?
	err=$(cat "$T/stderr")
	expect_rc 3 "a submission while another holds the lock"
	has "another certwiz is submitting" "$err" "says another is at it"
	[ "$(n_orders)" = "$n1" ] && [ "$(state_of tttt-0020)" = ready ]
	ok $? "nothing sent, nothing changed"
else
	skip "flock(1) is not installed"
fi

# Submitting what is not acceptable is refused with every finding.
mkapp oooo-0015 free dns auto www.mysite.cn
python3 - "$apps/oooo-0015/application.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); a["domains"] = []; del a["applicant"]["email"]
json.dump(a, open(sys.argv[1], "w"))
PY
run submit oooo-0015 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 1 "an incomplete application is refused"
has "domains" "$err" "names the domains"
has "applicant.email" "$err" "and the email"

# --- TLS verification ---------------------------------------------------------
# A multi-domain application: the API documents no product code for it.
mkapp mult-0020 standard dns auto a.mysite.cn b.mysite.cn
n1=$(n_orders)
run submit mult-0020 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 1 "a multi-domain application is not sent with a single-domain code"
has "console" "$err" "says to apply for it in the console"
has "multi.product" "$err" "or to name the plan's code"
[ "$(n_orders)" = "$n1" ]
ok $? "no order was made"

mkapp pppp-0016 free dns auto tls.mysite.cn
n1=$(n_orders)
run submit pppp-0016 --backend cas --endpoint "$endpoint"
expect_rc 3 "the test CA is not trusted without --cacert"
has "certificate" "$err" "says the certificate was refused"
[ "$(state_of pppp-0016)" = ready ]
ok $? "the application is still ready"

start_server stranger
run submit pppp-0016 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 3 "a server certificate from an unknown CA is refused"
has "certificate" "$err" "and the message says why"
start_server wronghost
run submit pppp-0016 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 3 "a server certificate for the wrong host name is refused"
has "certificate" "$err" "and the message says why"
[ "$(state_of pppp-0016)" = ready ]
ok $? "nothing changed locally"
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run submit pppp-0016 --backend cas --endpoint "https://127.0.0.1:$closed" --cacert "$T/ca.pem"
expect_rc 3 "nobody listening: a clear error"
has "Nothing was sent" "$err" "says nothing was sent"
[ "$(state_of pppp-0016)" = ready ]
ok $? "and the application is still ready"
run submit pppp-0016 --backend cas --endpoint "http://127.0.0.1:$port"
expect_rc 3 "plain http is refused"
has "https" "$err" "and says HTTPS is required"

# --- credentials ---------------------------------------------------------------
start_server good
(
	unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET
	run submit pppp-0016 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
	expect_rc 3 "no credentials"
	has "ALIBABA_CLOUD_ACCESS_KEY_ID" "$err" "names the variables looked for"
	has ".aliyun/config.json" "$err" "and the aliyun CLI file"
	has ".alibabacloud/credentials" "$err" "and the credentials file"
	echo "$tap_n $tap_failed" > "$T/sub"
)
read tap_n tap_failed < "$T/sub"
(
	unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET
	mkdir -p "$HOME/.aliyun"
	cat > "$HOME/.aliyun/config.json" <<JSON
{"current": "default", "profiles": [
 {"name": "default", "mode": "AK", "access_key_id": "LTAIwrong", "access_key_secret": "x"},
 {"name": "test", "mode": "AK", "access_key_id": "$KEY_ID", "access_key_secret": "$SECRET", "region_id": "cn-hangzhou", "unknown_key": 1}
], "meta_path": ""}
JSON
	chmod 644 "$HOME/.aliyun/config.json"
	run submit pppp-0016 --backend cas --profile test --endpoint "$endpoint" --cacert "$T/ca.pem"
	expect_rc 0 "credentials from an aliyun CLI profile"
	has "chmod 600" "$err" "warns about a world-readable credential file"
	chmod 600 "$HOME/.aliyun/config.json"
	run submit pppp-0016 --backend cas --profile nosuch --endpoint "$endpoint" --cacert "$T/ca.pem"
	expect_rc 3 "an unknown profile"
	has "nosuch" "$err" "is named"
	rm "$HOME/.aliyun/config.json"
	mkdir -p "$HOME/.alibabacloud"
	printf '[default]\ntype = access_key\naccess_key_id = %s\naccess_key_secret = %s\n' "$KEY_ID" "$SECRET" > "$HOME/.alibabacloud/credentials"
	chmod 600 "$HOME/.alibabacloud/credentials"
	mkapp qqqq-0017 free dns auto ini.mysite.cn
	run submit qqqq-0017 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
	expect_rc 0 "credentials from ~/.alibabacloud/credentials"
	lacks "warning" "$err" "no warning for a 0600 file"
	echo "$tap_n $tap_failed" > "$T/sub"
)
read tap_n tap_failed < "$T/sub"

# Nothing secret in the application's JSON.
if grep -r -e "$SECRET" -e "BEGIN PRIVATE KEY" -e "BEGIN EC PRIVATE KEY" "$apps"/*/application.json >/dev/null; then
	ok 1 "no secret in any application.json"
else
	ok 0 "no secret in any application.json"
fi

stop_server
done_testing
