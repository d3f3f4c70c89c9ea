# A test CA (a root and an intermediate) and issued applications, for the
# export tests: sign CSR OUT START END, new_app [APPLY-ARGS], issue ID
# CERTFILE [LEAF]. Usage: . "$top_srcdir/tests/export-lib.sh" (after
# tests/lib.sh).
T="$TEST_TMP"
apps="$HOME/.local/share/certwiz/applications"
gen() { openssl "$@" >/dev/null 2>"$T/openssl.err" || { echo "Bail out! openssl $1 failed: $(cat "$T/openssl.err")"; exit 1; }; }
ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"

# --- a test CA: a root and an intermediate ---------------------------------
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n' > "$T/ca.ext"
gen req -x509 $ec -keyout "$T/root.key" -out "$T/root.pem" -days 3 \
	-subj "/CN=certwiz test root" -addext "basicConstraints=critical,CA:TRUE" \
	-addext "keyUsage=critical,keyCertSign,cRLSign"
gen req -new $ec -keyout "$T/inter.key" -out "$T/inter.csr" \
	-subj "/CN=certwiz test intermediate"
gen x509 -req -in "$T/inter.csr" -CA "$T/root.pem" -CAkey "$T/root.key" \
	-CAcreateserial -CAserial "$T/root.srl" -days 3 -extfile "$T/ca.ext" \
	-out "$T/inter.pem"
mkdir -p "$T/newcerts"
: > "$T/index.txt"
echo 1000 > "$T/serial"
cat > "$T/ca.cnf" <<EOF
[ca]
default_ca = c
[c]
database = $T/index.txt
new_certs_dir = $T/newcerts
serial = $T/serial
default_md = sha256
policy = p
unique_subject = no
[p]
commonName = supplied
EOF
# sign CSR OUT START END: a server certificate from the intermediate.
sign() {
	printf 'subjectAltName=DNS:www.example.com,DNS:example.com\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$T/leaf.ext"
	gen ca -batch -config "$T/ca.cnf" -cert "$T/inter.pem" \
		-keyfile "$T/inter.key" -in "$1" -out "$2" -notext \
		-startdate "$3" -enddate "$4" -extfile "$T/leaf.ext"
}
utc() { date -u -d "$1" +%Y%m%d%H%M%SZ; }

# --- applications, issued as the backend would leave them ---------------------
applicant='"applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}'
cat > "$T/std.json" <<JSON
{"type": "standard", "domains": ["www.example.com"], $applicant,
 "csr": {"mode": "generate", "key_type": "ec-p256"},
 "validation": {"method": "dns"}}
JSON
# new_app: apply, print the new id.
new_app() {
	before=$(ls "$apps" 2>/dev/null)
	"$CERTWIZ" apply --answers "$T/std.json" --backend local "$@" \
		>/dev/null 2>"$T/apply.err" </dev/null ||
		{ echo "Bail out! apply failed: $(cat "$T/apply.err")"; exit 1; }
	for d in $(ls "$apps"); do
		case " $(echo $before) " in *" $d "*) ;; *) echo "$d" ;; esac
	done
}
# issue ID CERTFILE [LEAF]: the certificate kept, the application issued.
issue() {
	cp "$2" "$apps/$1/certificate.pem"
	python3 - "$apps/$1/application.json" "${3:-$2}" <<'PY'
import json, subprocess, sys
p = sys.argv[1]
j = json.load(open(p))
def date(which):
    r = subprocess.run(["openssl", "x509", "-noout", which, "-dateopt",
                        "iso_8601", "-in", sys.argv[2]],
                       capture_output=True, text=True)
    return r.stdout.strip().split("=", 1)[1].replace(" ", "T")
end = date("-enddate")
j["state"] = "issued"
j["backend"] = {"name": "cas", "order_id": 4242,
                "certificate": "certificate.pem",
                "not_before": date("-startdate"), "not_after": end}
json.dump(j, open(p, "w"))
PY
}

