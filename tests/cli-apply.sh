#!/bin/sh
# Batch mode: certwiz apply --answers FILE, every rule at once, nothing
# written for bad input, and a saved application re-applies identically.
. "$top_srcdir/tests/lib.sh"

apps="$HOME/.local/share/certwiz/applications"
A="$TEST_TMP/answers"
mkdir -p "$A"
python3 "$top_srcdir/tests/doc-images.py" "$TEST_TMP/img" >/dev/null

count_apps() { ls "$apps" 2>/dev/null | wc -l | tr -d ' '; }
json_get() {	# json_get PY-EXPR: evaluate on $out parsed as j
	printf '%s' "$out" | python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"
}

applicant='"applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}'
cat > "$A/free.json" <<JSON
{"type": "free", "domains": ["www.mysite.cn"], $applicant,
 "csr": {"mode": "auto"}, "validation": {"method": "dns"}}
JSON
cat > "$A/standard.json" <<JSON
{"type": "standard", "domains": ["*.example.com"], $applicant,
 "csr": {"mode": "generate", "key_type": "ec-p256"},
 "validation": {"method": "dns"}}
JSON
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout "$TEST_TMP/pro.key" -subj "/CN=example.com" \
	-addext "subjectAltName=DNS:example.com,DNS:www.example.com" \
	-out "$TEST_TMP/pro.csr" 2>/dev/null
pem=$(python3 -c 'import json,sys; print(json.dumps(open(sys.argv[1]).read()))' "$TEST_TMP/pro.csr")
cat > "$A/professional.json" <<JSON
{"type": "professional", "domains": ["example.com", "www.example.com"],
 $applicant,
 "company": {"name": "Example Technology Co., Ltd.", "type": "private",
   "phone": "+86 571 8888 6666", "org_id": "91330100MA2CXP1A3P",
   "country": "CN", "province": "Zhejiang", "city": "Hangzhou",
   "address": "969 West Wenyi Road", "zip": "310000"},
 "csr": {"mode": "manual", "pem": $pem},
 "validation": {"method": "dns"},
 "documents": [{"path": "../img/palette.png"}]}
JSON

# --- each type passes --dry-run, writing nothing ----------------------------
for t in free standard professional; do
	run apply --answers "$A/$t.json" --dry-run
	expect_rc 0 "$t: --dry-run accepts a valid answers file"
	has "complete and valid" "$out" "$t: --dry-run says so"
done
[ "$(count_apps)" = 0 ]
ok $? "--dry-run writes nothing to the store"
run apply --answers "$A/free.json" --dry-run --json
expect_rc 0 "--dry-run --json"
[ "$(json_get 'j["result"]')" = valid ]
ok $? "--json says valid"

# --- a real application with the local backend -------------------------------
run apply --answers "$A/free.json" --backend local
expect_rc 0 "free: applied with the local backend"
id=$(ls "$apps" | head -1)
[ -n "$id" ] && [ -f "$apps/$id/application.json" ]
ok $? "the application is in the store"
has "$id" "$out" "the output names the application"
run show "$id" --json
[ "$(json_get 'j["state"]')" = prepared ]
ok $? "its state is prepared, never submitted"

# --- generate here, with a passphrase from a file and from a descriptor ----
printf 'correct horse battery staple\n' > "$TEST_TMP/pass"
run apply --answers "$A/standard.json" --backend local \
	--passphrase-file "$TEST_TMP/pass" --json
expect_rc 0 "standard: applied, key made here, passphrase from a file"
sid=$(json_get 'j["id"]')
key="$apps/$sid/key.pem"
[ -f "$key" ] && [ "$(file_mode "$key")" = 600 ]
ok $? "the key is 0600"
grep -q "ENCRYPTED PRIVATE KEY" "$key"
ok $? "the key is encrypted"
openssl pkey -in "$key" -passin file:"$TEST_TMP/pass" -noout 2>/dev/null
ok $? "it opens with the passphrase"
! openssl pkey -in "$key" -passin pass:wrong -noout 2>/dev/null
ok $? "and not with another"
! grep -rqs "correct horse" "$HOME" "$TEST_TMP/answers"
ok $? "the passphrase is in no file certwiz wrote"
run apply --answers "$A/standard.json" --backend local --passphrase-fd 3 \
	3<"$TEST_TMP/pass"
expect_rc 0 "the passphrase from an inherited descriptor"
run apply --answers "$A/standard.json" --passphrase-fd 9
expect_rc 3 "a descriptor that is not open"
has "descriptor 9" "$err" "says which descriptor"
run apply --answers "$A/free.json" --passphrase-file "$TEST_TMP/pass"
expect_rc 2 "a passphrase without a key to make is a usage error"

# --- professional: manual CSR and a document ----------------------------------
run apply --answers "$A/professional.json" --backend local --json
expect_rc 0 "professional: manual CSR and a document"
pid=$(json_get 'j["id"]')
ls "$apps/$pid/documents/" | grep -q png
ok $? "the document was copied into the application"

# --- names are kept in the form sent to the CA --------------------------------
cat > "$A/idn.json" <<JSON
{"type": "standard", "domains": ["Example.COM.", "www.例子.中国"], $applicant,
 "csr": {"mode": "auto"}, "validation": {"method": "dns"}}
JSON
run apply --answers "$A/idn.json" --backend local --json
expect_rc 0 "names in capitals, with a dot, in Unicode"
iid=$(json_get 'j["id"]')
run show "$iid" --json
[ "$(json_get '" ".join(j["domains"])')" = "example.com www.xn--fsqu00a.xn--fiqs8s" ]
ok $? "are stored lower case, without the dot, as A-labels"

# --- several mistakes, all reported with their keys ---------------------------
before=$(count_apps)
cat > "$A/bad.json" <<JSON
{"type": "free", "domains": ["www.example.com", "*.example.org"],
 "applicant": {"name": "Li Lei", "phone": "call me", "email": "not-an-email"},
 "csr": {"mode": "generate"}, "validation": {"method": "dns"}}
JSON
run apply --answers "$A/bad.json"
expect_rc 1 "a file with several mistakes is rejected"
has "domains[1]" "$err" "the wildcard name is named by its key"
has "applicant.email" "$err" "the email is named by its key"
has "applicant.phone" "$err" "the phone is named by its key"
has "csr.key_type" "$err" "the missing key type is named by its key"
run apply --answers "$A/bad.json" --json
expect_rc 1 "--json for a rejected file"
keys=$(json_get '" ".join(sorted(set(f["key"] or "" for f in j["findings"] if f["level"]=="error")))')
has "applicant.email" "$keys" "the JSON findings carry the keys ($keys)"
[ "$(count_apps)" = "$before" ]
ok $? "nothing was written for a rejected file"

# --- unknown keys, with a suggestion -------------------------------------------
printf '{"type": "free", "domain": ["a.example.com"], "aplicant": {}}' > "$A/typo.json"
run apply --answers "$A/typo.json"
expect_rc 1 "unknown keys are rejected"
has 'did you mean "domains"' "$err" "domain -> domains is suggested"
has 'did you mean "applicant"' "$err" "aplicant -> applicant is suggested"
printf '{"type": "free", "id": "abcd-2345", "state": "issued"}' > "$A/state.json"
run apply --answers "$A/state.json"
expect_rc 1 "keys only certwiz writes are refused in answers"
has '"id"' "$err" "the id key is named"

# --- malformed files: clear messages, store untouched -------------------------
printf '{"type": "free", "domains": "www.example.com"}' > "$A/wrongtype.json"
run apply --answers "$A/wrongtype.json"
expect_rc 1 "a wrong JSON type"
has "domains" "$err" "names the key"
has "array" "$err" "says what it must be"
printf '{"type": "free", "applicant": {"name": "Li \377\376"}}' > "$A/utf8.json"
run apply --answers "$A/utf8.json"
expect_rc 1 "invalid UTF-8"
has "UTF-8" "$err" "says it is not UTF-8"
head -c 60 "$A/professional.json" > "$A/truncated.json"
run apply --answers "$A/truncated.json"
expect_rc 1 "a truncated file"
has "incomplete" "$err" "says it is incomplete"
head -c 10485760 /dev/zero | tr '\0' ' ' > "$A/big.json"
run apply --answers "$A/big.json"
expect_rc 1 "a 10 MB file"
has "larger than" "$err" "says it is too large"
run apply --answers "$A/missing.json"
expect_rc 3 "a missing file is an I/O failure"
printf '[1, 2]' > "$A/array.json"
run apply --answers "$A/array.json"
expect_rc 1 "a JSON array instead of an object"
[ "$(count_apps)" = "$before" ]
ok $? "no malformed file changed the store"

# --- standard input -------------------------------------------------------------
run_in "$(cat "$A/free.json")" apply --answers - --dry-run
expect_rc 0 "answers on standard input"

# --- usage errors ------------------------------------------------------------
run apply
expect_rc 2 "apply without --answers"
run apply --answers "$A/free.json" --backend nowhere
expect_rc 2 "an unknown backend"
run apply --answers "$A/free.json" extra
expect_rc 2 "an extra argument"

# --- an application re-applies to an identical one -----------------------------
run show "$pid" --answers
expect_rc 0 "show --answers exports the professional application"
printf '%s\n' "$out" > "$A/export.json"
run apply --answers "$A/export.json" --backend local --json
expect_rc 0 "the exported answers apply"
pid2=$(json_get 'j["id"]')
strip='import json,sys
j=json.load(open(sys.argv[1]))
for k in ("id","created","updated","backend"): j.pop(k,None)
for d in j.get("documents",[]): d.pop("path",None)
print(json.dumps(j,sort_keys=True))'
a=$(python3 -c "$strip" "$apps/$pid/application.json")
b=$(python3 -c "$strip" "$apps/$pid2/application.json")
[ "$a" = "$b" ]
ok $? "the re-applied application is identical apart from ids and times"
[ "$a" = "$b" ] || diag "first:  $a" "second: $b"

done_testing
