#!/bin/sh
# CLI tests: certwiz check domain, its exit codes, text and JSON output.
. "$top_srcdir/tests/lib.sh"

# json EXPR: evaluate a Python expression over the JSON in $out as j.
json() {
	printf '%s' "$out" | python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"
}

run check domain example.com
expect_rc 0 "one plain name is acceptable"
[ "$out" = "example.com" ]
ok $? "and printed in its normalised form"

run check domain 例子.中国
expect_rc 0 "a Unicode name is acceptable"
has "xn--fsqu00a.xn--fiqs8s" "$out" "its A-label form is printed"
has "例子.中国" "$out" "beside the Unicode form"

run check domain WWW.Example.COM.
expect_rc 0 "upper case and a trailing dot are normalised"
[ "$out" = "www.example.com" ]
ok $? "to www.example.com"

run check domain --type free '*.example.com'
expect_rc 1 "free refuses a wildcard"
has "cannot bind a wildcard" "$err" "says why"
has "*.example.com" "$err" "names the name"
has "www.example.com" "$err" "says what to type instead"
has "certwiz types" "$err" "and where to find a type that allows it"

run check domain --type=standard '*.example.com' 'www.example.org'
expect_rc 1 "standard refuses mixing plain and wildcard"
has "binds its wildcard name only" "$err" "says so"
has "combine certificates" "$err" "and what to do instead"

run check domain --type standard a.example.com b.example.com \
	c.example.com d.example.com e.example.com
expect_rc 0 "standard binds five names"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 5 ]
ok $? "one line per name"

run check domain --type standard a.example.com b.example.com \
	c.example.com d.example.com e.example.com f.example.com
expect_rc 1 "standard refuses six names"
has "at most 5 names" "$err" "says the limit"

run check domain --type free qq.com shop.qq.com
expect_rc 1 "free refuses two names"
has "exactly one name" "$err" "says the limit"

run check domain --type free www.example.org
expect_rc 1 "free refuses .org"
has ".org" "$err" "names the suffix"

run check domain http://example.com/path
expect_rc 1 "a URL is rejected"
has "type only the host name, example.com" "$err" "with what to type"

run check domain example.com:443
expect_rc 1 "a port is rejected"
has "example.com" "$err" "with the host to type"

run check domain '*.example.com' www.example.com
expect_rc 1 "a name covered by a wildcard needs no other certificate"
has "warning" "$err" "the warning is shown"
has "already covered" "$err" "and explained"

run check domain example.com Example.com.
expect_rc 1 "a duplicate after normalisation is rejected"
has "same name" "$err" "says so"

run check domain good.example.com bad_name.example.com
expect_rc 1 "one bad name rejects the list"
has "good.example.com" "$out" "the good name is still printed"
has "underscore" "$err" "the bad one is explained"

# Usage errors.
run check domain
expect_rc 2 "no names is a usage error"
has "certwiz check domain --help" "$err" "with a hint"
run check domain --type nosuch example.com
expect_rc 2 "an unknown type is a usage error"
has "nosuch" "$err" "naming the type"
run check domain --type
expect_rc 2 "--type without a value is a usage error"
run check domain --frob example.com
expect_rc 2 "an unknown option is a usage error"
run check domain -example.com
expect_rc 2 "a name beginning with - before -- is an option"
has "--" "$err" "the hint mentions --"
run check domain -- -example.com
expect_rc 1 "after --, a name beginning with - is checked"
has "hyphen" "$err" "and refused for its hyphen"
run check domain -- --json
expect_rc 1 "after --, --json is a name"
lacks "{" "$out" "not an option"
run check domain --help
expect_rc 0 "--help succeeds"
has "--type TYPE" "$out" "and documents --type"
has "--json" "$out" "and --json"
run check --help
expect_rc 0 "check --help succeeds"
has "check domain [--type TYPE] [--kind KIND] NAME..." "$out" \
	"check --help shows the domain synopsis"
run --help
has "check domain [--type TYPE]" "$out" "certwiz --help lists check domain"

# JSON.
run check domain --json --type free 例子.中国
expect_rc 0 "--json: acceptable"
v=$(json 'j["acceptable"], j["type"], j["names"][0]["ascii"], j["names"][0]["unicode"]')
[ "$v" = "True free xn--fsqu00a.xn--fiqs8s 例子.中国" ]
ok $? "--json carries the forms ($v)"

run check domain --json --type free '*.qq.com' shop.qq.com mail.qq.com
expect_rc 1 "--json: rejected list exits 1"
v=$(json '" ".join(sorted(set(f["code"] for f in j["findings"])))')
has "domain.wildcard-not-allowed" "$v" "--json has the wildcard code"
has "domains.too-many" "$v" "--json has the count code"
v=$(json 'j["names"][0]["acceptable"], j["names"][0]["ascii"], j["names"][0]["findings"][0]["key"], j["names"][1]["acceptable"]')
[ "$v" = "False None domains[0] True" ]
ok $? "--json per name: verdict, form and key ($v)"
v=$(json 'all(f["level"] in ("ok","warning","error") and f["message"] for f in j["findings"])')
[ "$v" = "True" ]
ok $? "--json findings have a level and a message"
[ -z "$err" ]
ok $? "--json writes nothing to stderr"

run check domain --json -- "$(printf 'a\377b.com')"
expect_rc 1 "--json: invalid UTF-8 is rejected"
v=$(json 'j["names"][0]["findings"][0]["code"]')
[ "$v" = "domain.invalid-utf8" ]
ok $? "--json stays valid JSON with invalid UTF-8 input ($v)"

# --- the catalog as the CA sells it (issue 15) ----------------------------------
run types --json
v=$(json '[t["max_wildcards"] for t in j[:3]], sorted(j[1]["kinds"]), j[1]["validity_days_now"] <= 199, j[2]["kinds"]["single"]["ip"], j[0]["keys"]')
[ "$v" = "[0, 1, 1] ['multi', 'single', 'wildcard'] True True ['rsa-2048', 'rsa-3072', 'rsa-4096', 'ec-p256', 'ec-p384']" ]
ok $? "types --json: one wildcard, the kinds, 199 days, IPv4 for OV single, the keys ($v)"
run types
has "validity: 199 days (the brand's maximum today)" "$out" "types: DigiCert's 199 days"
has "wildcard domain (geotrust-dv-w-starter)" "$out" "types: the kinds and their products"

run check domain --type standard '*.a.com' '*.b.com'
expect_rc 1 "two wildcard names are refused"
has "one wildcard name only" "$err" "says one per certificate"
has "combine certificates" "$err" "and the console's way"

run check domain --json --type standard a.com b.com
expect_rc 0 "two plain names: the multi kind"
v=$(json 'j["kind"], j["product"], j["send"]')
[ "$v" = "multi None a.com,b.com" ]
ok $? "not the single-domain product: the API documents none for multi ($v)"

run check domain --json --type standard '*.example.com' example.com
expect_rc 0 "the apex beside its wildcard is accepted"
v=$(json 'j["kind"], j["complimentary"], j["send"], j["names"][1]["complimentary"]')
[ "$v" = "wildcard example.com *.example.com True" ]
ok $? "--json: the free name, and it is not sent ($v)"
run check domain --type standard '*.example.com'
has "example.com is included free with *.example.com" "$err" \
    "the text says the apex comes free"

run check domain --type standard --validation file '*.example.com'
expect_rc 0 "file validation for a lone wildcard is a warning here"
has "does not add example.com" "$err" "file validation loses the free name"

run check domain --type standard --kind wildcard shop.example.com
expect_rc 1 "--kind wildcard without a wildcard name"
run check domain --type standard --kind single a.com b.com
expect_rc 1 "--kind single with two names"
has "multiple-domains kind" "$err" "says which kind to choose"
run check domain --type standard --kind triple a.com
expect_rc 2 "an unknown --kind is a usage error"

for n in www.example.com credit.mysite.cn www.mybank.com www.amazon-deals.com; do
	run check domain --type free "$n"
	expect_rc 1 "free refuses $n (security audit)"
	has "security audit" "$err" "$n: says why"
	has "paid type" "$err" "$n: and what to do"
	run check domain --type standard "$n"
	expect_rc 0 "standard takes $n"
done
run check domain --type free php.net
expect_rc 0 "a short audit word inside a label is a warning"
has "\"hp\"" "$err" "naming the word"

run check domain --type professional 8.8.8.8
expect_rc 0 "the OV single kind binds a public IPv4"
run check domain --type standard 8.8.8.8
expect_rc 1 "the DV types do not"
run check domain --type professional 192.168.1.1
expect_rc 1 "a private IPv4 never"

mkdir -p "$HOME/.config/certwiz"
printf '[standard]\nkinds = single triple\n' > "$HOME/.config/certwiz/types.conf"
run check domain --type standard a.com
expect_rc 3 "a types.conf with an unknown kind is refused"
has "types.conf:2:" "$err" "with file:line"
has "triple" "$err" "naming the kind"
printf '[free]\n\n\nkeys = rsa-2048 ec-p521\n' > "$HOME/.config/certwiz/types.conf"
run types
expect_rc 3 "a types.conf with an unknown key type is refused"
has "types.conf:4:" "$err" "with file:line"
has "ec-p521" "$err" "naming the key type"
rm "$HOME/.config/certwiz/types.conf"

done_testing
