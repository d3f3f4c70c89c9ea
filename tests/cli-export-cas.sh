#!/bin/sh
# From the CA to the server: a certificate issued through the cas backend
# (the test CA API server) is kept with its chain in order, and exported.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/cas-lib.sh"

start_server good
mkdir -p "$HOME/.config/certwiz"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
applicant='"applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}'
cat > "$T/std.json" <<JSON
{"type": "standard", "domains": ["www.example.com"], $applicant,
 "csr": {"mode": "generate", "key_type": "ec-p256"},
 "validation": {"method": "dns"}}
JSON
run apply --answers "$T/std.json" --json
expect_rc 0 "applied through the cas backend"
id=$(ls "$apps" | head -1)
oid=$(python3 -c "import json; print(json.load(open('$apps/$id/application.json'))['backend']['order_id'])")
ctl "{\"op\":\"state\",\"order\":$oid,\"type\":\"certificate\"}" >/dev/null
run status "$id"
expect_rc 0 "status fetches the issued certificate"
[ -f "$apps/$id/certificate.pem" ] && [ -f "$apps/$id/chain.pem" ]
ok $? "the CA's certificate.pem is kept, and chain.pem beside it"
openssl x509 -in "$apps/$id/chain.pem" -noout -ext subjectAltName 2>/dev/null |
	grep -q www.example.com
ok $? "chain.pem begins with the certificate"
run export "$id" --format nginx -o "$T/out"
expect_rc 1 "the test CA is not a trusted root of the system"
has "certwiz test CA" "$err" "export names the unknown issuer"
has "--ca-file" "$err" "and how to trust it"
[ ! -e "$T/out" ]
ok $? "nothing written"
run export "$id" --format nginx -o "$T/out" --ca-file "$T/ca.pem"
expect_rc 0 "export with the test CA as the root"
openssl verify -CAfile "$T/ca.pem" "$T/out/www.example.com.fullchain.pem" >/dev/null 2>&1
ok $? "the exported certificate verifies"
done_testing
