#!/bin/sh
# The acme backend against Pebble, the ACME test CA written by Let's
# Encrypt, with pebble-challtestsrv as its DNS: HTTP-01 through --webroot
# for one name, five names and an IDN, a wildcard by DNS-01 with the TXT
# record published as the user would, bad nonces, a wrong challenge
# answer, a connection dropped at finalize, a directory that is not ACME,
# terms of service not accepted.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/pebble.sh"

apps="$HOME/.local/share/certwiz/applications"
json_get() { python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"; }
applicant='"applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@mysite.cn"}'

# mkapp METHOD NAME...: an application of the letsencrypt type, prepared
# (local backend); its id in $id.
mkapp() {
	method=$1; shift
	names=$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$@")
	cat > "$TEST_TMP/answers.json" <<JSON
{"type": "letsencrypt", "domains": $names, $applicant,
 "csr": {"mode": "generate", "key_type": "ec-p256"},
 "validation": {"method": "$method"}}
JSON
	run apply --answers "$TEST_TMP/answers.json" --json
	id=$(printf '%s' "$out" | json_get 'j["id"]')
}
state_of() { "$CERTWIZ" show "$1" --json | json_get 'j["state"]'; }
backend_of() { "$CERTWIZ" show "$1" --json | json_get "j['backend'].get('$2')"; }
# sans ID: the certificate's DNS names, sorted, one line.
sans() {
	openssl x509 -in "$apps/$1/certificate.pem" -noout -ext subjectAltName |
	    tr ',' '\n' | sed -n 's/.*DNS://p' | sort | tr '\n' ' '
}
# key_matches ID: the certificate is for the key made here.
key_matches() {
	a=$(openssl x509 -in "$apps/$1/certificate.pem" -noout -pubkey)
	b=$(openssl pkey -in "$(ls "$apps/$1"/*.key "$apps/$1"/key.pem 2>/dev/null | head -1)" -pubout 2>/dev/null)
	[ -n "$a" ] && [ "$a" = "$b" ]
}
orders() { grep -c 'Added order' "$P/pebble.log"; }

# --- certwiz types: an ACME type has no product code, and says so -----------
run types
expect_rc 0 "certwiz types"
le=$(printf '%s\n' "$out" | sed -n '/^letsencrypt /,/^$/p')
has "single domain (ACME order, no product to choose)" "$le" "the ACME type's kinds say there is no product to choose"
lacks "no API product code" "$le" "and not that a product code is missing"

start_pebble
www="$TEST_TMP/www"
serve_webroot "$www"

# --- the CA never makes the key: automatic mode refused by the rules --------
cat > "$TEST_TMP/auto.json" <<JSON
{"type": "letsencrypt", "domains": ["www.mysite.cn"], $applicant,
 "csr": {"mode": "auto"}, "validation": {"method": "file"}}
JSON
run apply --answers "$TEST_TMP/auto.json" --dry-run
expect_rc 1 "csr.mode auto for an ACME type: refused"
has "generate here" "$err" "the message says to generate the key here"

# --- terms of service: accepted explicitly ----------------------------------
mkapp file www.mysite.cn
run submit "$id" --backend acme --directory "$directory" --cacert "$pebble_ca" \
	--webroot "$www"
expect_rc 1 "without --agree-tos: refused"
has "terms of service" "$err" "the message names the terms of service"
has "--agree-tos" "$err" "and says how to accept them"
[ "$(state_of "$id")" = prepared ] && [ "$(backend_of "$id" name)" = local ]
ok $? "the application is as it was (prepared here)"

# --- one name, HTTP-01 through --webroot ------------------------------------
run submit "$id" $acme --webroot "$www" --email admin@mysite.cn
expect_rc 0 "one name over HTTP-01: submitted"
[ "$(state_of "$id")" = issued ]
ok $? "issued"
[ "$(sans "$id")" = "www.mysite.cn " ]
ok $? "the certificate names www.mysite.cn ($(sans "$id"))"
key_matches "$id"
ok $? "the certificate is for the key made here"
[ -z "$(ls -A "$www/.well-known/acme-challenge" 2>/dev/null)" ]
ok $? "the token file was removed from the webroot"
k=$(ls "$HOME/.local/share/certwiz/acme/"*.key)
[ "$(file_mode "$k")" = 600 ]
ok $? "the account key is kept 0600"
[ "$(file_mode "$HOME/.local/share/certwiz/acme")" = 700 ]
ok $? "in a 0700 folder"
grep -q "$(sed -n 2p "$k")" "$P/pebble.log" "$TEST_TMP/stderr" 2>/dev/null
[ $? -ne 0 ]
ok $? "the account key was neither sent nor printed"
ksum=$(md5sum < "$k")

# --- revoke after issuance ---------------------------------------------------
run revoke "$id" --yes --cacert "$pebble_ca"
expect_rc 0 "revoke the issued certificate"
[ "$(backend_of "$id" status)" = revoked ]
ok $? "the record says revoked"
grep -q 'revoke-cert' "$P/pebble.log"
ok $? "Pebble got the revocation"
run revoke "$id" --yes --cacert "$pebble_ca"
expect_rc 3 "revoking it again: the CA refuses, exit 3"
has "alreadyRevoked" "$err" "with the CA's reason"

# --- five names, the same account -------------------------------------------
mkapp file mysite.cn www.mysite.cn api.mysite.cn mail.mysite.cn shop.mysite.cn
run submit "$id" $acme --webroot "$www"
expect_rc 0 "five names: submitted"
[ "$(state_of "$id")" = issued ]
ok $? "five names: issued"
[ "$(sans "$id")" = "api.mysite.cn mail.mysite.cn mysite.cn shop.mysite.cn www.mysite.cn " ]
ok $? "the certificate names all five ($(sans "$id"))"
[ "$(md5sum < "$k")" = "$ksum" ] && [ "$(ls "$HOME/.local/share/certwiz/acme/" | wc -l)" = 1 ]
ok $? "the account key was made once and kept"

# --- an IDN goes out as its A-label -----------------------------------------
mkapp file "www.例子.中国"
run submit "$id" $acme --webroot "$www"
expect_rc 0 "IDN: submitted"
[ "$(sans "$id")" = "www.xn--fsqu00a.xn--fiqs8s " ]
ok $? "the certificate names the A-label ($(sans "$id"))"

# --- a wildcard by DNS-01: the record shown, published, submitted again -----
mkapp dns "*.mysite.cn"
run submit "$id" $acme
expect_rc 0 "wildcard: submitted"
[ "$(state_of "$id")" = awaiting-validation ]
ok $? "waiting for the DNS record"
rd=$(backend_of "$id" record_domain); rv=$(backend_of "$id" record_value)
[ "$rd" = "_acme-challenge.mysite.cn" ] && [ "$(backend_of "$id" record_type)" = TXT ]
ok $? "the TXT record to publish is named ($rd)"
has "$rv" "$out" "the value is shown"
run status "$id" --cacert "$pebble_ca"
expect_rc 0 "status before publishing"
[ "$(state_of "$id")" = awaiting-validation ]
ok $? "status answers no challenge"
set_txt "$rd" "$rv"
run submit "$id" $acme
expect_rc 0 "published: submitted again"
[ "$(state_of "$id")" = issued ] && [ "$(sans "$id")" = "*.mysite.cn " ]
ok $? "the wildcard is issued ($(sans "$id"))"

# --- DNS-01 for several names: one record per name, each kept and shown ----
# (names never validated before: Pebble may reuse a valid authorization)
mkapp dns zone.mysite.cn www.zone.mysite.cn api.zone.mysite.cn
run submit "$id" $acme
expect_rc 0 "three names by DNS-01: submitted"
[ "$(state_of "$id")" = awaiting-validation ]
ok $? "waiting for the DNS records"
ch=$("$CERTWIZ" show "$id" --json | json_get "chr(10).join('%s %s %s' % (c['name'], c['record_domain'], c['record_value']) for c in j['backend']['challenges'])")
[ "$(printf '%s\n' "$ch" | wc -l)" = 3 ]
ok $? "the application record holds three challenges"
printf '%s\n' "$ch" | grep -q '^zone.mysite.cn _acme-challenge.zone.mysite.cn ' &&
    printf '%s\n' "$ch" | grep -q '^www.zone.mysite.cn _acme-challenge.www.zone.mysite.cn ' &&
    printf '%s\n' "$ch" | grep -q '^api.zone.mysite.cn _acme-challenge.api.zone.mysite.cn '
ok $? "one per name, each under its own record name"
[ "$(printf '%s\n' "$ch" | cut -d' ' -f3 | sort -u | wc -l)" = 3 ]
ok $? "with three different values"
run status "$id" --cacert "$pebble_ca" --json
expect_rc 0 "status --json of the three-name order"
sj=$(printf '%s' "$out" | json_get "chr(10).join('%s %s %s' % (c['domain'], c['dns_record']['name'], c['dns_record']['value']) for c in j['challenges'])")
[ "$sj" = "$ch" ]
ok $? "status --json gives the same three, per name"
run status "$id" --cacert "$pebble_ca"
expect_rc 0 "status of the three-name order"
lacks "Last error" "$out" "the records are not shown as an error"
has "Publish these DNS records" "$out" "status says to publish the records"
for n in zone.mysite.cn www.zone.mysite.cn api.zone.mysite.cn; do
	v=$(printf '%s\n' "$ch" | awk -v n="$n" '$1 == n { print $3 }')
	printf '%s\n' "$out" | grep -A3 -x "  $n" | grep -q -- "$v"
	ok $? "status shows $n with its value"
done
# verify checks each name's own record, at challtestsrv as resolver.
V="--resolver 127.0.0.1:$dns_port"
CERTWIZ_NS_PORT=$dns_port
export CERTWIZ_NS_PORT
run verify $V "$id"
expect_rc 1 "verify before publishing: not ready"
for v in $(printf '%s\n' "$ch" | cut -d' ' -f3); do
	has "TXT \"$v\"" "$out" "verify asks for the value $v"
done
printf '%s\n' "$ch" | head -2 | while read -r n rd rv; do set_txt "$rd" "$rv"; done
run verify $V "$id"
expect_rc 1 "two of three published: not ready"
last=$(printf '%s\n' "$ch" | tail -1)
printf '%s\n' "$out" | grep -A1 -x "${last%% *}" | grep -q "TXT not found"
ok $? "the name whose record is missing is named (${last%% *})"
[ "$(printf '%s\n' "$out" | grep -c 'TXT ".*" found')" = 2 ]
ok $? "the two published records are found"
# submit checks before it answers a challenge (CERTWIZ_VERIFY on).
mkdir -p "$HOME/.config/certwiz"
printf 'resolver = 127.0.0.1:%s\n' "$dns_port" > "$HOME/.config/certwiz/config"
CERTWIZ_VERIFY=yes
export CERTWIZ_VERIFY
# A lookup that times out is "not checked", and submit then answers the
# challenge: give the lookups time enough under memcheck, where they are
# slow, so that the missing record is found missing.
CERTWIZ_DNS_TIMEOUT=60
export CERTWIZ_DNS_TIMEOUT
run status "$id" --cacert "$pebble_ca"
has "Before the CA validates" "$out" "status runs the check for an ACME order"
has "${last%% *}: " "$out" "and names the missing record"
run submit "$id" $acme
expect_rc 1 "submit with a record missing: refused before answering"
has "nothing was sent" "$err" "the message says nothing was sent"
has "${last%% *}: " "$err" "and names the missing record"
has "certwiz verify $id" "$err" "and how to check"
[ "$(state_of "$id")" = awaiting-validation ] &&
    ! grep -q "zone.mysite.cn.*\(valid\|invalid\)" "$P/pebble.log"
ok $? "no challenge was answered: the order still waits"
set_txt $(printf '%s\n' "$last" | cut -d' ' -f2,3)
run verify $V "$id"
expect_rc 0 "the three published: verify says ready"
run submit "$id" $acme
expect_rc 0 "the three records published: submitted again, the check passed"
CERTWIZ_VERIFY=no
unset CERTWIZ_NS_PORT
rm -f "$HOME/.config/certwiz/config"
[ "$(state_of "$id")" = issued ] &&
    [ "$(sans "$id")" = "api.zone.mysite.cn www.zone.mysite.cn zone.mysite.cn " ]
ok $? "the three names are issued ($(sans "$id"))"
clear_txt() {
	curl -sf -X POST -d "{\"host\":\"$1.\"}" \
	    "http://127.0.0.1:$chall_mgmt/clear-txt" >/dev/null
}
printf '%s\n' "$ch" | while read -r n rd rv; do clear_txt "$rd"; done

# --- the wrong content: the order goes invalid, per name --------------------
mkapp file bad.mysite.cn
run submit "$id" $acme
expect_rc 0 "without --webroot: the file to publish is shown"
uri=$(backend_of "$id" file_uri)
case $uri in http://bad.mysite.cn/.well-known/acme-challenge/*) r=0 ;; *) r=1 ;; esac
ok $r "the file's URL is given ($uri)"
# verify fetches the file over HTTP, as an ACME CA does.
CERTWIZ_NS_PORT=$dns_port CERTWIZ_HTTP_PORT=$http_port
export CERTWIZ_NS_PORT CERTWIZ_HTTP_PORT
mkdir -p "$www/.well-known/acme-challenge"
backend_of "$id" file_content | tr -d '\n' > "$www/.well-known/acme-challenge/${uri##*/}"
run verify --resolver "127.0.0.1:$dns_port" "$id"
expect_rc 0 "verify: the right file served over HTTP is ready"
has "serves the right content" "$out" "the file was fetched and matched"
printf 'not the key authorization' > "$www/.well-known/acme-challenge/${uri##*/}"
run verify --resolver "127.0.0.1:$dns_port" "$id"
expect_rc 1 "verify: the served file is not the key authorization"
has "bad.mysite.cn" "$out" "the finding is under the name"
lacks "https://bad.mysite.cn" "$out" "only HTTP is fetched for an ACME challenge"
unset CERTWIZ_NS_PORT CERTWIZ_HTTP_PORT
run submit "$id" $acme
expect_rc 3 "wrong content: the CA's validation fails"
has "bad.mysite.cn: validation failed" "$err" "the failure is said per name"
[ "$(state_of "$id")" = rejected ]
ok $? "the application is rejected, its record intact"
rm -rf "$www/.well-known"

# --- a connection dropped at finalize: one order, resumed -------------------
# start_proxy PREFIX: a proxy to Pebble that loses the answer of the first
# request under PREFIX; its directory in $pdir.
proxy_pid=
stop_proxy() {
	[ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null
	[ -n "$proxy_pid" ] && wait "$proxy_pid" 2>/dev/null
	proxy_pid=
}
at_cleanup stop_proxy
start_proxy() {
	rm -f "$P/proxy.port"
	python3 "$top_srcdir/tests/acme-proxy.py" --upstream "127.0.0.1:$acme_port" \
		--cafile "$pebble_ca" --cert "$P/cert.pem" --key "$P/key.pem" \
		--port-file "$P/proxy.port" --drop "$1" >"$P/proxy.log" 2>&1 &
	proxy_pid=$!
	wait_until 60 test -s "$P/proxy.port" || { echo "Bail out! no proxy"; exit 1; }
	pdir="https://127.0.0.1:$(cat "$P/proxy.port")/dir"
}
start_proxy /finalize-order/
mkapp file drop.mysite.cn
n0=$(orders)
run submit "$id" --backend acme --directory "$pdir" --cacert "$pebble_ca" \
	--agree-tos --webroot "$www"
expect_rc 3 "finalize's answer lost: exit 3"
url1=$(backend_of "$id" order_url)
[ -n "$url1" ] && [ "$url1" != None ]
ok $? "the order's URL was kept ($url1)"
run submit "$id" --backend acme --directory "$pdir" --cacert "$pebble_ca" \
	--agree-tos --webroot "$www"
expect_rc 0 "the next run resumes"
[ "$(state_of "$id")" = issued ] && [ "$(backend_of "$id" order_url)" = "$url1" ]
ok $? "the same order is issued"
[ $(( $(orders) - n0 )) = 1 ]
ok $? "one order was made at the CA ($(( $(orders) - n0 )))"
stop_proxy

# --- the answer to newOrder lost: the next run finds the order -------------
start_proxy /order-plz
mkapp file lost.mysite.cn
n0=$(orders)
run submit "$id" --backend acme --directory "$pdir" --cacert "$pebble_ca" \
	--agree-tos --webroot "$www"
expect_rc 3 "newOrder's answer lost: exit 3"
[ "$(state_of "$id")" = sending ] && [ "$(backend_of "$id" order_url)" = None ]
ok $? "the application is left sending, with no order known"
[ $(( $(orders) - n0 )) = 1 ]
ok $? "the CA made the order all the same"
run submit "$id" --backend acme --directory "$pdir" --cacert "$pebble_ca" \
	--agree-tos --webroot "$www"
expect_rc 0 "the next run looks the order up"
[ "$(state_of "$id")" = issued ] && [ "$(sans "$id")" = "lost.mysite.cn " ]
ok $? "and takes it to a certificate"
[ $(( $(orders) - n0 )) = 1 ]
ok $? "no second order was made ($(( $(orders) - n0 )))"
stop_proxy

# --- withdraw before issuance deactivates the authorizations ----------------
mkapp dns wd.mysite.cn
run submit "$id" $acme
run withdraw "$id" --yes --cacert "$pebble_ca"
expect_rc 0 "withdraw an order waiting for validation"
[ "$(state_of "$id")" = withdrawn ] && [ "$(backend_of "$id" status)" = deactivated ]
ok $? "withdrawn, its authorizations deactivated"
run revoke "$id" --yes
expect_rc 1 "a withdrawn application has nothing to revoke: exit 1"

# --- not an ACME directory ---------------------------------------------------
mkapp file www.mysite.cn
run submit "$id" --backend acme --directory "https://127.0.0.1:$acme_port/nothing-here" \
	--cacert "$pebble_ca" --agree-tos --webroot "$www"
expect_rc 3 "a URL that is not an ACME directory: exit 3"
has "is not an ACME directory" "$err" "and says so"
[ "$(state_of "$id")" = prepared ] && [ "$(backend_of "$id" name)" = local ]
ok $? "the application is intact"

# --- Pebble refusing half the nonces ----------------------------------------
stop_pebble
start_pebble PEBBLE_WFE_NONCEREJECT=50 PEBBLE_AUTHZREUSE=100
serve_webroot "$www"
mkapp file www.mysite.cn
run submit "$id" $acme --webroot "$www"
expect_rc 0 "half the nonces refused: submitted"
[ "$(state_of "$id")" = issued ]
ok $? "issued through the bad nonces"
grep -q badNonce "$P/pebble.log" || grep -q 'nonce' "$P/pebble.log"
ok $? "Pebble did refuse nonces"
mkapp file www.mysite.cn
run submit "$id" $acme --webroot "$www"
expect_rc 0 "an authorization reused (PEBBLE_AUTHZREUSE): submitted"
[ "$(state_of "$id")" = issued ]
ok $? "issued with the reused authorization"

# --- External Account Binding ------------------------------------------------
stop_pebble
pebble_eab_key=zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W
start_pebble
serve_webroot "$www"
mkapp file eab.mysite.cn
run submit "$id" $acme --webroot "$www"
expect_rc 1 "a CA that needs EAB, none given: refused"
has "--eab-kid" "$err" "the message names --eab-kid and --eab-hmac-key"
run submit "$id" $acme --webroot "$www" --eab-kid kid-1 --eab-hmac-key "$pebble_eab_key"
expect_rc 0 "with the key id and HMAC key: submitted"
[ "$(state_of "$id")" = issued ]
ok $? "issued through an EAB account"
lacks "$pebble_eab_key" "$(cat "$apps/$id/application.json")" "the HMAC key is not in the record"
pebble_eab_key=
stop_pebble
start_pebble
serve_webroot "$www"

# --- everything from the config file -----------------------------------------
mkdir -p "$HOME/.config/certwiz"
printf 'backend = acme\ndirectory = %s\ncacert = %s\nagree_tos = yes\nwebroot = %s\n' \
	"$directory" "$pebble_ca" "$www" > "$HOME/.config/certwiz/config"
mkapp file cfg.mysite.cn
expect_rc 0 "apply --answers sends with backend, directory, cacert, agree_tos and webroot from the config"
[ "$(state_of "$id")" = issued ] && [ "$(sans "$id")" = "cfg.mysite.cn " ]
ok $? "issued with no option on the command line"
printf 'agree_tos = maybe\n' > "$HOME/.config/certwiz/config"
run submit "$id"
[ "$rc" -ne 0 ] && printf '%s' "$err" | grep -q "agree_tos must be yes or no"
ok $? "a bad agree_tos is named"
rm -f "$HOME/.config/certwiz/config"

done_testing
