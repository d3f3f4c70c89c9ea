#!/bin/sh
# CLI tests: list, show and delete over the store.
. "$top_srcdir/tests/lib.sh"

apps="$HOME/.local/share/certwiz/applications"

run list
expect_rc 0 "list on an empty store"
has "No applications yet" "$out" "says there are none"
run list --json
expect_rc 0 "list --json on an empty store"
[ "$out" = "[]" ]
ok $? "is an empty JSON array"

# Seed two applications the way the store writes them.
mk() {	# mk ID TYPE STATE UPDATED DOMAIN
	mkdir -p "$apps/$1"
	chmod 700 "$apps/$1"
	cat > "$apps/$1/application.json" <<JSON
{"version": 1, "id": "$1", "state": "$3", "type": "$2",
 "created": "2026-11-01T10:00:00Z", "updated": "$4",
 "domains": ["$5"], "applicant": {"name": "Li Lei", "email": "li@example.com"}}
JSON
}
mk aaaa-2222 free draft 2026-11-02T10:00:00Z example.com
mk bbbb-3333 standard ready 2026-11-03T10:00:00Z shop.example.org

run list
expect_rc 0 "list succeeds"
has "aaaa-2222" "$out" "lists the first"
has "bbbb-3333" "$out" "lists the second"
has "ready to submit" "$out" "shows the state in words"
first=$(printf '%s\n' "$out" | sed -n 2p | cut -c1-9)
[ "$first" = "bbbb-3333" ]
ok $? "most recently updated first"

run list --json
expect_rc 0 "list --json"
ids=$(printf '%s' "$out" | python3 -c 'import json,sys; print(" ".join(a["id"]+":"+a["state"] for a in json.load(sys.stdin)))')
[ "$ids" = "bbbb-3333:ready aaaa-2222:draft" ]
ok $? "list --json has ids and states ($ids)"

run show aaaa-2222
expect_rc 0 "show succeeds"
has "Li Lei" "$out" "show prints the fields"
has "example.com" "$out" "show prints the domains"
run show aaaa
expect_rc 0 "show takes a unique prefix"
run show aaaa-2222 --json
expect_rc 0 "show --json"
v=$(printf '%s' "$out" | python3 -c 'import json,sys; a=json.load(sys.stdin); print(a["applicant"]["email"], a["version"])')
[ "$v" = "li@example.com 1" ]
ok $? "show --json has the fields ($v)"
run show aaaa-2222 --answers
expect_rc 0 "show --answers"
v=$(printf '%s' "$out" | python3 -c 'import json,sys; a=json.load(sys.stdin); print(sorted(a))')
[ "$v" = "['applicant', 'documents', 'domains', 'type', 'version']" ]
ok $? "show --answers has only the keys a person gives ($v)"
run show
expect_rc 2 "show without an id is a usage error"
run show zzzz-9999
expect_rc 2 "show of an unknown id"
has "certwiz list" "$err" "says where to look"

# A truncated application.json: named, untouched, exit 3, others listed.
mk cccc-4444 free draft 2026-11-04T10:00:00Z broken.example.com
head -c 40 "$apps/cccc-4444/application.json" > "$TEST_TMP/trunc"
cp "$TEST_TMP/trunc" "$apps/cccc-4444/application.json"
sum=$(sha256sum < "$apps/cccc-4444/application.json")
run list
expect_rc 3 "list with a damaged application exits 3"
has "cccc-4444/application.json" "$err" "and names the file"
has "aaaa-2222" "$out" "and still lists the others"
[ "$(sha256sum < "$apps/cccc-4444/application.json")" = "$sum" ]
ok $? "the damaged file is unchanged"
run show cccc-4444
expect_rc 3 "show of a damaged application exits 3"
has "damaged" "$err" "and says it is damaged"

# A future schema version is refused, not rewritten.
printf '{"version": 7, "id": "cccc-4444"}' > "$apps/cccc-4444/application.json"
run show cccc-4444
expect_rc 3 "a newer schema is refused"
has "newer certwiz" "$err" "and says so"
[ "$(cat "$apps/cccc-4444/application.json")" = '{"version": 7, "id": "cccc-4444"}' ]
ok $? "the newer file is unchanged"

# delete asks, and refuses to guess without a terminal.
run delete aaaa-2222
expect_rc 2 "delete without a terminal and without --yes"
has "--yes" "$err" "says to use --yes"
[ -d "$apps/aaaa-2222" ]
ok $? "nothing was deleted"
run delete aaaa-2222 --yes
expect_rc 0 "delete --yes"
[ ! -e "$apps/aaaa-2222" ]
ok $? "the folder is gone"
run delete aaaa-2222 --yes
expect_rc 2 "deleting it again: no such application"
run delete --json bbbb-3333
expect_rc 2 "delete has no --json"

# HOME unset: the XDG folders are enough.
rm -rf "$apps/cccc-4444"
out=$(env -u HOME XDG_DATA_HOME="$HOME/.local/share" \
	XDG_CONFIG_HOME="$HOME/.config" ${CERTWIZ_WRAPPER:-} "$CERTWIZ" list 2>&1)
rc=$?
expect_rc 0 "list with HOME unset and the XDG folders set"
has "bbbb-3333" "$out" "finds the applications through XDG_DATA_HOME"

# HOME unusable: a clear message and exit 3.
HOME=/dev/null run list
expect_rc 3 "list with HOME=/dev/null fails"
has "/dev/null/.local/share/certwiz/applications" "$err" \
	"and names the folder it could not read"

done_testing
