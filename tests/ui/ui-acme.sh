#!/bin/sh
# Terminal test: the whole wizard, with backend = acme in the config
# file, applies for a Let's Encrypt certificate from Pebble (the ACME
# test CA, started here) and ends with the certificate saved: the Type
# screen offers the ACME type, the CSR screen offers "generate here" by
# default, the HTTP-01 file is served from the webroot by the test's own
# HTTP server on Pebble's httpPort. The CA's terms of service are asked
# on the first Submit and remembered with the account. Then three names by DNS-01: the
# Submitted screen lists each name's TXT record.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/pebble.sh"
. "$top_srcdir/tests/ui/tmux.sh"

start_pebble
www="$TEST_TMP/www"
serve_webroot "$www"
mkdir -p "$HOME/.config/certwiz"
printf 'backend = acme\ndirectory = %s\ncacert = %s\nwebroot = %s\n' \
	"$directory" "$pebble_ca" "$www" > "$HOME/.config/certwiz/config"

ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_check "the ACME type is offered" "Let's Encrypt DV certificate (ACME)"
ui_keys Enter
ui_check "the kind question" "Which kind of"
ui_check "an ACME kind has no product to choose" "single domain (ACME order, no product to choose)"
ui_keys Enter
ui_check "domains" "Type a name and press Enter"
ui_type "www.mysite.cn"
ui_keys Enter
ui_check "one name" "1. www.mysite.cn"
ui_keys Tab Tab Enter
ui_check "applicant" "Fields marked * are required."
ui_type "Li Lei"
ui_keys Tab
ui_type "+86 138 0013 8000"
ui_keys Tab
ui_type "admin@mysite.cn"
ui_keys Tab Tab Tab Enter
ui_check "CSR: generate here is the default" "> Generate here"
ui_keys Tab Tab Tab Enter
ui_check "a passphrase is asked" "A passphrase to encrypt the key"
ui_keys Enter
ui_check "the key is made" "Key made:" 60
ui_keys Tab Enter
ui_check "verification" "How will you prove"
ui_keys Down
ui_check "file validation" "publish a small file"
ui_keys Tab Enter
ui_check "confirm" "[ Submit ]"
id=$(ui_last_id)
# The terms of service: asked, with the directory's URL; Esc refuses.
tos=$(curl -sf --cacert "$pebble_ca" "$directory" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["meta"]["termsOfService"])')
ui_keys Enter
ui_check "the CA's terms of service are asked" "Terms of service" 60
ui_check "with the directory's termsOfService ($tos)" "$tos"
ui_check "accepting is explicit (Cancel is the default)" "[ Cancel ]"
ui_keys Escape
ui_check "refused: the reason is on the page" "terms of service must be accepted" 20
[ "$(ui_json "$id" 'j["state"]')" = ready ] && ! grep -q 'Added order' "$P/pebble.log"
ok $? "nothing was ordered, the application is still ready"
ui_keys Enter
ui_check "asked again on the next Submit" "Terms of service" 60
ui_keys a
ui_check "submitted to Pebble and issued in one run" "Application $id: issued" 60
ui_check "the certificate's place is shown" "Certificate:"
[ "$(ui_json "$id" 'j["state"] + " " + j["backend"]["name"] + " " + j["csr"]["mode"]')" = "issued acme generate" ]
ok $? "the store has it issued by the acme backend, key made here"
openssl x509 -in "$apps_dir/$id/certificate.pem" -noout -ext subjectAltName 2>/dev/null |
    grep -q "DNS:www.mysite.cn"
ok $? "the saved certificate names www.mysite.cn"
a=$(openssl x509 -in "$apps_dir/$id/certificate.pem" -noout -pubkey)
b=$(openssl pkey -in "$apps_dir/$id/key.pem" -pubout 2>/dev/null)
[ -n "$a" ] && [ "$a" = "$b" ]
ok $? "and is for the key made by the wizard"
ui_keys F10
ui_check "the wizard quits" "certwiz-exit=0"

# Three names by DNS-01: the Submitted screen shows each name's record.
ui_start
ui_check "start again" "What would you like to do?"
ui_keys Enter
ui_check "type again" "Which certificate did you buy?"
ui_keys Enter
ui_check "the kind question again" "Which kind of"
ui_keys Down Enter
ui_check "domains again" "Type a name and press Enter"
for n in zone.mysite.cn www.zone.mysite.cn api.zone.mysite.cn; do
	ui_type "$n"
	ui_keys Enter
done
ui_check "three names" "3. api.zone.mysite.cn"
ui_keys Tab Tab Enter
ui_check "applicant again" "Fields marked * are required."
ui_type "Li Lei"
ui_keys Tab
ui_type "+86 138 0013 8000"
ui_keys Tab
ui_type "admin@mysite.cn"
ui_keys Tab Tab Tab Enter
ui_check "CSR again" "> Generate here"
ui_keys Tab Tab Tab Enter
ui_check "a passphrase is asked again" "A passphrase to encrypt the key"
ui_keys Enter
ui_check "the key is made again" "Key made:" 60
ui_keys Tab Enter
ui_check "verification: DNS" "How will you prove"
ui_keys Tab Enter
ui_check "confirm again" "[ Submit ]"
id=$(ui_last_id)
ui_keys Enter
ui_check "the Submitted screen lists the records" "Publish these DNS records" 60
lacks "Terms of service" "$(ui_screen)" "the account remembers the terms: not asked again"
for n in zone.mysite.cn www.zone.mysite.cn api.zone.mysite.cn; do
	v=$(ui_json "$id" "[c['record_value'] for c in j['backend']['challenges'] if c['name'] == '$n'][0]")
	ui_check "$n's record name" "Name:  _acme-challenge.$n"
	ui_check "$n's value ($v)" "$v"
done
done_testing
