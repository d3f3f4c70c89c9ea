#!/bin/sh
# CLI tests of the cas backend against the test CA API server
# (tests/cas-server.py): injected faults, each ending clearly and
# consistently (split from cli-cas.sh so that the two run side by side).
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi

. "$top_srcdir/tests/cas-lib.sh"

start_server good

# An older order of the same name, for the lookup across pages below.
mkapp aaaa-0001 free dns auto www.mysite.cn
run submit aaaa-0001 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "an earlier order of www.mysite.cn"

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


done_testing
