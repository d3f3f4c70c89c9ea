#!/bin/sh
# CLI tests: help, version, usage errors, types.
. "$top_srcdir/tests/lib.sh"

run --help
expect_rc 0 "--help succeeds"
has "Usage: certwiz" "$out" "--help shows the usage"
for c in resume list show delete types; do
	has "  $c" "$out" "--help lists $c"
done
has "Exit status" "$out" "--help explains the exit status"

run --version
expect_rc 0 "--version succeeds"
has "certwiz " "$out" "--version names the program"
ver=$(sed -n 's/^AC_INIT(\[certwiz\], \[\([^]]*\)\].*/\1/p' \
	"$top_srcdir/configure.ac")
has "$ver" "$out" "--version shows the version of configure.ac"

run frobnicate
expect_rc 2 "an unknown command is a usage error"
has "unknown command 'frobnicate'" "$err" "and names it"
has "certwiz --help" "$err" "with a hint"

run --frob
expect_rc 2 "an unknown option is a usage error"
run types --frob
expect_rc 2 "an unknown command option is a usage error"
has "certwiz types --help" "$err" "the hint names the command"
run types extra
expect_rc 2 "an extra argument is a usage error"

run
expect_rc 2 "a bare certwiz without a terminal"
has "certwiz apply" "$err" "says to use apply"

run types
expect_rc 0 "types succeeds"
has "free" "$out" "types lists free"
has "standard" "$out" "types lists standard"
has "professional" "$out" "types lists professional"
has "domains: exactly 1 (no wildcard)" "$out" "free: one name, no wildcard"
has "domains: 1 to 5 (one wildcard per certificate)" "$out" \
	"standard: its limits"
has ".edu .gov .org .jp .pay .bank .live .nuclear .ru" "$out" \
	"free: refused suffixes"
has "about 5 days" "$out" "professional: issuance"
has "company details: required" "$out" "professional: company"

run types --json
expect_rc 0 "types --json succeeds"
n=$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$n" = 4 ]
ok $? "types --json is JSON with four types"
v=$(printf '%s' "$out" | python3 -c 'import json,sys; t={x["id"]:x for x in json.load(sys.stdin)}; print(t["free"]["max_domains"], t["standard"]["max_domains"], t["professional"]["company"], t["free"]["refused_suffixes"][0])')
[ "$v" = "1 5 True edu" ]
ok $? "types --json carries the limits ($v)"

types --help >/dev/null 2>&1
run types --help
expect_rc 0 "types --help"
has "--json" "$out" "types --help names --json"

# A broken user catalog gives file:line and exit 3.
mkdir -p "$HOME/.config/certwiz"
printf '[free]\nvalidity = soon\n' > "$HOME/.config/certwiz/types.conf"
run types
expect_rc 3 "a broken types.conf fails"
has "types.conf:2:" "$err" "and names file:line"
printf '[free]\nvalidity = 30\n' > "$HOME/.config/certwiz/types.conf"
run types
expect_rc 0 "an override catalog works"
has "validity: 30 days" "$out" "and changes the type"
rm "$HOME/.config/certwiz/types.conf"

# XDG_CONFIG_HOME is honoured.
mkdir -p "$TEST_TMP/xdg/certwiz"
printf '[standard]\nmulti.domains = 2-9\n' > "$TEST_TMP/xdg/certwiz/types.conf"
XDG_CONFIG_HOME="$TEST_TMP/xdg" run types
has "domains: 1 to 9" "$out" "XDG_CONFIG_HOME is honoured"

done_testing
