# The test CA API server for shell tests: a throw-away CA and server
# certificates, start_server CERTNAME, stop_server (at exit), ctl COMMAND,
# mkapp (an application ready to submit), state_of, order_of, n_orders.
# Usage: . "$top_srcdir/tests/cas-lib.sh" (after tests/lib.sh)

T="$TEST_TMP"
apps="$HOME/.local/share/certwiz/applications"
server_pid=""
stop_server() {
	if [ -n "$server_pid" ]; then
		kill "$server_pid" 2>/dev/null
		wait "$server_pid" 2>/dev/null
		server_pid=""
	fi
}
at_cleanup stop_server

# --- a throw-away CA and server certificates --------------------------------
gen() { openssl "$@" >/dev/null 2>&1 || { echo "Bail out! openssl $1 failed"; exit 1; }; }
ecparam="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
gen req -x509 $ecparam -keyout "$T/ca.key" -out "$T/ca.pem" -days 2 \
	-subj "/CN=certwiz test CA"
gen req -x509 $ecparam -keyout "$T/other-ca.key" -out "$T/other-ca.pem" \
	-days 2 -subj "/CN=another CA"
server_cert() {	# server_cert NAME CA SAN
	gen req -new $ecparam -keyout "$T/$1.key" -out "$T/$1.csr" \
		-subj "/CN=$1"
	printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\n' "$3" > "$T/$1.ext"
	gen x509 -req -in "$T/$1.csr" -CA "$T/$2.pem" -CAkey "$T/$2.key" \
		-CAcreateserial -CAserial "$T/$2.srl" -days 2 \
		-extfile "$T/$1.ext" -out "$T/$1.pem"
}
server_cert good ca "IP:127.0.0.1,DNS:localhost"
server_cert wronghost ca "DNS:wrong.example"
server_cert stranger other-ca "IP:127.0.0.1,DNS:localhost"

: "${KEY_ID:=LTAI5tCertwizTest01}"
: "${SECRET:=Sec+ret/Key=ab~cd}"
# CAS_SERVER_ARGS: more options for the server (word-split).
start_server() {	# start_server CERTNAME
	stop_server
	rm -f "$T/port"
	python3 "$top_srcdir/tests/cas-server.py" serve --cert "$T/$1.pem" \
		--key "$T/$1.key" --ca-cert "$T/ca.pem" --ca-key "$T/ca.key" \
		--port-file "$T/port" --key-id "$KEY_ID" --secret "$SECRET" \
		${CAS_SERVER_ARGS:-} 2>"$T/server.err" &
	server_pid=$!
	i=0
	while [ ! -s "$T/port" ] && [ $i -lt 300 ]; do
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$T/port" ] || { echo "Bail out! the test server did not start"; cat "$T/server.err"; exit 1; }
	port=$(cat "$T/port")
	endpoint="https://127.0.0.1:$port"
}
ctl() { python3 "$top_srcdir/tests/cas-server.py" ctl "$port" "$T/ca.pem" "$1"; }
# json_get EXPR: evaluate EXPR over the JSON on stdin as "j".
json_get() { python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"; }

export ALIBABA_CLOUD_ACCESS_KEY_ID="$KEY_ID"
export ALIBABA_CLOUD_ACCESS_KEY_SECRET="$SECRET"
export CERTWIZ_TIMEOUT=3
cas="--endpoint"
# submit and status check the DNS record as the CA will (certwiz verify):
# not in these tests, whose names are not in a test DNS zone.
export CERTWIZ_VERIFY=no

# mkapp ID TYPE METHOD CSR-MODE DOMAIN...: a valid application in the store.
mkapp() {
	id=$1 type=$2 method=$3 mode=$4
	shift 4
	mkdir -p "$apps/$id"
	chmod 700 "$apps/$id"
	python3 - "$apps/$id" "$id" "$type" "$method" "$mode" "$T/req.pem" "$@" <<'PY'
import json, os, sys
d, id_, typ, method, mode, csr = sys.argv[1:7]
doms = sys.argv[7:]
app = {"version": 1, "id": id_, "state": "ready", "type": typ,
       "created": "2026-11-29T10:00:00Z", "updated": "2026-11-29T10:00:00Z",
       "domains": doms,
       "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000",
                     "email": "li.lei@example.com"},
       "csr": {"mode": mode}, "validation": {"method": method},
       "documents": []}
if mode == "manual":
    app["csr"]["pem"] = open(csr).read()
if typ == "professional":
    app["company"] = {"name": "Example Technology Co., Ltd.",
                      "type": "private", "phone": "+86 10 8888 6666",
                      "org_id": "91350100M000100Y43", "country": "CN",
                      "province": "Zhejiang", "city": "Hangzhou",
                      "address": "969 West Wenyi Road", "zip": "310000"}
    os.makedirs(os.path.join(d, "documents"), exist_ok=True)
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00"
           b"\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx"
           b"\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\x0d\xef\x46\xb8\x00"
           b"\x00\x00\x00IEND\xaeB`\x82")
    open(os.path.join(d, "documents", "licence.png"), "wb").write(png)
    app["documents"] = [{"path": "/tmp/licence.png",
                         "file": "documents/licence.png", "mime": "image/png",
                         "size": len(png), "width": 1, "height": 1,
                         "sha256": "0" * 64}]
with open(os.path.join(d, "application.json"), "w") as f:
    json.dump(app, f)
os.chmod(os.path.join(d, "application.json"), 0o600)
PY
}
state_of() { python3 -c "import json; print(json.load(open('$apps/$1/application.json'))['state'])"; }
order_of() { python3 -c "import json; print(json.load(open('$apps/$1/application.json')).get('backend',{}).get('order_id',0))"; }
n_orders() { ctl '{"op":"orders"}' | json_get "len(j)"; }
