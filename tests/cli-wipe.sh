#!/bin/sh
# Secrets are wiped before their memory is freed, proved on the real
# binary with an allocator shim (tests/wipeshim.so, LD_PRELOAD) that
# reports every freed heap block still holding a marker: a passphrase
# file, one over the 1,024-byte limit included, and a private key given
# where a CSR is asked for.
. "$top_srcdir/tests/lib.sh"

shim=${WIPESHIM:-}
if [ -n "${CERTWIZ_WRAPPER:-}" ] || [ -z "$shim" ] || [ ! -f "$shim" ] ||
    ! command -v openssl >/dev/null 2>&1; then
	echo "1..0 # SKIP needs tests/wipeshim.so and openssl, and no wrapper"
	exit 0
fi
MARK='WipeMarker7q3Z9xK'
wlog="$TEST_TMP/wipe.log"
# wrun ARGS...: run certwiz under the shim.
wrun() {
	: > "$wlog"
	out=$(env LD_PRELOAD="$shim" CERTWIZ_WIPE_MARKER="$MARK" \
	    CERTWIZ_WIPE_LOG="$wlog" "$CERTWIZ" "$@" 2>"$TEST_TMP/stderr" \
	    </dev/null)
	rc=$?
	err=$(cat "$TEST_TMP/stderr")
}
wiped() {	# wiped DESCRIPTION: the shim saw no freed block with the marker
	[ ! -s "$wlog" ]
	ok $? "$1"
	[ -s "$wlog" ] && sed 's/^/# | /' "$wlog" | head -40
}
wrun --version
if [ "$rc" -ne 0 ]; then
	echo "1..0 # SKIP the shim cannot be preloaded here (sanitizers?)"
	exit 0
fi

# The shim itself: a block freed with the marker is reported.
: > "$wlog"
env LD_PRELOAD="$shim" CERTWIZ_WIPE_MARKER="digicert-free" \
    CERTWIZ_WIPE_LOG="$wlog" "$CERTWIZ" types --json >/dev/null 2>&1
[ -s "$wlog" ]
ok $? "the shim reports a freed block that holds its marker"

applicant='"applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}'
printf '{"type": "standard", "domains": ["example.com"], %s, "csr": {"mode": "generate", "key_type": "ec-p256"}, "validation": {"method": "dns"}}' \
	"$applicant" > "$TEST_TMP/gen.json"

# A passphrase file over 1,024 bytes: refused, and wiped.
python3 -c 'import sys; sys.stdout.write(sys.argv[1] + "x" * 3000 + "\n")' \
    "$MARK" > "$TEST_TMP/big-pass"
wrun apply --answers "$TEST_TMP/gen.json" --passphrase-file "$TEST_TMP/big-pass" \
    --backend local
expect_rc 3 "a passphrase file over 1,024 bytes is refused"
has "larger than" "$err" "and says why"
wiped "the oversized passphrase was wiped before it was freed"

# A passphrase file over 4 KiB (the read buffer grows).
python3 -c 'import sys; sys.stdout.write(sys.argv[1] + "x" * 9000 + "\n")' \
    "$MARK" > "$TEST_TMP/huge-pass"
wrun apply --answers "$TEST_TMP/gen.json" --passphrase-file "$TEST_TMP/huge-pass" \
    --backend local
expect_rc 3 "a passphrase file over 4 KiB is refused"
wiped "every copy made while reading it was wiped"

# A good passphrase: the key is made and encrypted with it (under umask
# 000: the files are private all the same).
printf '%s\n' "$MARK" > "$TEST_TMP/pass"
old_umask=$(umask)
umask 000
wrun apply --answers "$TEST_TMP/gen.json" --passphrase-file "$TEST_TMP/pass" \
    --backend local --json
umask "$old_umask"
expect_rc 0 "a key made with a passphrase from a file"
wiped "no freed block held the passphrase"
gid=$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
gdir="$HOME/.local/share/certwiz/applications/$gid"
[ "$(file_mode "$gdir")" = 700 ] &&
    [ "$(file_mode "$gdir/application.json")" = 600 ] &&
    [ "$(file_mode "$gdir/key.pem")" = 600 ]
ok $? "under umask 000: folder 0700, application.json and key.pem 0600"
grep -q "ENCRYPTED PRIVATE KEY" "$gdir/key.pem"
ok $? "the key is encrypted"
! grep -rq "$MARK" "$gdir"
ok $? "the passphrase is in no file of the application"

# A private key given as the CSR: refused, and wiped.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -out "$TEST_TMP/key.pem" 2>/dev/null
python3 - "$TEST_TMP/key.pem" "$MARK" <<'PY'
import sys
p, m = sys.argv[1], sys.argv[2]
lines = open(p).read().split("\n")
lines[1] = m + lines[1][len(m):]
open(p, "w").write("\n".join(lines))
PY
grep -q "$MARK" "$TEST_TMP/key.pem"
ok $? "a private key that holds the marker"
wrun check csr "$TEST_TMP/key.pem"
expect_rc 1 "check csr refuses a private key"
has "private key" "$err$out" "and names it"
wiped "the private key was wiped before it was freed"

# The API secret in the credentials file: each line read is wiped. The
# backend is opened (the credentials read) and the request goes nowhere.
printf '{"type": "free", "domains": ["www.mysite.cn"], %s, "csr": {"mode": "auto"}, "validation": {"method": "dns"}}' \
	"$applicant" > "$TEST_TMP/auto.json"
run apply --answers "$TEST_TMP/auto.json" --backend local --json
expect_rc 0 "an application prepared here"
auto=$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
mkdir -p "$HOME/.alibabacloud"
printf '[default]\naccess_key_id = LTAI5tWipeTest01\naccess_key_secret = %s\n' \
    "$MARK" > "$HOME/.alibabacloud/credentials"
chmod 600 "$HOME/.alibabacloud/credentials"
wrun submit "$auto" --backend cas --endpoint https://127.0.0.1:9
expect_rc 3 "submit to an endpoint that does not answer fails"
wiped "no freed block held the secret from the credentials file"
rm -f "$HOME/.alibabacloud/credentials"

done_testing
