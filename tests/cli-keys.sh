#!/bin/sh
# A certificate is kept only with the key that goes with it: when the CA
# made the key (Automatic) and the application's folder already holds
# another key.pem (one made for Generate here before the mode changed),
# that file is kept under another name and the CA's key is saved, so that
# key.pem and certificate.pem always belong together.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
. "$top_srcdir/tests/cas-lib.sh"

start_server good
mkdir -p "$HOME/.config/certwiz"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
applicant='"applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}'
printf '{"type": "free", "domains": ["www.mysite.cn"], %s, "csr": {"mode": "auto"}, "validation": {"method": "dns"}}' \
	"$applicant" > "$T/auto.json"

run apply --answers "$T/auto.json" --json
expect_rc 0 "an application in Automatic mode, sent to the CA"
id=$(printf '%s' "$out" | json_get 'j["id"]')
dir="$apps/$id"
# A key left in the folder from another mode.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -out "$dir/key.pem" 2>/dev/null
chmod 600 "$dir/key.pem"
cp "$dir/key.pem" "$T/stale.pem"
oid=$(json_get 'j["backend"]["order_id"]' < "$dir/application.json")
ctl "{\"op\":\"state\",\"order\":$oid,\"type\":\"certificate\"}" >/dev/null
run status "$id" --json
expect_rc 0 "status fetches the certificate and the CA's key"
[ "$(printf '%s' "$out" | json_get 'j["state"]')" = issued ]
ok $? "the application is issued"
has "unused-key-" "$(printf '%s' "$out" | json_get 'j.get("message")')" \
    "the answer says where the other key went"
cert_pub=$(openssl x509 -in "$dir/certificate.pem" -noout -pubkey 2>/dev/null)
key_pub=$(openssl pkey -in "$dir/key.pem" -pubout 2>/dev/null)
[ -n "$cert_pub" ] && [ "$cert_pub" = "$key_pub" ]
ok $? "key.pem is the certificate's key"
old=$(ls "$dir" | grep '^unused-key-.*\.pem$')
[ -n "$old" ] && cmp -s "$dir/$old" "$T/stale.pem"
ok $? "the other key is kept, unchanged, as $old"
[ "$(file_mode "$dir/key.pem")" = 600 ]
ok $? "key.pem is 0600"

# Refreshing again changes nothing: the key there is the right one.
run status "$id"
expect_rc 0 "status again"
[ "$(ls "$dir" | grep -c '^unused-key-')" = 1 ]
ok $? "no key is moved twice"

done_testing
