#!/bin/sh
# Terminal test: export from the Applications screen (x: a format menu, a
# folder, the PKCS#12 password typed twice), and the Submitted screen
# says where the files went. The wizard calls the same core as the CLI.
. "$top_srcdir/tests/lib.sh"

if ! command -v openssl >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
. "$top_srcdir/tests/ui/tmux.sh"
. "$top_srcdir/tests/export-lib.sh"

id=$(new_app)
sign "$apps/$id/csr.pem" "$T/leaf.pem" "$(utc '-1 hour')" "$(utc '+40 days')"
cat "$T/leaf.pem" "$T/inter.pem" > "$T/chain.pem"
issue "$id" "$T/chain.pem" "$T/leaf.pem"
# The wizard trusts the system's roots: OpenSSL's SSL_CERT_FILE stands in.
UI_ENV="SSL_CERT_FILE='$T/root.pem'"

ui_start
ui_check "start" "What would you like to do?"
ui_keys Down Enter
ui_check "the applications offer export" "Press x to export it"
ui_keys x
ui_check "a format menu" "for IIS and Tomcat"
ui_keys Down Enter
ui_check "then the folder" "Folder:"
ui_keys C-u
ui_type "$T/web"
ui_keys Enter
ui_check "the files written are shown" "www.example.com.chain.pem"
[ "$(file_mode "$T/web/www.example.com.key")" = 600 ] &&
	[ "$(file_mode "$T/web")" = 700 ] &&
	openssl verify -CAfile "$T/root.pem" -untrusted \
	"$T/web/www.example.com.chain.pem" "$T/web/www.example.com.crt" >/dev/null 2>&1
ok $? "Apache files: 0600 in a 0700 folder, the certificate verifies"
ui_keys Enter

# PKCS#12 into the default folder, the password typed twice.
ui_check "back on the list" "Press x to export it"
ui_keys x
ui_check "the menu again" "for IIS and Tomcat"
ui_keys Down Down Down Enter
ui_check "the folder" "Folder:"
ui_keys Enter
ui_check "the password" "Password:"
ui_type "Iis-S3cret"
ui_keys Enter
ui_check "typed twice" "The same again:"
ui_type "Iis-S3cret"
ui_keys Enter
ui_check "written" "www.example.com.pfx"
pfx="$apps/$id/export/www.example.com.pfx"
openssl pkcs12 -in "$pfx" -info -noout -passin pass:Iis-S3cret 2>&1 |
	grep -q "PBES2, PBKDF2, AES-256-CBC"
ok $? "the PFX opens with the password typed: AES-256-CBC, PBKDF2"
ui_screen | grep -q "Iis-S3cret"
[ $? -ne 0 ]
ok $? "the password was never on the screen"
ui_keys Enter

# The Submitted screen says where the files went.
ui_check "the list" "Press x to export it"
ui_keys Enter
ui_check "the Submitted screen lists the export" "/www.example.com.pfx"

# An existing file: asked before it is replaced.
ui_keys Enter
ui_check "the list again" "Press x to export it"
ui_keys x
ui_check "menu" "for IIS and Tomcat"
ui_keys Down Enter
ui_check "folder" "Folder:"
ui_keys C-u
ui_type "$T/web"
ui_keys Enter
ui_check "an existing file is not replaced without asking" "Replace them?"
ui_keys c
ui_check "cancelled" "Press x to export it"
ui_keys C-q
ui_check_exit 0 "the wizard quits"

# certwiz renew opens the successor in the wizard: same answers, and the
# CSR screen makes the new key.
ui_start renew "$id"
ui_check "renew opens the new application in the wizard" "www.example.com" 20
new=$(ls -t "$apps" | head -1)
[ "$new" != "$id" ] &&
	[ "$(ui_json "$new" 'j["state"] + " " + j["domains"][0]')" = "draft www.example.com" ]
ok $? "a new draft with the same names"
ui_check "the wizard shows the new draft, CSR to do" "draft $new"
ui_keys C-q
ui_wait "Save" 5 && ui_keys Enter
ui_check_exit 0 "the wizard quits"
done_testing
