#!/bin/sh
# CLI tests: certwiz template, the verification letter.
. "$top_srcdir/tests/lib.sh"

apps="$HOME/.local/share/certwiz/applications"
mk() {	# mk ID TYPE COMPANY
	mkdir -p "$apps/$1"
	chmod 700 "$apps/$1"
	cat > "$apps/$1/application.json" <<JSON
{"version": 1, "id": "$1", "state": "draft", "type": "$2",
 "created": "2026-11-01T10:00:00Z", "updated": "2026-11-01T10:00:00Z",
 "domains": ["example.com", "www.example.com"],
 "applicant": {"name": "Li Lei", "email": "li@example.com",
   "phone": "+86 138 0000 0000"},
 "company": {"name": "$3", "org_id": "91330100MA27XXXX0X",
   "city": "Hangzhou", "country": "CN", "address": "1 West Lake Road"}}
JSON
}
mk aaaa-2222 professional 'Example <Trading> & Co'
mk bbbb-3333 standard ''

today=$(date +%Y-%m-%d)
run template aaaa-2222
expect_rc 0 "the letter on standard output"
has "Example <Trading> & Co" "$out" "has the company"
has "Li Lei" "$out" "has the applicant"
has "www.example.com" "$out" "has the domains"
has "Professional OV certificate" "$out" "has the certificate type"
has "$today" "$out" "has today's date"
has "Signature" "$out" "has a place to sign"
has "stamp" "$out" "has a place for the company stamp"
lacks "warning" "$err" "no warning when the main fields are filled"

run template aaaa
expect_rc 0 "an id prefix works"

letter="$TEST_TMP/letter.txt"
run template aaaa-2222 -o "$letter"
expect_rc 0 "-o writes a file"
[ -f "$letter" ] && grep -q "Li Lei" "$letter"
ok $? "the file has the letter"
[ "$(file_mode "$letter")" = 600 ]
ok $? "the file is private (0600)"
[ -z "$out" ]
ok $? "nothing on standard output"

echo "my notes" >"$letter"
run template aaaa-2222 -o "$letter"
expect_rc 3 "an existing file is not overwritten"
has "--force" "$err" "says how to replace it"
[ "$(cat "$letter")" = "my notes" ]
ok $? "the file is left as it was"
run template aaaa-2222 -o "$letter" --force
expect_rc 0 "--force replaces it"
grep -q "Li Lei" "$letter"
ok $? "with the letter"

ln -s "$TEST_TMP/elsewhere.txt" "$TEST_TMP/link.txt"
run template aaaa-2222 -o "$TEST_TMP/link.txt"
expect_rc 3 "a symbolic link at the name is not followed or replaced"
[ ! -e "$TEST_TMP/elsewhere.txt" ]
ok $? "nothing written through the link"

run template aaaa-2222 -o "$TEST_TMP/letter.html"
expect_rc 0 "-o FILE.html"
html=$(cat "$TEST_TMP/letter.html")
has "<!DOCTYPE html>" "$html" "is HTML"
has "Example &lt;Trading&gt; &amp; Co" "$html" "with the values escaped"
lacks "<Trading>" "$html" "and no markup from the values"
run template aaaa-2222 --html
expect_rc 0 "--html on standard output"
has "<!DOCTYPE html>" "$out" "is HTML"

run template bbbb-3333
expect_rc 0 "a DV application gets a letter too"
has "needs no verification documents" "$err" "with a warning"
has "Company name" "$err" "and the blank fields named"

run template
expect_rc 2 "no id is a usage error"
run template zzzz-9999
expect_rc 2 "an unknown id"
run template aaaa-2222 -o
expect_rc 2 "-o without a file"
run template aaaa-2222 bbbb-3333
expect_rc 2 "two ids"
run template --help
expect_rc 0 "--help"
has "--force" "$out" "lists --force"

done_testing
