#!/bin/sh
# CLI tests: certwiz check csr, on CSRs and keys made now with openssl.
. "$top_srcdir/tests/lib.sh"

if ! command -v openssl >/dev/null 2>&1; then
	echo "1..0 # SKIP the openssl command is not installed"
	exit 0
fi

W="$TEST_TMP/w"
mkdir -p "$W"
cd "$W" || exit 99

ossl() { openssl "$@" >/dev/null 2>"$W/openssl.err" || {
	diag "openssl $*" "$(cat "$W/openssl.err")"; return 1; }; }

# Keys, made once and reused: generating RSA is the slow part.
ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec256.key
ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048.key

# req KEY OUT SUBJ [ARGS...]: a CSR from KEY.
req() {
	k=$1 o=$2 s=$3
	shift 3
	ossl req -new -utf8 -key "$k" -subj "$s" -out "$o" "$@"
}

# check EXPECTED-RC DESCRIPTION ARGS...
check() {
	want=$1 desc=$2
	shift 2
	run check csr "$@"
	expect_rc "$want" "$desc"
}

# --- keys ----------------------------------------------------------------------
ossl req -new -newkey rsa:1024 -nodes -keyout rsa1024.key \
    -subj /CN=example.com -out rsa1024.csr
check 1 "RSA 1024 is refused" rsa1024.csr
has "the key is too small" "$err" "says the key is too small"
has "RSA 2048 or more, or EC P-256" "$err" "and what to make instead"
has "RSA 1024 bits" "$out" "the report shows the key"

req rsa2048.key rsa2048.csr /CN=example.com -sha256
check 0 "RSA 2048 with SHA-256 is accepted" rsa2048.csr
has "RSA 2048 bits" "$out" "the report shows RSA 2048"
has "sha256WithRSAEncryption" "$out" "and the signature algorithm"
has "Acceptable" "$out" "and says it is acceptable"

ossl req -new -newkey rsa:4096 -nodes -keyout rsa4096.key \
    -subj /CN=example.com -out rsa4096.csr
check 0 "RSA 4096 is accepted" rsa4096.csr
has "RSA 4096 bits" "$out" "the report shows RSA 4096"

req ec256.key ec256.csr /CN=example.com
check 0 "EC P-256 is accepted" ec256.csr
has "EC P-256 (256 bits)" "$out" "the report shows the curve"
has "ecdsa-with-SHA256" "$out" "and the signature"

for c in P-384 P-521; do
	ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:$c -out ec.key
	req ec.key ec-$c.csr /CN=example.com
	check 0 "EC $c is accepted" ec-$c.csr
	has "EC $c" "$out" "the report shows $c"
done

ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:secp256k1 -out k1.key
req k1.key k1.csr /CN=example.com
check 1 "EC secp256k1 is refused" k1.csr
has "secp256k1" "$err" "names the curve"
has "P-256" "$err" "and says which curve to use"

ossl genpkey -algorithm ED25519 -out ed.key
req ed.key ed.csr /CN=example.com
check 1 "Ed25519 is refused" ed.csr
has "Ed25519" "$err" "names the key type"

ossl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:1024 \
    -out dsa.param
ossl genpkey -paramfile dsa.param -out dsa.key
req dsa.key dsa.csr /CN=example.com
check 1 "DSA is refused" dsa.csr
has "DSA" "$err" "names the key type"

# --- signatures ----------------------------------------------------------------
req rsa2048.key md5.csr /CN=example.com -md5
check 1 "an MD5 signature is refused" md5.csr
has "MD5" "$err" "names MD5"
has "SHA-256" "$err" "and says to use SHA-256"

req rsa2048.key sha1.csr /CN=example.com -sha1
check 0 "a SHA-1 signature is accepted" sha1.csr
has "SHA-1" "$err" "with a warning about SHA-1"

# A flipped bit in the signature (the last byte of the DER).
ossl req -in ec256.csr -outform DER -out good.der
python3 -c 'import sys; d=bytearray(open(sys.argv[1],"rb").read()); d[-1]^=1; open(sys.argv[2],"wb").write(d)' good.der tampered.der
check 1 "a tampered signature is refused" tampered.der
has "does not verify" "$err" "says the signature does not verify"

# --- names -----------------------------------------------------------------------
req ec256.key san.csr /CN=example.com \
    -addext "subjectAltName=DNS:example.com,DNS:www.example.com"
check 0 "SANs among the bound domains" --domain example.com \
    --domain www.example.com san.csr
has "example.com, www.example.com" "$out" "the report lists the names"
check 0 "the name that comes free may be among the SANs" \
    --domain example.com san.csr
req ec256.key san2.csr /CN=example.com \
    -addext "subjectAltName=DNS:example.com,DNS:shop.example.com"
check 1 "a SAN outside the bound domains" --domain example.com san2.csr
has "shop.example.com" "$err" "names the stray name"
check 1 "a CN outside the bound domains" --domain other.example.com san.csr
has "not one of the domains" "$err" "says so"
check 0 "Unicode and A-label domains compare equal" \
    --domain example.com --domain WWW.Example.Com. san.csr

req ec256.key nocn.csr /O=Example
check 1 "a CSR without a CN is refused" nocn.csr
has "no common name" "$err" "says the CN is missing"

req ec256.key wild.csr "/CN=*.example.com" \
    -addext "subjectAltName=DNS:*.example.com"
check 1 "a wildcard CN for the free type is refused" --type free wild.csr
has "wildcard" "$err" "says why"
check 0 "a wildcard CN for the standard type" --type standard wild.csr

req ec256.key idn.csr "/CN=例子.中国"
check 0 "an IDN CN matches its A-label" --domain xn--fsqu00a.xn--fiqs8s \
    idn.csr
has "xn--fsqu00a.xn--fiqs8s" "$err" "shows the A-label"
has "例子.中国" "$out" "the report shows the Unicode subject"

req ec256.key bad.csr /CN=localhost
check 1 "a CN that is no public domain is refused" bad.csr

req ec256.key refused.csr /CN=example.org
check 1 "a suffix the type refuses" --type free refused.csr
check 0 "which another type takes" --type standard refused.csr

# --- encodings ------------------------------------------------------------------
check 0 "DER" good.der
sed 's/$/\r/' ec256.csr > crlf.csr
check 0 "CRLF line ends" crlf.csr
{ printf '\n\n   '; sed 's/^/    /' ec256.csr; printf '\n\t\n'; } > blanks.csr
check 0 "surrounding blanks and indentation" blanks.csr
sed 's/CERTIFICATE REQUEST/NEW CERTIFICATE REQUEST/' ec256.csr > new.csr
check 0 "the NEW CERTIFICATE REQUEST header" new.csr
run_in "$(cat ec256.csr)" check csr -
expect_rc 0 "standard input"
has "standard input" "$out" "named as standard input"
head -n 3 ec256.csr > cut.csr
check 1 "a CSR cut off" cut.csr
has "cut off" "$err" "says it is cut off"

# --- things that are not CSRs ---------------------------------------------------
ossl req -x509 -key ec256.key -subj /CN=example.com -days 1 -out cert.pem
check 1 "a certificate is refused" cert.pem
has "this is a certificate" "$err" "says it is a certificate"
ossl x509 -in cert.pem -outform DER -out cert.der
check 1 "a DER certificate is refused" cert.der
has "this is a certificate" "$err" "says it is a certificate"

check 1 "a PKCS #8 private key is refused" ec256.key
has "this is a private key: never send it to anyone; give the CSR made from it" \
    "$err" "says never to send it"
has "a private key" "$out" "the report says what it is"
lacks "$(sed -n 2p ec256.key)" "$out$err" "and never shows the key"
ossl pkey -in rsa2048.key -traditional -out rsa-trad.key
check 1 "a traditional RSA private key is refused" rsa-trad.key
has "never send it to anyone" "$err" "says never to send it"
ossl pkey -in ec256.key -aes256 -passout pass:secret -out enc.key
check 1 "an encrypted private key is refused" enc.key
has "never send it to anyone" "$err" "says never to send it"
ossl pkey -in ec256.key -outform DER -out key.der
check 1 "a DER private key is refused" key.der
has "never send it to anyone" "$err" "says never to send it"
ossl pkcs12 -export -inkey ec256.key -in cert.pem -passout pass:secret \
    -out bundle.pfx
check 1 "a PKCS #12 file is refused" bundle.pfx
has "never send it to anyone" "$err" "says never to send it"
cat ec256.key ec256.csr > both.pem
check 1 "a CSR with its private key is refused" both.pem
has "never send it to anyone" "$err" "says never to send the key"
ossl pkey -in ec256.key -pubout -out pub.pem
check 1 "a public key is refused" pub.pem
has "this is a public key" "$err" "says it is a public key"
printf 'hello\n' > text.txt
check 1 "text is refused" text.txt
has "not a CSR" "$err" "says it is not a CSR"
: > empty.csr
check 1 "an empty file is refused" empty.csr
has "empty" "$err" "says it is empty"

# --- JSON -------------------------------------------------------------------------
run check csr --json rsa1024.csr
expect_rc 1 "--json on a refused CSR"
v=$(printf '%s' "$out" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["acceptable"], r["key"]["type"], r["key"]["bits"], r["cn"], r["signature"], [f["code"] for f in r["findings"] if f["level"]=="error"])')
[ "$v" = "False RSA 1024 example.com sha256WithRSAEncryption ['csr.key-too-small']" ]
ok $? "JSON has the key, CN, signature and finding ($v)"
run check csr --json --domain example.com --domain www.example.com san.csr
expect_rc 0 "--json on an accepted CSR"
v=$(printf '%s' "$out" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["acceptable"], r["what"], ",".join(r["sans"]), r["key"]["curve"])')
[ "$v" = "True None example.com,www.example.com P-256" ]
ok $? "JSON has the names and curve ($v)"
want=$(openssl req -in san.csr -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)
run check csr --json san.csr
v=$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"]["sha256"])')
[ -n "$want" ] && [ "$v" = "$want" ]
ok $? "JSON has the SHA-256 of the public key, as openssl computes it"
run check csr san.csr
has "$want" "$out" "the report shows it too"
run check csr --json ec256.key
v=$(printf '%s' "$out" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["what"], r["findings"][0]["code"])')
[ "$v" = "a private key csr.private-key" ]
ok $? "JSON names a private key ($v)"

# --- usage and files -----------------------------------------------------------
check 3 "a missing file" "$W/nonexistent.csr"
has "nonexistent.csr" "$err" "names the file"
has "No such file" "$err" "and the reason"
mkdir folder.csr
check 3 "a folder" folder.csr
has "folder" "$err" "says it is a folder"
if [ "$(id -u)" -ne 0 ]; then
	cp ec256.csr locked.csr
	chmod 000 locked.csr
	check 3 "an unreadable file" locked.csr
	has "Permission denied" "$err" "says why"
else
	skip "an unreadable file (root reads everything)"
	skip "says why"
fi
check 2 "no file" 
check 2 "two files" ec256.csr san.csr
check 2 "an unknown option" --bogus ec256.csr
check 2 "an unknown type" --type nosuch ec256.csr
has "certwiz types" "$err" "says where the types are"
check 2 "--domain without a value" ec256.csr --domain
run check csr --help
expect_rc 0 "--help"
has "--domain NAME" "$out" "--help lists the options"
run check --help
has "csr" "$out$err" "check --help mentions csr"

done_testing
