# The test CA API server for shell tests: a throw-away CA and server
# certificates, start_server CERTNAME, stop_server (at exit), ctl COMMAND.
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

