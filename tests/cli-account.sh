#!/bin/sh
# certwiz account against the API test server: what was found and from
# where (never a secret), the endpoint, whether a signed call works, the
# units left per product, and its own message for a wrong key, a wrong
# secret, a clock off by an hour, a missing permission and no plan.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
KEY_ID=LTAI5tAccountTest01
SECRET='CanaryAccountSecret-6e1f'
. "$top_srcdir/tests/cas-lib.sh"
start_server good
mkdir -p "$HOME/.config/certwiz"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
log="$T/output"
: > "$log"
capture() { printf '%s\n%s\n' "$out" "$err" >> "$log"; }
problem() { printf '%s' "$out" | json_get 'j["problem"]'; }

run account
expect_rc 0 "good credentials"
capture
has "AccessKey, from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID)" "$out" \
	"says what was found and where"
has "LTAI5t****st01" "$out" "shows the AccessKey ID masked"
lacks "$KEY_ID" "$out$err" "not the whole ID"
has "Endpoint:     $endpoint" "$out" "names the endpoint"
has "Signed call:  accepted by the CA" "$out" "the signed call works"
has "digicert-free-1-free" "$out" "lists the catalog's products"
has "20 of 20 left" "$out" "with the units left"

run account --json
expect_rc 0 "good credentials, as JSON"
capture
[ "$(problem)" = ok ] &&
	[ "$(printf '%s' "$out" | json_get 'j["credentials"]["kind"]')" = access_key ] &&
	[ "$(printf '%s' "$out" | json_get 'j["signed_call"]')" = True ] &&
	[ "$(printf '%s' "$out" | json_get '[p["left"] for p in j["products"] if p["product"] == "digicert-free-1-free"][0]')" = 20 ]
ok $? "the JSON has the problem, the kind, the call and the units"

# A full disk on standard output is a failure, not success.
if [ -w /dev/full ]; then
	"$CERTWIZ" account >/dev/full 2>"$T/full.err"
	rc=$?
	[ "$rc" -eq 3 ] && grep -q "standard output" "$T/full.err"
	ok $? "a failed write to standard output exits 3 (exit $rc)"
else
	skip "no /dev/full"
fi

# --profile: that profile of the aliyun CLI, over the environment.
mkdir -p "$HOME/.aliyun"
printf '{"current": "default", "profiles": [{"name": "other", "mode": "AK", "access_key_id": "%s", "access_key_secret": "%s"}]}\n' \
	"$KEY_ID" "$SECRET" > "$HOME/.aliyun/config.json"
chmod 600 "$HOME/.aliyun/config.json"
ALIBABA_CLOUD_ACCESS_KEY_SECRET=CanaryNotThisOne-1111
run account --profile other
expect_rc 0 "--profile names the profile to check"
has 'from profile "other" of' "$out" "and says so"
capture
ALIBABA_CLOUD_ACCESS_KEY_SECRET=$SECRET
rm -f "$HOME/.aliyun/config.json"

# A wrong AccessKey ID.
ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tNoSuchKey0001
run account --json
expect_rc 3 "a wrong AccessKey ID"
capture
[ "$(problem)" = wrong_key ]
ok $? "is told as wrong_key"
run account
has "does not know the AccessKey ID" "$err" "with its own message"
capture
ALIBABA_CLOUD_ACCESS_KEY_ID=$KEY_ID

# A wrong secret.
ALIBABA_CLOUD_ACCESS_KEY_SECRET='CanaryWrongSecret-0000'
run account
expect_rc 3 "a wrong secret"
capture
has "the AccessKey secret is wrong" "$err" "with its own message"
run account --json
[ "$(problem)" = wrong_secret ]
ok $? "is told as wrong_secret"
capture
ALIBABA_CLOUD_ACCESS_KEY_SECRET=$SECRET

# A clock an hour off (the server's clock moves instead).
ctl '{"op":"skew","seconds":3600}' >/dev/null
run account
expect_rc 3 "a clock off by an hour"
capture
has "more than 15 minutes off" "$err" "with its own message"
run account --json
[ "$(problem)" = clock ]
ok $? "is told as clock"
ctl '{"op":"skew","seconds":0}' >/dev/null

# A RAM user without yundun-cert:ListUserCertificateOrder.
ctl '{"op":"deny","action":"ListUserCertificateOrder"}' >/dev/null
run account
expect_rc 3 "a missing permission"
capture
has "yundun-cert:ListUserCertificateOrder" "$err" "names the action to add"
has "Forbidden.RAM" "$err" "and the CA's code"
run account --json
[ "$(problem)" = permission ] &&
	[ "$(printf '%s' "$out" | json_get 'j["missing_action"]')" = yundun-cert:ListUserCertificateOrder ]
ok $? "is told as permission, with the action"
# And without DescribePackageState, the first call.
ctl '{"op":"deny","action":"DescribePackageState"}' >/dev/null
run account --json
expect_rc 3 "DescribePackageState denied"
[ "$(printf '%s' "$out" | json_get 'j["missing_action"]')" = yundun-cert:DescribePackageState ]
ok $? "names yundun-cert:DescribePackageState"
capture

# No plan bought: every product without units.
start_server good
for p in digicert-free-1-free geotrust-dv-1-starter geotrust-dv-w-starter \
	geotrust-ov-1-personal geotrust-ov-w-personal; do
	ctl "{\"op\":\"quota\",\"product\":\"$p\",\"total\":0,\"used\":0}" >/dev/null
done
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
run account
expect_rc 1 "no plan bought"
capture
has "no certificate units left" "$err" "with its own message"
has "Signed call:  accepted by the CA" "$out" "while the signed call works"
run account --json
[ "$(problem)" = no_plan ]
ok $? "is told as no_plan"

# No credentials at all.
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET
run account --json
expect_rc 3 "no credentials"
[ "$(problem)" = no_credentials ] &&
	[ "$(printf '%s' "$out" | json_get 'j["credentials"]["found"]')" = False ]
ok $? "is told as no_credentials"
capture

run account extra
expect_rc 2 "an extra argument is a usage error"

grep -qF -- "$SECRET" "$log"
[ $? -ne 0 ]
ok $? "no secret in any output"
done_testing
