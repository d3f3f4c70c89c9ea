#!/bin/sh
# submit and status with the cas backend run the check of certwiz verify
# and say what is missing: the test CA API server (tests/cas-server.py)
# gives a token, the test DNS servers (Knot DNS, tests/dns-lib.sh) serve
# another value, then the CA's value.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
. "$top_srcdir/tests/cas-lib.sh"
. "$top_srcdir/tests/dns-lib.sh"
unset CERTWIZ_VERIFY
if ! dns_have; then
	echo "1..0 # SKIP knotd and kzonesign are not installed (Debian: knot, knot-dnssecutils)"
	exit 0
fi
dns_start
ok $? "the test DNS servers start (port $DNS_PORT)"
# The name servers the check asks directly listen on the test port too.
CERTWIZ_NS_PORT=$DNS_PORT
export CERTWIZ_NS_PORT
start_server good
mkdir -p "$HOME/.config/certwiz"
printf 'resolver = 127.0.0.2:%s\n' "$DNS_PORT" > "$HOME/.config/certwiz/config"

mkdir -p "$apps/aaaa-0001"
chmod 700 "$apps/aaaa-0001"
cat > "$apps/aaaa-0001/application.json" <<JSON
{"version": 1, "id": "aaaa-0001", "state": "ready", "type": "standard",
 "created": "2026-11-29T10:00:00Z", "updated": "2026-11-29T10:00:00Z",
 "domains": ["www.cwtest.net"],
 "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000",
   "email": "li.lei@example.com"},
 "csr": {"mode": "auto"}, "validation": {"method": "dns"}, "documents": []}
JSON

run submit aaaa-0001 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "submit to the test CA"
has "Before the CA validates" "$out" "submit runs the check"
has "but the CA expects" "$out" "and says the published value is not the CA's"
token=$(python3 -c "import json; print(json.load(open('$apps/aaaa-0001/application.json'))['backend']['record_value'])")

# Publish the CA's value on both servers: status says ready.
for s in a b; do
	knotc -s "$DNS_DIR/run-$s/knot.sock" zone-begin cwtest.net >/dev/null
	knotc -s "$DNS_DIR/run-$s/knot.sock" zone-unset cwtest.net _dnsauth.www TXT >/dev/null
	knotc -s "$DNS_DIR/run-$s/knot.sock" zone-set cwtest.net \
	    _dnsauth.www 300 TXT "\"$token\"" >/dev/null
	knotc -s "$DNS_DIR/run-$s/knot.sock" zone-commit cwtest.net >/dev/null
done
run status aaaa-0001 --json --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "status --json"
r=$(printf '%s' "$out" | python3 -c 'import json,sys; j=json.load(sys.stdin)["verify"]; print(sorted(set(f["code"] for f in j["findings"])))')
case "$r" in
*verify.dns.ok*) ok 0 "status --json: the check finds the CA's value ($r)" ;;
*) ok 1 "status --json: the check finds the CA's value ($r)" ;;
esac
run status aaaa-0001 --endpoint "$endpoint" --cacert "$T/ca.pem"
has "Before the CA validates" "$out" "status runs the check"
lacks "but the CA expects" "$out" "and the value is right now"

CERTWIZ_VERIFY=no run status aaaa-0001 --endpoint "$endpoint" --cacert "$T/ca.pem"
lacks "Before the CA validates" "$out" "CERTWIZ_VERIFY=no skips it"

done_testing
