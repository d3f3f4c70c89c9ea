#!/bin/sh
# certwiz export: an issued certificate (made by a test CA here, placed into
# the application as the backend would) served by real nginx and Apache on
# 127.0.0.1, a PKCS#12 file openssl opens, and every refusal with nothing
# half-written; certwiz list --expiring for cron.
. "$top_srcdir/tests/lib.sh"
# The fault shim (LD_PRELOAD) comes before ASan's runtime in a sanitizer
# build; it only wraps write, mkstemp, fsync and dlopen, not the allocator.
ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export ASAN_OPTIONS

. "$top_srcdir/tests/export-lib.sh"

id=$(new_app)
[ -n "$id" ] && [ -f "$apps/$id/csr.pem" ]
ok $? "an application with a key made here"
sign "$apps/$id/csr.pem" "$T/leaf.pem" "$(utc '-1 hour')" "$(utc '+40 days')"
# The CA sent the chain out of order: the intermediate first.
cat "$T/inter.pem" "$T/leaf.pem" > "$T/reversed.pem"
issue "$id" "$T/reversed.pem" "$T/leaf.pem"

run export "$id"
expect_rc 2 "export without --format is a usage error"
run export "$id" --format iis
expect_rc 2 "an unknown format"
has "nginx, apache, pem or pfx" "$err" "the formats are named"

# --- nginx ----------------------------------------------------------------------
run export "$id" --format nginx -o "$T/nginx-out" --ca-file "$T/root.pem"
expect_rc 0 "export --format nginx"
has "out of order" "$err" "the repaired order is noted"
has "ssl_certificate_key" "$out" "the nginx lines are shown"
diag "$out"
full="$T/nginx-out/www.example.com.fullchain.pem"
key="$T/nginx-out/www.example.com.key"
[ "$(file_mode "$T/nginx-out")" = 700 ] && [ "$(file_mode "$full")" = 600 ] &&
	[ "$(file_mode "$key")" = 600 ]
ok $? "a 0700 folder, files 0600"
[ "$(grep -c 'BEGIN CERTIFICATE' "$full")" = 2 ] &&
	openssl x509 -in "$full" -noout -subject | grep -q www.example.com
ok $? "the full chain: the certificate first, then the intermediate"
ls "$T/nginx-out" | grep -q tmp
[ $? -ne 0 ]
ok $? "no temporary file left"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# wait_https PORT NAME WANT: until the server answers with WANT (30 s).
wait_https() {
	i=0
	while [ $i -lt 300 ]; do
		got=$(curl -sS --max-time 5 --cacert "$T/root.pem" \
			--resolve "$2:$1:127.0.0.1" "https://$2:$1/" 2>"$T/curl.err")
		case "$got" in *"$3"*) return 0 ;; esac
		kill -0 "$server" 2>/dev/null || return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
server=""
stop() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; server=""; }
at_cleanup stop

have_curl=0
command -v curl >/dev/null 2>&1 && have_curl=1
if [ $have_curl = 1 ] && { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; }; then
	NGINX=$(command -v nginx || echo /usr/sbin/nginx)
	port=$(free_port)
	mkdir -p "$T/nginx"
	cat > "$T/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log;
events { worker_connections 16; }
http {
	access_log off;
	client_body_temp_path $T/nginx/body;
	proxy_temp_path $T/nginx/proxy;
	fastcgi_temp_path $T/nginx/fastcgi;
	uwsgi_temp_path $T/nginx/uwsgi;
	scgi_temp_path $T/nginx/scgi;
	server {
		listen 127.0.0.1:$port ssl;
		server_name www.example.com;
		ssl_certificate $full;
		ssl_certificate_key $key;
		location / { return 200 "hello from nginx\n"; }
	}
}
EOF
	"$NGINX" -p "$T/nginx" -c "$T/nginx/nginx.conf" -e "$T/nginx/error.log" \
		</dev/null >"$T/nginx/out" 2>&1 &
	server=$!
	wait_https "$port" www.example.com "hello from nginx"
	ok $? "nginx serves the exported certificate; curl --cacert verifies it"
	[ "${got:-}" ] || diag "$(cat "$T/curl.err" "$T/nginx/error.log" 2>/dev/null)"
	echo | openssl s_client -connect "127.0.0.1:$port" \
		-servername www.example.com -verify_hostname www.example.com \
		-CAfile "$T/root.pem" -verify_return_error >"$T/s_client" 2>&1
	ok $? "openssl s_client -verify_return_error completes the handshake"
	grep -q "Verify return code: 0 (ok)" "$T/s_client"
	ok $? "s_client: verify return code 0"
	stop
else
	skip "nginx or curl is not installed (Debian packages nginx, curl)"
	skip "nginx or curl is not installed"
	skip "nginx or curl is not installed"
fi

# --- Apache -----------------------------------------------------------------
run export "$id" --format apache -o "$T/apache-out" --ca-file "$T/root.pem"
expect_rc 0 "export --format apache"
diag "$out"
crt="$T/apache-out/www.example.com.crt"
chain="$T/apache-out/www.example.com.chain.pem"
akey="$T/apache-out/www.example.com.key"
[ "$(grep -c 'BEGIN CERTIFICATE' "$crt")" = 1 ] &&
	[ "$(grep -c 'BEGIN CERTIFICATE' "$chain")" = 1 ] &&
	openssl x509 -in "$chain" -noout -subject | grep -q intermediate
ok $? "apache: the certificate and the chain apart"
MODS=/usr/lib/apache2/modules
if [ $have_curl = 1 ] && [ -x /usr/sbin/apache2 ] && [ -f "$MODS/mod_ssl.so" ]; then
	port=$(free_port)
	mkdir -p "$T/apache/htdocs"
	echo "hello from apache" > "$T/apache/htdocs/index.html"
	user=""
	[ "$(id -u)" = 0 ] && user="User nobody
Group nogroup"
	cat > "$T/apache/httpd.conf" <<EOF
ServerRoot $T/apache
ServerName www.example.com
Listen 127.0.0.1:$port
PidFile $T/apache/httpd.pid
DefaultRuntimeDir $T/apache
ErrorLog $T/apache/error.log
LogLevel warn
Mutex file:$T/apache default
LoadModule mpm_prefork_module $MODS/mod_mpm_prefork.so
LoadModule authz_core_module $MODS/mod_authz_core.so
LoadModule dir_module $MODS/mod_dir.so
LoadModule socache_shmcb_module $MODS/mod_socache_shmcb.so
LoadModule ssl_module $MODS/mod_ssl.so
$user
DocumentRoot $T/apache/htdocs
<Directory $T/apache/htdocs>
	Require all granted
</Directory>
DirectoryIndex index.html
SSLSessionCache none
<VirtualHost 127.0.0.1:$port>
	ServerName www.example.com
	SSLEngine on
	SSLCertificateFile $crt
	SSLCertificateChainFile $chain
	SSLCertificateKeyFile $akey
</VirtualHost>
EOF
	chmod 755 "$T" "$T/apache" "$T/apache/htdocs"
	chmod 644 "$T/apache/htdocs/index.html"
	/usr/sbin/apache2 -X -f "$T/apache/httpd.conf" </dev/null \
		>"$T/apache/out" 2>&1 &
	server=$!
	wait_https "$port" www.example.com "hello from apache"
	ok $? "Apache serves the exported certificate; curl --cacert verifies it"
	[ "${got:-}" ] || diag "$(cat "$T/curl.err" "$T/apache/out" "$T/apache/error.log" 2>/dev/null)"
	echo | openssl s_client -connect "127.0.0.1:$port" \
		-servername www.example.com -verify_hostname www.example.com \
		-CAfile "$T/root.pem" -verify_return_error >"$T/s_client" 2>&1
	ok $? "Apache: s_client -verify_return_error completes the handshake"
	stop
else
	skip "Apache or curl is not installed (Debian packages apache2, curl)"
	skip "Apache or curl is not installed"
fi

# --- PEM and PKCS#12 --------------------------------------------------------
(cd "$T" && "$CERTWIZ" export "$id" --format pem -o pem-out \
	--ca-file root.pem >"$T/pem.out" 2>&1 </dev/null)
rc=$?
out=$(cat "$T/pem.out")
expect_rc 0 "export --format pem -o a relative folder"
has "ssl crt $T/pem-out/www.example.com.pem" "$out" \
	"the paths shown are absolute, ready for a server's configuration"
diag "$out"
p="$T/pem-out/www.example.com.pem"
[ "$(grep -c 'BEGIN CERTIFICATE' "$p")" = 2 ] && grep -q 'BEGIN PRIVATE KEY' "$p" &&
	[ "$(file_mode "$p")" = 600 ]
ok $? "pem: certificates and key in one 0600 file"

printf 'Tomcat-S3cret\n' > "$T/pw"
run export "$id" --format pfx -o "$T/pfx-out" --ca-file "$T/root.pem" \
	--password-file "$T/pw"
expect_rc 0 "export --format pfx --password-file"
diag "$out"
pfx="$T/pfx-out/www.example.com.pfx"
openssl pkcs12 -in "$pfx" -info -noout -passin pass:Tomcat-S3cret >"$T/p12" 2>&1
ok $? "openssl pkcs12 opens the PFX with the password"
grep -q "AES-256-CBC" "$T/p12" && grep -q "PBKDF2" "$T/p12" &&
	! grep -Eqi "RC2|3DES|des-ede3" "$T/p12"
ok $? "PKCS#12 with AES-256-CBC and PBKDF2, no RC2 or 3DES"
grep "PBES2\|MAC" "$T/p12" | sed 's/^/# /'
openssl pkcs12 -in "$pfx" -nodes -passin pass:Tomcat-S3cret 2>/dev/null |
	grep -c "BEGIN CERTIFICATE" | grep -qx 2
ok $? "the PFX holds the certificate and the intermediate"
openssl pkcs12 -in "$pfx" -info -noout -passin pass:wrong >/dev/null 2>&1
[ $? -ne 0 ]
ok $? "a wrong password does not open it"
grep -rqs "Tomcat-S3cret" "$HOME" "$T/pfx-out"
[ $? -ne 0 ]
ok $? "the password is in no file certwiz wrote"
run export "$id" --format pfx -o "$T/pfx2" --ca-file "$T/root.pem"
expect_rc 2 "pfx without a terminal or a password option"
has "--password-file" "$err" "says how to give the password"
[ ! -e "$T/pfx2" ]
ok $? "nothing written"
run export "$id" --format pfx --password "x"
expect_rc 2 "no password on the command line"

# --- refusals: nothing half-written -------------------------------------------
run export "$id" --format nginx -o "$T/nginx-out" --ca-file "$T/root.pem"
expect_rc 3 "an existing output file"
has "already exists" "$err" "says the file exists"
has "--force" "$err" "names --force"
cmp -s "$full" "$T/nginx-out/www.example.com.fullchain.pem" &&
	[ "$(ls "$T/nginx-out" | wc -l)" = 2 ]
ok $? "the existing files are untouched, no temporary file"
echo old > "$T/nginx-out/www.example.com.key"
run export "$id" --format nginx -o "$T/nginx-out" --ca-file "$T/root.pem" --force
expect_rc 0 "--force replaces them"
grep -q "PRIVATE KEY" "$T/nginx-out/www.example.com.key" &&
	[ "$(file_mode "$T/nginx-out/www.example.com.key")" = 600 ]
ok $? "the replaced key is the key, 0600"

# A read-only folder (as root, which ignores modes, the file system's
# EROFS is injected on the key file instead).
mkdir "$T/ro"
if [ "$(id -u)" != 0 ]; then
	chmod 500 "$T/ro"
	run export "$id" --format nginx -o "$T/ro" --ca-file "$T/root.pem"
else
	out=$(CERTWIZ_FAULT=erofs CERTWIZ_FAULT_MATCH=.key LD_PRELOAD="$FAULTSHIM" \
		"$CERTWIZ" export "$id" --format nginx -o "$T/ro" \
		--ca-file "$T/root.pem" 2>"$T/stderr" </dev/null)
	rc=$?
	err=$(cat "$T/stderr")
fi
expect_rc 3 "a read-only folder"
has "cannot write" "$err" "says it cannot write"
[ -z "$(ls -A "$T/ro")" ]
ok $? "nothing half-written: no certificate without its key, no temp file"
chmod 700 "$T/ro"

run export "$id" --format nginx -o "$T/untrusted"
expect_rc 1 "a chain to a root the system does not trust"
has "not among the trusted certificates" "$err" "says so"
has "--ca-file" "$err" "says how to trust a root"
[ ! -e "$T/untrusted" ]
ok $? "nothing written"

# The CA left out the intermediate: named; --chain completes it.
id2=$(new_app)
sign "$apps/$id2/csr.pem" "$T/leaf2.pem" "$(utc '-1 hour')" "$(utc '+20 days')"
issue "$id2" "$T/leaf2.pem"
run export "$id2" --format nginx -o "$T/missing" --ca-file "$T/root.pem"
expect_rc 1 "a missing intermediate"
has "incomplete" "$err" "says the chain is incomplete"
has "certwiz test intermediate" "$err" "names the missing issuer"
[ ! -e "$T/missing" ]
ok $? "nothing written"
run export "$id2" --format nginx -o "$T/missing" --ca-file "$T/root.pem" \
	--chain "$T/inter.pem"
expect_rc 0 "--chain adds the intermediate"

# A certificate for another key.
gen req -new $ec -keyout "$T/other.key" -out "$T/other.csr" -subj "/CN=www.example.com"
id3=$(new_app)
sign "$T/other.csr" "$T/other.pem" "$(utc '-1 hour')" "$(utc '+20 days')"
cat "$T/other.pem" "$T/inter.pem" > "$T/other-chain.pem"
issue "$id3" "$T/other-chain.pem"
run export "$id3" --format apache -o "$T/mismatch" --ca-file "$T/root.pem"
expect_rc 1 "a key that does not match"
has "not for this private key" "$err" "says so"
[ ! -e "$T/mismatch" ]
ok $? "nothing written"

# Expired, and not yet valid.
id4=$(new_app)
sign "$apps/$id4/csr.pem" "$T/old.pem" "$(utc '-30 days')" "$(utc '-2 days')"
cat "$T/old.pem" "$T/inter.pem" > "$T/old-chain.pem"
issue "$id4" "$T/old-chain.pem"
run export "$id4" --format pem -o "$T/expired" --ca-file "$T/root.pem"
expect_rc 1 "an expired certificate"
has "expired on" "$err" "says when it expired"
has "certwiz renew" "$err" "says to renew"
[ ! -e "$T/expired" ]
ok $? "nothing written"
id5=$(new_app)
sign "$apps/$id5/csr.pem" "$T/young.pem" "$(utc '+2 days')" "$(utc '+60 days')"
cat "$T/young.pem" "$T/inter.pem" > "$T/young-chain.pem"
issue "$id5" "$T/young-chain.pem"
run export "$id5" --format pem -o "$T/young" --ca-file "$T/root.pem"
expect_rc 1 "a certificate not yet valid"
has "not valid before" "$err" "says from when"
[ ! -e "$T/young" ]
ok $? "nothing written"

# An encrypted key asks for its passphrase.
printf 'correct horse\n' > "$T/pass"
printf 'wrong horse\n' > "$T/wrongpass"
id6=$(new_app --passphrase-file "$T/pass")
sign "$apps/$id6/csr.pem" "$T/enc.pem" "$(utc '-1 hour')" "$(utc '+90 days')"
cat "$T/enc.pem" "$T/inter.pem" > "$T/enc-chain.pem"
issue "$id6" "$T/enc-chain.pem"
run export "$id6" --format nginx -o "$T/enc" --ca-file "$T/root.pem"
expect_rc 1 "an encrypted key without its passphrase"
has "--passphrase-file" "$err" "says how to give it"
run export "$id6" --format nginx -o "$T/enc" --ca-file "$T/root.pem" \
	--passphrase-file "$T/wrongpass"
expect_rc 1 "a wrong passphrase"
has "wrong passphrase" "$err" "says the passphrase is wrong"
[ ! -e "$T/enc" ]
ok $? "nothing written"
run export "$id6" --format nginx -o "$T/enc" --ca-file "$T/root.pem" \
	--passphrase-file "$T/pass"
expect_rc 0 "the right passphrase"
openssl pkey -in "$T/enc/www.example.com.key" -noout 2>/dev/null
ok $? "the exported key opens without a passphrase, as servers need"

# A draft has nothing to export.
id7=$(new_app)
run export "$id7" --format nginx
expect_rc 1 "an application not issued"
has "no certificate yet" "$err" "says so"

# --- days left, --expiring for cron ------------------------------------------
run list
expect_rc 0 "certwiz list"
has "DAYS LEFT" "$out" "list has a days-left column"
line=$(printf '%s\n' "$out" | grep "^$id ")
has " 39 " "$line" "the issued certificate shows its days left"
line=$(printf '%s\n' "$out" | grep "^$id2 ")
has "19 !" "$line" "under 30 days is marked"
line=$(printf '%s\n' "$out" | grep "^$id4 ")
has "expired" "$line" "an expired certificate says so"
run list --json
[ "$(printf '%s' "$out" | python3 -c "import json,sys; print([a.get('days_left') for a in json.load(sys.stdin) if a['id']=='$id'][0])")" = 39 ]
ok $? "list --json has days_left"
run list --expiring 10
expect_rc 1 "list --expiring 10: one expired certificate (exit 1)"
diag "$out"
has "$id4" "$out" "the expired one is listed"
lacks "$id2" "$out" "one with 19 days is not"
run list --expiring 30 --json
expect_rc 1 "list --expiring 30 --json"
n=$(printf '%s' "$out" | python3 -c "import json,sys; j=json.load(sys.stdin); print(len(j), sorted(a['days_left'] for a in j)[0], all('not_after' in a for a in j))")
[ "$n" = "3 -3 True" ]
ok $? "--json: the three within 30 days (the expired one -3 days)"
[ "$n" = "3 -3 True" ] || diag "$n" "$out"
run list --expiring 45
diag "$out"
rm -rf "$apps/$id2" "$apps/$id3" "$apps/$id4" "$apps/$id5" "$apps/$id6"
run list --expiring 30
expect_rc 0 "list --expiring 30 when none expires that soon"
has "No certificate expires within 30 days" "$out" "says so"
run list --expiring soon
expect_rc 2 "--expiring wants a number"

# --- renew ---------------------------------------------------------------
run renew "$id7"
expect_rc 1 "renew refuses an application that is not issued"
run renew "$id" --reuse-key
expect_rc 0 "renew --reuse-key"
new=$(printf '%s' "$out" | sed -n 's/^Application \([^ ]*\) renews.*/\1/p')
[ -n "$new" ] && python3 - "$apps/$new/application.json" "$apps/$id/application.json" <<'PY'
import json, sys
n, o = (json.load(open(p)) for p in sys.argv[1:3])
assert n["state"] == "draft", n["state"]
assert n["domains"] == o["domains"] and n["applicant"] == o["applicant"]
assert n["csr"]["pem"] == o["csr"]["pem"]
assert n["csr"]["key_fingerprint"] == o["csr"]["key_fingerprint"]
assert "backend" not in n
PY
ok $? "--reuse-key: the same answers and key, a fresh draft"
has "certwiz resume $new" "$out" "without a terminal it says how to go on"
run renew "$id" --submit --backend local
expect_rc 0 "renew --submit: a new key, straight to submission"
new=$(printf '%s' "$out" | sed -n 's/^Application \([^ ]*\) renews.*/\1/p')
[ -n "$new" ] && python3 - "$apps/$new/application.json" "$apps/$id/application.json" <<'PY'
import json, sys
n, o = (json.load(open(p)) for p in sys.argv[1:3])
assert n["state"] == "prepared", n["state"]
assert n["csr"]["key_fingerprint"] != o["csr"]["key_fingerprint"]
assert n["domains"] == o["domains"]
PY
ok $? "renew --submit: prepared with a new key"
[ "$(file_mode "$apps/$new/key.pem")" = 600 ]
ok $? "the new key is 0600"

done_testing
