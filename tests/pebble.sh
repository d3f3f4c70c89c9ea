# Pebble, the ACME test CA, and pebble-challtestsrv (its DNS) for shell
# tests, on 127.0.0.1 with free ports and a throw-away TLS certificate:
#   start_pebble [VAR=VALUE...]   (environment for Pebble, e.g.
#                                  PEBBLE_WFE_NONCEREJECT=50)
#   stop_pebble                   (also at exit)
#   (with $pebble_eab_key set, Pebble requires External Account Binding
#   with the key id kid-1 and that base64url HMAC key)
#   set_txt NAME VALUE            publish a TXT record in challtestsrv
#   serve_webroot DIR             answer HTTP-01 from DIR on Pebble's
#                                 httpPort (a tiny HTTP server)
# After start_pebble: $directory (the ACME directory URL), $pebble_ca (its
# TLS certificate, for --cacert), $acme (the options for certwiz submit).
# Usage: . "$top_srcdir/tests/pebble.sh" (after tests/lib.sh)

if ! command -v pebble >/dev/null 2>&1 ||
    ! command -v pebble-challtestsrv >/dev/null 2>&1 ||
    ! command -v python3 >/dev/null 2>&1 ||
    ! command -v openssl >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1
then
	echo "1..0 # SKIP pebble, pebble-challtestsrv, python3, openssl and curl are needed"
	exit 0
fi

P="$TEST_TMP/pebble"
mkdir -p "$P"
pebble_pid="" chall_pid="" web_pid=""
stop_pebble() {
	for p in $web_pid $pebble_pid $chall_pid; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	web_pid="" pebble_pid="" chall_pid=""
}
at_cleanup stop_pebble

# free_ports N: N distinct free TCP ports on 127.0.0.1.
free_ports() {
	python3 -c '
import socket, sys
ss = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); ss.append(s)
print(" ".join(str(s.getsockname()[1]) for s in ss))' "$1"
}

# wait_until SECONDS COMMAND...: poll until COMMAND succeeds.
wait_until() {
	limit=$(( $1 * 10 )); shift
	i=0
	until "$@" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -ge "$limit" ] && return 1
		sleep 0.1
	done
}

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout "$P/key.pem" -out "$P/cert.pem" -days 2 -subj /CN=127.0.0.1 \
	-addext "subjectAltName=IP:127.0.0.1,DNS:localhost" >/dev/null 2>&1 ||
	{ echo "Bail out! openssl could not make Pebble's certificate"; exit 1; }
pebble_ca="$P/cert.pem"

start_pebble() {
	set -- $(free_ports 6) "$@"
	acme_port=$1 mgmt_port=$2 http_port=$3 tls_port=$4 dns_port=$5 \
	    chall_mgmt=$6
	shift 6
	cat > "$P/config.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$acme_port",
  "managementListenAddress": "127.0.0.1:$mgmt_port",
  "certificate": "$P/cert.pem", "privateKey": "$P/key.pem",
  "httpPort": $http_port, "tlsPort": $tls_port, "ocspResponderURL": "",
  $(if [ -n "${pebble_eab_key:-}" ]; then
	printf '"externalAccountBindingRequired": true, "externalAccountMACKeys": {"kid-1": "%s"}' "$pebble_eab_key"
  else
	printf '"externalAccountBindingRequired": false'
  fi)}}
JSON
	pebble-challtestsrv -defaultIPv6 "" -defaultIPv4 127.0.0.1 \
		-dns01 "127.0.0.1:$dns_port" -http01 "" -https01 "" \
		-tlsalpn01 "" -management "127.0.0.1:$chall_mgmt" \
		>"$P/chall.log" 2>&1 &
	chall_pid=$!
	env PEBBLE_VA_NOSLEEP=1 "$@" pebble -config "$P/config.json" \
		-dnsserver "127.0.0.1:$dns_port" >"$P/pebble.log" 2>&1 &
	pebble_pid=$!
	directory="https://127.0.0.1:$acme_port/dir"
	if ! wait_until 60 curl -sf --cacert "$pebble_ca" "$directory" ||
	    ! wait_until 60 curl -sf -X POST -d '{"host":"x","addresses":["127.0.0.1"]}' \
	    "http://127.0.0.1:$chall_mgmt/add-a"; then
		echo "Bail out! Pebble did not start"
		cat "$P/pebble.log" "$P/chall.log"
		exit 1
	fi
	acme="--backend acme --directory $directory --cacert $pebble_ca --agree-tos"
}

set_txt() {
	curl -sf -X POST -d "{\"host\":\"$1.\",\"value\":\"$2\"}" \
	    "http://127.0.0.1:$chall_mgmt/set-txt" >/dev/null
}

serve_webroot() {
	mkdir -p "$1"
	python3 -m http.server "$http_port" --bind 127.0.0.1 \
		--directory "$1" >"$P/web.log" 2>&1 &
	web_pid=$!
	wait_until 60 curl -s -o /dev/null "http://127.0.0.1:$http_port/" || {
		echo "Bail out! the webroot server did not start"; exit 1; }
}
