#!/bin/sh
# Time from `certwiz submit` to the saved certificate, and peak resident
# memory, for one name over HTTP-01 against Pebble (PEBBLE_VA_NOSLEEP=1)
# started here, beside certbot (certonly --webroot) and lego (run --http)
# against the same Pebble when they are installed. Not a test: nothing
# here fails a run. Needs pebble, pebble-challtestsrv, python3, openssl,
# curl and /usr/bin/time.
# Usage: bench/acme.sh [--tsv] [CERTWIZ] (default: ./certwiz of the build
# tree). With --tsv, one line per run, "NAME<TAB>SECONDS<TAB>PEAK_KB",
# no header: what bench/run reads for its acme row.
set -u
tsv=0
if [ "${1:-}" = --tsv ]; then tsv=1; shift; fi
CERTWIZ=${1:-$(pwd)/certwiz}
top_srcdir=$(cd "$(dirname "$0")/.." && pwd)
export CERTWIZ top_srcdir
. "$top_srcdir/tests/lib.sh" >/dev/null
. "$top_srcdir/tests/pebble.sh"
start_pebble
www="$TEST_TMP/www"
serve_webroot "$www"
# row NAME SECONDS KB
row() {
	if [ $tsv = 1 ]; then printf '%s\t%s\t%s\n' "$1" "$2" "$3"
	else printf '| %-28s | %8s s | %6s MB |\n' "$1" "$2" "$(( $3 / 1024 ))"; fi
}
# measure NAME COMMAND...: elapsed seconds and peak RSS via /usr/bin/time.
measure() {
	name=$1; shift
	/usr/bin/time -f '%e %M' -o "$TEST_TMP/time" "$@" >"$TEST_TMP/out" 2>&1 ||
	    { echo "# $name failed:" >&2; cat "$TEST_TMP/out" >&2; return; }
	set -- $(cat "$TEST_TMP/time")
	row "$name" "$1" "$2"
}
if [ $tsv = 0 ]; then
	echo "| one name, HTTP-01, Pebble    |   time     |  peak RSS |"
	echo "|------------------------------|------------|-----------|"
fi
cat > "$TEST_TMP/a.json" <<JSON
{"type": "letsencrypt", "domains": ["www.mysite.cn"],
 "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@mysite.cn"},
 "csr": {"mode": "generate", "key_type": "ec-p256"}, "validation": {"method": "file"}}
JSON
for i in 1 2 3; do
	id=$("$CERTWIZ" apply --answers "$TEST_TMP/a.json" --json |
	    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	measure "certwiz submit (run $i)" "$CERTWIZ" submit "$id" $acme --webroot "$www"
done
if command -v certbot >/dev/null 2>&1; then
	measure "certbot certonly --webroot" env REQUESTS_CA_BUNDLE="$pebble_ca" \
	    certbot certonly --non-interactive --agree-tos -m admin@mysite.cn \
	    --server "$directory" --webroot -w "$www" -d www.mysite.cn \
	    --config-dir "$TEST_TMP/cb" --work-dir "$TEST_TMP/cb" \
	    --logs-dir "$TEST_TMP/cb" --http-01-port "$http_port"
else
	echo "# certbot is not installed: apt-get install certbot" >&2
fi
if command -v lego >/dev/null 2>&1; then
	stop_web() { kill "$web_pid"; wait "$web_pid" 2>/dev/null; web_pid=""; }
	stop_web
	measure "lego run --http" env LEGO_CA_CERTIFICATES="$pebble_ca" \
	    lego --accept-tos --email admin@mysite.cn --server "$directory" \
	    --path "$TEST_TMP/lego" --domains www.mysite.cn --http \
	    --http.port "127.0.0.1:$http_port" run
else
	echo "# lego is not installed: apt-get install lego" >&2
fi
