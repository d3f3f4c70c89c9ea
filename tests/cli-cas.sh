#!/bin/sh
# CLI tests of the cas backend against the test CA API server
# (tests/cas-server.py): submit, status, withdraw, reopen, TLS
# verification and credentials (the injected faults: cli-cas-faults.sh).
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

# A multi-domain application: the API documents no product code for it.
mkapp mult-0020 standard dns auto a.mysite.cn b.mysite.cn
n1=$(n_orders)
run submit mult-0020 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 1 "a multi-domain application is not sent with a single-domain code"
has "console" "$err" "says to apply for it in the console"
has "multi.product" "$err" "or to name the plan's code"
[ "$(n_orders)" = "$n1" ]
ok $? "no order was made"

# --- TLS verification ---------------------------------------------------------
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
