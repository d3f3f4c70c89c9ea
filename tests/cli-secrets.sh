#!/bin/sh
# Secrets stay secret: the API secret, a key's passphrase and private keys
# appear in no file certwiz writes (other than the key file itself) and in
# nothing it prints; credential files others can read draw a warning.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
# Distinctive secrets for this test: a server-side secret and a passphrase.
KEY_ID=LTAI5tSecretsTest01
SECRET='CanarySecret-8f3e9a71'
. "$top_srcdir/tests/cas-lib.sh"
PASS='CanaryPassphrase-5c2d'

start_server good
printf '%s\n' "$PASS" > "$T/pass"
mkdir -p "$HOME/.config/certwiz"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
applicant='"applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}'
printf '{"type": "standard", "domains": ["example.com"], %s, "csr": {"mode": "generate", "key_type": "ec-p256"}, "validation": {"method": "dns"}}' \
	"$applicant" > "$T/gen.json"
printf '{"type": "free", "domains": ["www.mysite.cn"], %s, "csr": {"mode": "auto"}, "validation": {"method": "dns"}}' \
	"$applicant" > "$T/auto.json"

log="$T/output"
: > "$log"
capture() { printf '%s\n%s\n' "$out" "$err" >> "$log"; }

run apply --answers "$T/gen.json" --passphrase-file "$T/pass" --json
expect_rc 0 "a key made here with a passphrase, sent with the cas backend"
capture
gen=$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
run apply --answers "$T/auto.json" --json
expect_rc 0 "a CA-made key (automatic mode)"
capture
auto=$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
# The CA issues both; status fetches the certificate and the CA's key.
for id in "$gen" "$auto"; do
	oid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["backend"]["order_id"])' \
		"$HOME/.local/share/certwiz/applications/$id/application.json")
	ctl "{\"op\":\"state\",\"order\":$oid,\"type\":\"certificate\"}" >/dev/null
	run status "$id" --json
	expect_rc 0 "status of an issued application ($id)"
	capture
	run status "$id"
	capture
	run show "$id"
	capture
	run show "$id" --json
	capture
done
run list
capture
run list --json
capture
run account
expect_rc 0 "certwiz account"
capture
run account --json
capture

dir="$HOME/.local/share/certwiz/applications"
[ -f "$dir/$auto/key.pem" ] && [ "$(file_mode "$dir/$auto/key.pem")" = 600 ]
ok $? "the CA-made key is saved 0600"
# The lines of the CA-made key's body: none may appear anywhere else.
body=$(grep -v -- '-----' "$dir/$auto/key.pem" | head -3)
[ -n "$body" ]
ok $? "the CA-made key has a body to look for"

# Every file certwiz wrote, except the key files themselves.
files=$(find "$HOME" -type f ! -name key.pem ! -path "$HOME/.config/*")
leaks=""
for f in $files "$log"; do
	for s in "$SECRET" "$PASS" $body "PRIVATE KEY"; do
		if grep -qF -- "$s" "$f"; then
			leaks="$leaks $f:$s"
		fi
	done
done
[ -z "$leaks" ]
ok $? "no secret in any written file or in the output"
[ -z "$leaks" ] || diag "found:$leaks"
! grep -qF -- "$PASS" "$dir/$gen/key.pem"
ok $? "not even the key file holds the passphrase"
grep -q "ENCRYPTED PRIVATE KEY" "$dir/$gen/key.pem"
ok $? "the key made here is encrypted"

# A credentials file that others can read: a warning, with what to do.
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET
mkdir -p "$HOME/.alibabacloud"
printf '[default]\ntype = access_key\naccess_key_id = %s\naccess_key_secret = %s\n' \
	"$KEY_ID" "$SECRET" > "$HOME/.alibabacloud/credentials"
chmod 644 "$HOME/.alibabacloud/credentials"
run apply --answers "$T/auto.json"
expect_rc 0 "the credentials file is used"
has "chmod 600" "$err" "a world-readable credentials file draws a warning"
lacks "$SECRET" "$out$err" "and the warning does not show the secret"

# A typo in the credentials file (a colon for "="): the message names the
# file, the line and the key, never the value.
chmod 600 "$HOME/.alibabacloud/credentials"
printf '[default]\ntype = access_key\naccess_key_id = %s\naccess_key_secret: %s\n' \
	"$KEY_ID" "$SECRET" > "$HOME/.alibabacloud/credentials"
run apply --answers "$T/auto.json"
expect_rc 3 "a credentials file with a typo is refused"
has "credentials:4:" "$err" "the message names the file and the line"
has "access_key_secret" "$err" "and the key"
lacks "$SECRET" "$out$err" "but not the secret on that line"
# A line that is only a value: not even a part of it is shown.
printf '[default]\ntype = access_key\n%s more\n' "$SECRET" \
	> "$HOME/.alibabacloud/credentials"
run apply --answers "$T/auto.json"
expect_rc 3 "a line without a key is refused"
lacks "CanarySecret" "$out$err" "and no part of it is shown"
rm -f "$HOME/.alibabacloud/credentials"

# An unquoted secret in the aliyun CLI's config.json: jansson would quote
# it ("near '...'"); certwiz names the file, line and column only.
mkdir -p "$HOME/.aliyun"
printf '{"current": "default", "profiles": [{"name": "default", "mode": "AK",\n "access_key_id": "%s",\n "access_key_secret": %s}]}\n' \
	"$KEY_ID" "$SECRET" > "$HOME/.aliyun/config.json"
chmod 600 "$HOME/.aliyun/config.json"
run apply --answers "$T/auto.json"
expect_rc 3 "a config.json that is not JSON is refused"
has "config.json:3:" "$err" "the message names the file and the line"
lacks "$SECRET" "$out$err" "but not the secret"
lacks "CanarySecret" "$out$err" "nor a part of it"
rm -f "$HOME/.aliyun/config.json"
done_testing
