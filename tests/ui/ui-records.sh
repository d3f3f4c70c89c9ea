#!/bin/sh
# Terminal test: the wizard on records and files as they come. A DER CSR
# (binary, with NUL bytes) loaded from a file on the CSR screen is taken
# as certwiz check csr takes it; a record whose document names only its
# copy (no "path") shows on the Verification and Confirm screens instead
# of crashing the wizard.
. "$top_srcdir/tests/lib.sh"

if ! command -v openssl >/dev/null 2>&1 ||
    ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP openssl and python3 are needed"
	exit 0
fi
. "$top_srcdir/tests/ui/tmux.sh"

W="$TEST_TMP/work"
mkdir -p "$W"
python3 "$top_srcdir/tests/doc-images.py" "$W" >/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$W/key.pem" -subj "/CN=shop.example.com" \
    -addext "subjectAltName=DNS:shop.example.com" -outform DER \
    -out "$W/csr.der" >/dev/null 2>&1
ok $? "a DER CSR made with openssl"
python3 -c 'import sys; sys.exit(0 if b"\0" in open(sys.argv[1],"rb").read() else 1)' \
    "$W/csr.der"
ok $? "it holds NUL bytes"
run check csr --domain shop.example.com "$W/csr.der"
expect_rc 0 "certwiz check csr accepts it"

# A professional application with a document, made in batch mode, then
# turned back into a draft (edit ARGS: python over j, the record).
pem=$(python3 -c 'import json,subprocess,sys; print(json.dumps(subprocess.run(["openssl","req","-inform","DER","-in",sys.argv[1]],capture_output=True,text=True).stdout))' "$W/csr.der")
cat > "$W/answers.json" <<JSON
{"type": "professional", "domains": ["shop.example.com"],
 "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000",
   "email": "admin@example.com"},
 "company": {"name": "Example Technology Co., Ltd.", "type": "private",
   "phone": "+86 571 8888 6666", "org_id": "91330100MA2CXP1A3P",
   "country": "CN", "province": "Zhejiang", "city": "Hangzhou",
   "address": "969 West Wenyi Road", "zip": "310000"},
 "csr": {"mode": "manual", "pem": $pem},
 "validation": {"method": "dns"},
 "documents": [{"path": "palette.png"}]}
JSON
run apply --answers "$W/answers.json" --backend local --json
expect_rc 0 "a professional application with a document"
id=$(ui_last_id)
edit() {
	python3 - "$apps_dir/$id/application.json" "$1" <<'PY'
import json, sys
p = sys.argv[1]
j = json.load(open(p))
exec(sys.argv[2])
j["state"] = "draft"
j.pop("backend", None)
json.dump(j, open(p, "w"), indent=2)
PY
}

# --- a document without "path" -----------------------------------------------
edit 'j["screen"] = "verification"
for d in j["documents"]: d.pop("path")'
ok $? "its document now names only the copy"
ui_start resume "$id"
ui_check "the Verification screen opens" "Documents: 1 required"
ui_check "and lists the document by its copy's name" "1. "
ui_keys Tab Tab Tab Tab Enter
ui_check "Confirm shows it too" "[ Submit ]"
ui_keys C-q
ui_check "quit asks" "Save and quit"
ui_keys Enter
ui_check_exit 0 "the wizard ends normally"

# --- a DER CSR loaded from a file ---------------------------------------------
edit 'j["screen"] = "csr"
j["csr"] = {"mode": "manual"}'
ui_start resume "$id"
ui_check "the CSR screen in manual mode" "[ Paste the CSR ]"
# The mode menu, then Paste the CSR, then Load from a file.
ui_keys Tab Tab Enter
ui_check "the path prompt" "Tab completes the name"
ui_type "$W/csr.der"
ui_keys Enter
ui_check "the DER CSR is accepted" "The CSR was checked and is acceptable."
ui_check "its subject shows" "CN=shop.example.com"
ui_keys C-s
ui_check "saved" "Draft saved"
grep -q "BEGIN CERTIFICATE REQUEST" "$apps_dir/$id/application.json"
ok $? "the record keeps it as PEM"
ui_keys C-q
ui_check "quit asks" "Save and quit"
ui_keys Enter
ui_check_exit 0 "the wizard ends normally"

done_testing
