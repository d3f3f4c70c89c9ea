#!/bin/sh
# Orders at the CA when answers go wrong, through the real binary against
# tests/cas-server.py: unreadable answers after a create, a server error
# after a delete, an order deleted in the console, the company profile
# made once, the endpoint kept with the order, and the advice given.
. "$top_srcdir/tests/lib.sh"
# The fault shim (LD_PRELOAD) comes before ASan's runtime in a sanitizer
# build; it only wraps write, mkstemp, fsync and dlopen, not the allocator.
ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export ASAN_OPTIONS

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi

. "$top_srcdir/tests/cas-lib.sh"

start_server good
tls="--cacert $T/ca.pem"
calls() { ctl '{"op":"requests"}' | json_get "j.get('$1', 0)"; }
backend_of() { python3 -c "import json; print(json.load(open('$apps/$1/application.json')).get('backend',{}).get('$2'))"; }

# --- content-type only with a body (spec 2.3) ---------------------------------
# The server refuses a bodiless request with a content-type: every call
# below passing proves none is sent.
mkapp ctct-0001 free dns auto ct.mysite.cn
run submit ctct-0001 --backend cas --endpoint "$endpoint" $tls
expect_rc 0 "a submit without a content-type header is accepted"
lacks "UnexpectedContentType" "$err" "no request carried a content-type"

# --- item 11: a gateway's HTML 502 after the order was made -------------------
mkapp gate-0001 free dns auto gate.mysite.cn
ctl '{"op":"fault","action":"CreateCertificateForPackageRequest","kind":"gateway","count":1}' >/dev/null
n1=$(n_orders)
run submit gate-0001 --backend cas --endpoint "$endpoint" $tls
expect_rc 0 "an HTML 502 after the CA made the order is resolved"
[ "$(n_orders)" = $((n1 + 1)) ]
ok $? "exactly one order"
[ "$(state_of gate-0001)" = awaiting-validation ]
ok $? "and the application has adopted it"
run submit gate-0001 --backend cas --endpoint "$endpoint" $tls
[ "$(n_orders)" = $((n1 + 1)) ]
ok $? "a second submit sends nothing"

# The same 502 while the order list also fails: the outcome stays unknown.
mkapp gate-0002 free dns auto gate2.mysite.cn
ctl '{"op":"fault","action":"CreateCertificateForPackageRequest","kind":"gateway","count":1}' >/dev/null
ctl '{"op":"fault","action":"ListUserCertificateOrder","kind":"gateway_before","count":100}' >/dev/null
n1=$(n_orders)
run submit gate-0002 --backend cas --endpoint "$endpoint" $tls
ctl '{"op":"clear"}' >/dev/null
expect_rc 3 "an HTML 502 that cannot be resolved is a failure"
[ "$(state_of gate-0002)" = sending ]
ok $? "the application stays 'sending', never 'ready'"
has "outcome is unknown" "$err" "says the outcome is unknown"
lacks "Check --endpoint" "$err" "does not blame --endpoint for a gateway error"
has "gateway" "$err" "names the gateway"
run submit gate-0002 --endpoint "$endpoint" $tls
expect_rc 0 "the next submit finds the order"
[ "$(n_orders)" = $((n1 + 1)) ]
ok $? "and sends nothing twice"

# A truncated JSON answer to a 200 is the same unknown outcome.
mkapp trun-0001 free dns auto trunc.mysite.cn
ctl '{"op":"fault","action":"CreateCertificateForPackageRequest","kind":"malformed","count":1}' >/dev/null
n1=$(n_orders)
run submit trun-0001 --backend cas --endpoint "$endpoint" $tls
expect_rc 0 "a truncated answer is resolved"
[ "$(n_orders)" = $((n1 + 1)) ]
ok $? "one order after a truncated answer"

# A 502 page for a read is retried, and its hint is not about --endpoint.
ctl '{"op":"fault","action":"DescribeCertificateState","kind":"gateway_before","count":1}' >/dev/null
run status gate-0001 $tls
expect_rc 0 "status survives a gateway's 502 page"
ctl '{"op":"fault","action":"DescribeCertificateState","kind":"gateway_before","count":100}' >/dev/null
run status gate-0001 $tls
ctl '{"op":"clear"}' >/dev/null
expect_rc 3 "status fails when every answer is a 502 page"
lacks "Check --endpoint" "$err" "and does not blame --endpoint"

# --- item 12: a 500 on DeleteCertificateRequest after the CA acted ------------
mkapp dele-0001 free dns auto del.mysite.cn
run submit dele-0001 --backend cas --endpoint "$endpoint" $tls
oid=$(order_of dele-0001)
ctl '{"op":"fault","action":"DeleteCertificateRequest","kind":"acted500","count":1}' >/dev/null
run withdraw dele-0001 --yes $tls
expect_rc 0 "a 500 after the delete acted: the retry's NotFoundOrder means done"
has "back in your plan" "$out" "the unit is said to be back"
left=$(ctl '{"op":"orders"}' | json_get "len([o for o in j if o['id']==$oid])")
[ "$left" = 0 ]
ok $? "the order is gone at the CA"
run reopen dele-0001
expect_rc 0 "reopen works afterwards"

# The same when every retry fails: a later withdraw meets NotFoundOrder.
mkapp dele-0002 free dns auto del2.mysite.cn
run submit dele-0002 --backend cas --endpoint "$endpoint" $tls
ctl '{"op":"fault","action":"DeleteCertificateRequest","kind":"acted500","count":1}' >/dev/null
ctl '{"op":"fault","action":"DeleteCertificateRequest","kind":"http500","count":10}' >/dev/null
run withdraw dele-0002 --yes $tls
ctl '{"op":"clear"}' >/dev/null
expect_rc 3 "a delete whose every answer is a 500 fails"
run withdraw dele-0002 --yes $tls
expect_rc 0 "the next withdraw meets NotFoundOrder and counts it as done"
run reopen dele-0002
expect_rc 0 "and reopen is possible"

# An order deleted in the console: said, and reopen offered.
mkapp cons-0001 free dns auto console.mysite.cn
run submit cons-0001 --backend cas --endpoint "$endpoint" $tls
oid=$(order_of cons-0001)
ctl "{\"op\":\"delete_order\",\"order\":$oid}" >/dev/null
run status cons-0001 $tls
expect_rc 0 "status of an order deleted in the console"
has "no longer has order $oid" "$out" "says the CA no longer has the order"
has "certwiz reopen cons-0001" "$out" "and offers reopen"
[ "$(state_of cons-0001)" != awaiting-validation ]
ok $? "the application no longer awaits validation"
run reopen cons-0001
expect_rc 0 "reopen works"
[ "$(state_of cons-0001)" = draft ]
ok $? "it is a draft again"

mkapp cons-0002 free dns auto console2.mysite.cn
run submit cons-0002 --backend cas --endpoint "$endpoint" $tls
oid=$(order_of cons-0002)
ctl "{\"op\":\"delete_order\",\"order\":$oid}" >/dev/null
run withdraw cons-0002 --yes $tls
expect_rc 0 "withdrawing an order deleted in the console"
run reopen cons-0002
expect_rc 0 "and reopen works"

# --- item 13: CreateCompany once per application ------------------------------
mkapp comp-0001 professional dns auto www.example.net
c0=$(calls CreateCompany)
ctl '{"op":"fault","action":"CreateCertificateForPackageRequest","kind":"throttle","count":10}' >/dev/null
run submit comp-0001 --backend cas --endpoint "$endpoint" $tls
ctl '{"op":"clear"}' >/dev/null
expect_rc 3 "a create refused (throttled) leaves the application ready"
[ "$(state_of comp-0001)" = ready ]
ok $? "still ready"
run submit comp-0001 --backend cas --endpoint "$endpoint" $tls
expect_rc 0 "the second attempt goes through"
[ "$(calls CreateCompany)" = $((c0 + 1)) ]
ok $? "CreateCompany ran once for two attempts"
cid=$(backend_of comp-0001 company_id)
[ "$cid" -gt 0 ] 2>/dev/null
ok $? "the company profile's id is kept in the record ($cid)"

# --- item 15 --------------------------------------------------------------------
# The endpoint is kept with the order: status and withdraw ask it, not the
# config's endpoint (here a closed port) or the default site.
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$HOME/.config/certwiz"
printf 'endpoint = https://127.0.0.1:%s\n' "$closed" > "$HOME/.config/certwiz/config"
mkapp endp-0001 free dns auto endp.mysite.cn
run submit endp-0001 --backend cas --endpoint "$endpoint" $tls
expect_rc 0 "submit with --endpoint"
[ "$(backend_of endp-0001 endpoint)" = "$endpoint" ]
ok $? "the endpoint is kept with the order"
run status endp-0001 $tls
expect_rc 0 "status without --endpoint asks where the order was sent"
run status endp-0001 --json $tls
v=$(printf '%s' "$out" | json_get "j['state']")
[ "$v" = awaiting-validation ]
ok $? "and gets its state ($v)"
run status endp-0001 --endpoint "https://127.0.0.1:$closed" $tls
expect_rc 3 "an --endpoint given now still wins"
run withdraw endp-0001 --yes $tls
expect_rc 0 "withdraw without --endpoint asks the same site"
rm "$HOME/.config/certwiz/config"

# submit on an application already sent: refused by a rule (1), naming status.
mkapp sent-0001 free dns auto sent.mysite.cn
run submit sent-0001 --backend cas --endpoint "$endpoint" $tls
n1=$(n_orders)
run submit sent-0001 --backend cas --endpoint "$endpoint" $tls
expect_rc 1 "submitting an application already sent is refused"
has "certwiz status sent-0001" "$err" "names the command to run"
[ "$(n_orders)" = "$n1" ]
ok $? "and sends nothing"

# The create succeeded but the follow-up poll failed: the advice is status.
mkapp poll-0001 free dns auto poll.mysite.cn
ctl '{"op":"fault","action":"DescribeCertificateState","kind":"drop","count":100}' >/dev/null
run submit poll-0001 --backend cas --endpoint "$endpoint" $tls
ctl '{"op":"clear"}' >/dev/null
expect_rc 3 "a poll that fails after the create is reported"
has "certwiz status poll-0001" "$err" "the advice is status"
lacks "certwiz submit poll-0001" "$err" "not submit"
oid=$(order_of poll-0001)
[ "$oid" != 0 ]
ok $? "the order is kept ($oid)"
run status poll-0001 $tls
expect_rc 0 "status then works"

# --- item 14: apply --json prints its object even when the submission fails -
cat > "$T/answers.json" <<'JSON'
{"type": "free", "domains": ["batch.mysite.cn"],
 "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000",
               "email": "admin@example.com"},
 "csr": {"mode": "auto"}, "validation": {"method": "dns"}}
JSON
mkdir -p "$HOME/.config/certwiz"
printf 'endpoint = https://127.0.0.1:%s\ncacert = %s\n' "$closed" "$T/ca.pem" > "$HOME/.config/certwiz/config"
run apply --answers "$T/answers.json" --json --backend cas
expect_rc 3 "apply --json with the network down"
v=$(printf '%s' "$out" | json_get "j['result'], j['state'], len(j['id']) > 0, 'error' in j, isinstance(j['findings'], list)")
[ "$v" = "failed ready True True True" ]
ok $? "still prints result, id, state, findings and error ($v)"
ctl '{"op":"fault","action":"CreateCertificateForPackageRequest","kind":"http500","count":1}' >/dev/null
ctl '{"op":"fault","action":"ListUserCertificateOrder","kind":"http500","count":100}' >/dev/null
sed -i 's/batch.mysite.cn/batch2.mysite.cn/' "$T/answers.json"
printf 'endpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" > "$HOME/.config/certwiz/config"
run apply --answers "$T/answers.json" --json --backend cas
ctl '{"op":"clear"}' >/dev/null
rm "$HOME/.config/certwiz/config"
expect_rc 3 "apply --json when the CA's answer is lost"
v=$(printf '%s' "$out" | json_get "j['result'], j['state']")
[ "$v" = "failed sending" ]
ok $? "the object says failed and sending ($v)"
has "outcome is unknown" "$(printf '%s' "$out" | json_get "j['error']")" "its error says the outcome is unknown"

# --- item 3: text from the network reaches the terminal only made safe ------
# raw TEXT: whether TEXT holds a byte sequence a terminal acts on (ESC, BEL,
# a C1 CSI, a right-to-left override, a zero-width space).
raw() {
	printf '%s' "$1" | LC_ALL=C grep -q -e "$(printf '\033')" -e "$(printf '\007')" \
		-e "$(printf '\302\233')" -e "$(printf '\342\200\256')" -e "$(printf '\342\200\213')"
}
ctl '{"op":"evil","on":true}' >/dev/null
mkapp evil-0001 free dns auto evil.mysite.cn
run submit evil-0001 --backend cas --endpoint "$endpoint" $tls
expect_rc 0 "submit while the API's texts hold escapes"
! raw "$out"
ok $? "submit's output holds no raw control, bidi or zero-width character"
has '\x1b]0;pwned\x07\x1b[2J\u009b31m\x07\u202egnp.exe\u200bEND' "$out" "they are shown as visible escapes"
run status evil-0001 $tls
! raw "$out"
ok $? "status's output is safe too"
has '\u202egnp.exe' "$out" "and names the override"
v=$(python3 -c "import json; print(json.load(open('$apps/evil-0001/application.json'))['backend']['record_value'].endswith('\u202egnp.exe\u200bEND'))")
[ "$v" = True ]
ok $? "the record keeps the raw value"
run status evil-0001 --json $tls
v=$(printf '%s' "$out" | json_get "j['dns_record']['value'].endswith('\x1b[2J\u009b31m\x07\u202egnp.exe\u200bEND')")
[ "$v" = True ]
ok $? "status --json is valid JSON carrying the raw value"
# An API error whose Message and RequestId hold escapes.
ctl '{"op":"quota","product":"digicert-free-1-free","total":1,"used":1}' >/dev/null
mkapp evil-0002 free dns auto evil2.mysite.cn
ctl '{"op":"fault","action":"DescribePackageState","kind":"throttle","count":10}' >/dev/null
run submit evil-0002 --backend cas --endpoint "$endpoint" $tls
ctl '{"op":"clear"}' >/dev/null
expect_rc 3 "an API error with escapes in its message"
! raw "$err"
ok $? "the error on stderr holds no raw control character"
has '\u202egnp.exe' "$err" "and shows them escaped"
run status evil-0002 $tls
! raw "$out"
ok $? "the stored error is shown safely by status"
ctl '{"op":"quota","product":"digicert-free-1-free","total":20,"used":0}' >/dev/null
ctl '{"op":"evil","on":false}' >/dev/null
# A record edited by hand: list and show never print its text raw.
mkapp evil-0003 free dns auto "$(printf 'www.mysite.cn\033[2J\342\200\256')"
run list
! raw "$out"
ok $? "list shows a tampered domain safely"
run show evil-0003
! raw "$out"
ok $? "show too"
has 'www.mysite.cn\x1b[2J\u202e' "$out" "with visible escapes"

# --- item 9: fsync failing on the CA's key leaks no descriptor ---------------
if [ -n "${FAULTSHIM:-}" ] && [ -f "$FAULTSHIM" ]; then
	mkapp fsyn-0001 free dns auto fsync.mysite.cn
	run submit fsyn-0001 --backend cas --endpoint "$endpoint" $tls
	oid=$(order_of fsyn-0001)
	ctl "{\"op\":\"state\",\"order\":$oid,\"type\":\"certificate\"}" >/dev/null
	out=$(LD_PRELOAD="$FAULTSHIM" CERTWIZ_FAULT=fsync CERTWIZ_FAULT_MATCH=key.pem \
		"$CERTWIZ" status fsyn-0001 $tls 2>"$T/stderr" </dev/null)
	rc=$?
	err=$(cat "$T/stderr")
	expect_rc 3 "fsync failing on the CA's key is an error"
	has "cannot write" "$err" "and says so"
	lacks "faultshim: leaked" "$err" "the key file's descriptor is closed"
	[ ! -e "$apps/fsyn-0001/key.pem" ]
	ok $? "no half-written key is left"
	run status fsyn-0001 $tls
	expect_rc 0 "the next status saves the key"
	[ "$(file_mode "$apps/fsyn-0001/key.pem")" = 600 ]
	ok $? "with mode 0600"
else
	skip "no fault shim (FAULTSHIM)"
fi

# MissingSecurityToken names the variable to set.
stop_server
(
	server_token=STS.testtoken
	python3 "$top_srcdir/tests/cas-server.py" serve --cert "$T/good.pem" \
		--key "$T/good.key" --ca-cert "$T/ca.pem" --ca-key "$T/ca.key" \
		--port-file "$T/port2" --key-id "$KEY_ID" --secret "$SECRET" \
		--token "$server_token" 2>"$T/server2.err" &
	spid=$!
	i=0
	while [ ! -s "$T/port2" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	mkapp toke-0001 free dns auto token.mysite.cn
	run submit toke-0001 --backend cas --endpoint "https://127.0.0.1:$(cat "$T/port2")" $tls
	kill "$spid"; wait "$spid" 2>/dev/null
	expect_rc 3 "a temporary key without its token"
	has "MissingSecurityToken" "$err" "shows the code"
	has "ALIBABA_CLOUD_SECURITY_TOKEN" "$err" "names the variable to set"
	lacks "report a bug" "$err" "and does not call it a bug"
	echo "$tap_n $tap_failed" > "$T/sub"
)
read tap_n tap_failed < "$T/sub"

done_testing
