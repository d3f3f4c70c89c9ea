#!/bin/sh
# certwiz verify and check caa against real DNS servers (Knot DNS) started
# here on 127.0.0.2-4 with test zones signed by a test key: what the CA
# will see, server by server, with DNSSEC validated against the test
# anchor.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/dns-lib.sh"

# --- without servers ----------------------------------------------------------
run verify --help
expect_rc 0 "verify --help"
has "--trust-anchor" "$out" "the help names --trust-anchor"
run check caa --help
expect_rc 0 "check caa --help"
run --help
has "verify ID" "$out" "certwiz --help lists verify"
run check caa
expect_rc 2 "check caa without a name is a usage error"
run verify nosuch-app
expect_rc 2 "verify of an unknown application"

if ! dns_have; then
	skip "knotd and kzonesign are not installed (Debian: knot, knot-dnssecutils)"
	done_testing
	exit
fi
if ! dns_start; then
	ok 1 "the test DNS servers start"
	cat "$DNS_DIR"/*.log 2>/dev/null | sed 's/^/# /'
	done_testing
	exit
fi
ok 0 "the test DNS servers start (port $DNS_PORT)"
R="--resolver 127.0.0.2:$DNS_PORT --trust-anchor $DNS_TA"
# The test hooks: the authoritative servers answer on the test port.
CERTWIZ_NS_PORT=$DNS_PORT
export CERTWIZ_NS_PORT

apps="$HOME/.local/share/certwiz/applications"
mkapp() {	# mkapp ID TYPE DOMAINS-JSON [METHOD]
	mkdir -p "$apps/$1"
	chmod 700 "$apps/$1"
	cat > "$apps/$1/application.json" <<JSON
{"version": 1, "id": "$1", "state": "awaiting-validation", "type": "$2",
 "created": "2026-11-01T10:00:00Z", "updated": "2026-11-01T10:00:00Z",
 "domains": $3, "applicant": {"name": "Li Lei", "email": "li@example.com"},
 "validation": {"method": "${4:-dns}"},
 "backend": {"name": "cas", "order_id": 1, "status": "domain_verify",
   "record_domain": "_dnsauth", "record_type": "TXT",
   "record_value": "TOKEN-0123456789"}}
JSON
}

# --- a ready application ------------------------------------------------------
mkapp aaaa-1111 free '["www.cwtest.net"]'
run verify $R aaaa-1111
expect_rc 0 "verify: the record is on both servers, signed"
has 'TXT "TOKEN-0123456789" found' "$out" "says the record is found"
has "DNSSEC: secure" "$out" "DNSSEC secure against the test anchor"
has "ns1.cwtest.net (127.0.0.2) has the record" "$out" "server 1 asked"
has "ns2.cwtest.net (127.0.0.3) has the record" "$out" "server 2 asked"
has "TTL 300 s" "$out" "gives the TTL"
has "CAA at cwtest.net allows digicert.com" "$out" "CAA allows the CA"
has "Ready" "$out" "says ready"
diag "$out"

run verify $R --json aaaa-1111
expect_rc 0 "verify --json"
r=$(printf '%s' "$out" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["ready"], sorted(set(f["code"] for f in j["findings"])))')
[ "$r" = "True ['verify.caa.ok', 'verify.dns.ok', 'verify.dnssec.secure', 'verify.ns.ok']" ]
ok $? "--json: ready with stable codes ($r)"

# --- one of two servers lacks the record --------------------------------------
mkapp aaaa-2222 free '["half.cwtest.net"]'
run verify $R aaaa-2222
expect_rc 1 "verify: one server lacks the record"
has "ns2.cwtest.net (127.0.0.3) lacks the record" "$out" "names the server that lacks it"
has "ns1.cwtest.net (127.0.0.2) has the record" "$out" "and the one that has it"
has "Not ready" "$out" "says not ready"
diag "$out"

# --- a broken signature ---------------------------------------------------------
mkapp aaaa-3333 free '["www.badsig.net"]'
run verify $R aaaa-3333
expect_rc 1 "verify: a bogus DNSSEC signature is not ready"
has "DNSSEC: bogus" "$out" "says bogus"
has "signature" "$out" "with the validator's reason"
diag "$out"
# Without the anchor the same answer is taken as it is.
run verify --resolver 127.0.0.2:$DNS_PORT aaaa-3333
expect_rc 1 "without an anchor the tampered value is taken as it is"
has '"TAMPERED-TOKEN" but the CA expects' "$out" "and reported as a wrong value"
lacks "bogus" "$out" "never called bogus without an anchor"

# --- no anchor: DNSSEC as the resolver's AD bit says --------------------------------
# The authoritative server sets no AD bit: not checked, never secure.
run verify --resolver 127.0.0.2:$DNS_PORT aaaa-1111
expect_rc 0 "verify without an anchor, from a server that sets no AD bit"
has "DNSSEC not checked: the resolver 127.0.0.2:$DNS_PORT does not vouch" "$out" "AD=0: DNSSEC not checked"
lacks "DNSSEC: secure" "$out" "and not called secure"
# Without libldns (which reads the AD bit) the check goes on, and says
# why DNSSEC was not checked, naming the Debian package.
out=$(env LD_PRELOAD="$FAULTSHIM" CERTWIZ_FAULT=nolib CERTWIZ_FAULT_MATCH=libldns \
    ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
    "$CERTWIZ" verify --resolver 127.0.0.2:$DNS_PORT aaaa-1111 2>"$TEST_TMP/stderr" </dev/null)
rc=$?
expect_rc 0 "verify without libldns still checks the records"
has "DNSSEC not checked: reading the DNSSEC verdict of a resolver needs libldns.so.3, which cannot be loaded" \
    "$out" "and says libldns is missing, in the loader's one format"
has "(install the Debian package libldns3)" "$out" "naming the Debian package libldns3"
if ! unbound_have; then
	skip "unbound is not installed (Debian: unbound): the AD bit of a validating resolver"
elif ! unbound_start; then
	ok 1 "the validating resolver (Unbound) starts"
	sed 's/^/# /' "$DNS_DIR/unbound.log"
else
	ok 0 "the validating resolver (Unbound) starts (port $UNBOUND_PORT)"
	U="--resolver 127.0.0.5:$UNBOUND_PORT"
	run verify $U aaaa-1111
	expect_rc 0 "verify through a validating resolver, no anchor"
	has "DNSSEC: secure (the resolver 127.0.0.5:$UNBOUND_PORT validated the answer: AD bit set)" "$out" "AD=1: secure, as the resolver says"
	run verify $U aaaa-3333
	expect_rc 1 "a broken signature through the validating resolver is not ready"
	has "answers SERVFAIL" "$out" "the resolver's refusal is named"
	has "DNSSEC signatures are broken" "$out" "with a broken signature as a cause"
	lacks "bogus" "$out" "never called bogus without an anchor"
	diag "$out"
fi

# --- split TXT, CNAME chain, huge answer, wrong values, NXDOMAIN ----------------
mkapp aaaa-4444 standard '["split.cwtest.net", "alias.cwtest.net", "huge.cwtest.net"]'
run verify $R aaaa-4444
expect_rc 0 "verify: split TXT, CNAME chain and a huge answer all pass"
has '_dnsauth.split.cwtest.net TXT "TOKEN-0123456789" found' "$out" "a TXT record of several strings is read joined"
has "through the alias to _dnsauth.www.cwtest.net " "$out" "the CNAME chain is followed and named"
has '_dnsauth.huge.cwtest.net TXT "TOKEN-0123456789" found' "$out" "the token is found in a huge answer"

mkapp aaaa-5555 free '["space.cwtest.net"]'
run verify $R aaaa-5555
expect_rc 1 "verify: a trailing space is not the value"
has "ends with spaces" "$out" "says so"
mkapp aaaa-6666 free '["other.cwtest.net"]'
run verify $R aaaa-6666
expect_rc 1 "verify: another value"
has 'is "OTHER-TOKEN" but the CA expects "TOKEN-0123456789"' "$out" "shows both values"
mkapp aaaa-7777 free '["nope.cwtest.net"]'
run verify $R aaaa-7777
expect_rc 1 "verify: NXDOMAIN"
has "the name does not exist" "$out" "says the name does not exist"
has 'publish _dnsauth.nope.cwtest.net TXT "TOKEN-0123456789"' "$out" "says what to publish"
has "look again after" "$out" "and when to look again"

# The CA asked for a CNAME instead of a TXT record.
mkdir -p "$apps/cccc-0001"
chmod 700 "$apps/cccc-0001"
cat > "$apps/cccc-0001/application.json" <<JSON
{"version": 1, "id": "cccc-0001", "state": "awaiting-validation", "type": "free",
 "created": "2026-11-01T10:00:00Z", "updated": "2026-11-01T10:00:00Z",
 "domains": ["alias.cwtest.net"], "applicant": {"name": "Li Lei", "email": "li@example.com"},
 "validation": {"method": "dns"},
 "backend": {"name": "cas", "order_id": 1, "status": "domain_verify",
   "record_domain": "_dnsauth", "record_type": "CNAME",
   "record_value": "_dnsauth.hop.cwtest.net."}}
JSON
run verify $R cccc-0001
expect_rc 0 "verify: the CNAME the CA asked for"
has '_dnsauth.alias.cwtest.net CNAME "_dnsauth.hop.cwtest.net." found' "$out" "is found, on both servers"
sed 's/_dnsauth.hop.cwtest.net./other.example.net./' "$apps/cccc-0001/application.json" > "$TEST_TMP/c.json"
cp "$TEST_TMP/c.json" "$apps/cccc-0001/application.json"
run verify $R cccc-0001
expect_rc 1 "verify: a CNAME to another name"
has 'CNAME is "_dnsauth.hop.cwtest.net" but the CA expects "other.example.net."' "$out" "shows both targets"

# --- SERVFAIL, a lame delegation and a server that never answers -----------------
mkapp aaaa-8888 free '["www.unserved.org"]'
run verify $R aaaa-8888
expect_rc 1 "verify: SERVFAIL is a finding"
has "SERVFAIL" "$out" "names the server failure"
mkapp aaaa-9999 free '["www.slow.net"]'
run verify $R aaaa-9999
expect_rc 1 "verify: one of three servers lame, one silent"
has "ns1.cwtest.net (127.0.0.2) has the record" "$out" "the good server"
has "ns2.cwtest.net (127.0.0.3) does not answer" "$out" "the lame delegation"
has "ns3.cwtest.net (127.0.0.4) did not answer in time" "$out" "the silent server"
has "DNSSEC: insecure" "$out" "an unsigned zone is insecure"

# --- the resolver itself does not answer: exit 3 ---------------------------------
run verify --resolver 127.0.0.4:$DNS_PORT aaaa-1111
expect_rc 3 "verify: a dead resolver is an I/O failure"
has "did not answer in time" "$err" "says the resolver did not answer"
run verify --resolver nonsense aaaa-1111
expect_rc 2 "verify: a resolver that is not an address is a usage error"
has "not a DNS server address" "$err" "says so"
run check caa --resolver 10.0.0.1:99999 www.cwtest.net
expect_rc 2 "check caa: a port out of range is a usage error"
# The ports are test hooks in the environment, not options.
run verify --ns-port 53 aaaa-1111
expect_rc 2 "verify: --ns-port is no option"
run check caa --wait 5 www.cwtest.net
expect_rc 2 "check caa: --wait belongs to verify alone"
has "unknown option '--wait'" "$err" "and says so"
run verify --type free aaaa-1111
expect_rc 2 "verify: --type belongs to check caa alone"

# --- the config file's resolver --------------------------------------------------
mkdir -p "$HOME/.config/certwiz"
printf 'resolver = 127.0.0.2:%s\n' "$DNS_PORT" > "$HOME/.config/certwiz/config"
run check caa caa.cwtest.net
expect_rc 1 "check caa: the config file's resolver is used"
has "letsencrypt.org" "$out" "the answer came from the test server"
run verify aaaa-1111
expect_rc 0 "verify: the config file's resolver is used"
rm -f "$HOME/.config/certwiz/config"

# --- CAA ---------------------------------------------------------------------------
run check caa $R www.cwtest.net wild.cwtest.net
expect_rc 0 "check caa: allowed names"
run check caa $R sub.caa.cwtest.net
expect_rc 1 "check caa: a record for another CA, found by climbing"
has "CAA at caa.cwtest.net does not allow digicert.com" "$out" "names where the record is"
has "letsencrypt.org" "$out" "and the CA it names"
has 'caa.cwtest.net. CAA 0 issue "digicert.com"' "$out" "gives the record to add"
run check caa $R '*.wild.cwtest.net'
expect_rc 1 "check caa: issuewild forbids wildcards"
has 'issuewild "digicert.com"' "$out" "gives the issuewild record"
run check caa $R --json caa.cwtest.net
r=$(printf '%s' "$out" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["allowed"], j["ca"], j["findings"][0]["code"])')
[ "$r" = "False digicert.com verify.caa.denied" ]
ok $? "check caa --json ($r)"

# --- the file, over HTTPS and HTTP ---------------------------------------------
ports=$(python3 -c '
import socket
s = [socket.socket() for _ in range(3)]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))
for x in s: x.close()')
set -- $ports
HTTP=$1 HTTPS=$2 CLOSED=$3
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$TEST_TMP/web.key" -out "$TEST_TMP/web.crt" -days 2 \
    -subj "/CN=*.files.cwtest.net" 2>/dev/null
printf 'TOKEN-0123456789\ncertwiz-test' > "$TEST_TMP/content"
python3 "$top_srcdir/tests/file-server.py" 127.0.0.1 "$HTTP" "$HTTPS" \
    "$TEST_TMP/web.crt" "$TEST_TMP/web.key" "$TEST_TMP/content" \
    "$TEST_TMP/web.ready" 2>"$TEST_TMP/web.log" &
web=$!
stop_web() { kill "$web" 2>/dev/null; wait "$web" 2>/dev/null; }
at_cleanup stop_web
i=0
while [ ! -e "$TEST_TMP/web.ready" ] && [ $i -lt 300 ]; do
	i=$((i + 1))
	sleep 0.1
done
[ -e "$TEST_TMP/web.ready" ]
ok $? "the test web server starts"

mkfile() {	# mkfile ID NAME
	mkdir -p "$apps/$1"
	chmod 700 "$apps/$1"
	python3 - "$apps/$1/application.json" "$1" "$2" <<'PY'
import json, sys
path, id, name = sys.argv[1:4]
json.dump({"version": 1, "id": id, "state": "awaiting-validation",
    "type": "free", "created": "2026-11-01T10:00:00Z",
    "updated": "2026-11-01T10:00:00Z", "domains": [name],
    "applicant": {"name": "Li Lei", "email": "li@example.com"},
    "validation": {"method": "file"},
    "backend": {"name": "cas", "order_id": 1, "status": "domain_verify",
        "file_uri": "http://" + name + "/.well-known/pki-validation/fileauth.txt",
        "file_content": "TOKEN-0123456789\ncertwiz-test"}}, open(path, "w"))
PY
}
F="$R"
export CERTWIZ_HTTP_PORT="$HTTP" CERTWIZ_HTTPS_PORT="$CLOSED"
mkfile ffff-0001 ok.files.cwtest.net
run verify $F ffff-0001
expect_rc 0 "file: served right on port 80, nothing on 443"
has "http://ok.files.cwtest.net/.well-known/pki-validation/fileauth.txt serves the right content" "$out" "says the content is right"
has "the CA tries HTTPS first" "$out" "notes that HTTPS does not answer"
diag "$out"
CERTWIZ_HTTPS_PORT=$HTTPS
run verify $R ffff-0001
CERTWIZ_HTTPS_PORT=$CLOSED
expect_rc 1 "file: HTTPS with an untrusted certificate"
has "the HTTPS certificate is not trusted" "$out" "names the certificate problem"
has "switch HTTPS off" "$out" "and what to do"
for c in "redirect:redirects (HTTP 301) to https://elsewhere.example" \
    "bom:byte order mark" "crlf:Windows line endings" \
    "wrong:serves \"something else entirely\"" "missing:not found (HTTP 404)" \
    "big:larger than 64 KB" "slow:no answer within"; do
	host=${c%%:*}
	mkfile "ffff-$host" "$host.files.cwtest.net"
	run verify $F "ffff-$host"
	expect_rc 1 "file: $host"
	has "${c#*:}" "$out" "file: $host is named"
done

# --- --wait: polls until the record is everywhere ---------------------------------
mkapp aaaa-aaaa free '["late.cwtest.net"]'
# No anchor here: the record added below is not signed.
"$CERTWIZ" verify --resolver "127.0.0.2:$DNS_PORT" \
    --wait 300 aaaa-aaaa \
    >"$TEST_TMP/wait.out" 2>"$TEST_TMP/wait.err" &
wpid=$!
i=0
while ! grep -q "looking again" "$TEST_TMP/wait.err" && [ $i -lt 600 ]; do
	i=$((i + 1))
	sleep 0.1
done
grep -q "looking again" "$TEST_TMP/wait.err"
ok $? "--wait says it will look again"
# Publish the record on both servers.
for s in a b; do
	knotc -s "$DNS_DIR/run-$s/knot.sock" zone-begin cwtest.net >/dev/null
	knotc -s "$DNS_DIR/run-$s/knot.sock" zone-set cwtest.net \
	    _dnsauth.late 300 TXT '"TOKEN-0123456789"' >/dev/null
	knotc -s "$DNS_DIR/run-$s/knot.sock" zone-commit cwtest.net >/dev/null
done
wait $wpid
rc=$?
out=$(cat "$TEST_TMP/wait.out")
err=$(cat "$TEST_TMP/wait.err")
expect_rc 0 "--wait ends ready once the record is published"
has "Ready" "$out" "says ready"

done_testing
