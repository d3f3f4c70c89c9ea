#!/bin/sh
# The wizard on terminals that cannot show it: TERM=dumb, an unknown TERM,
# TERM empty or unset. Each gets a message that names TERM, says what to
# set and that 'certwiz apply' needs no screen; exit status 2. The other
# commands do not care about TERM.
. "$top_srcdir/tests/lib.sh"

if ! command -v script >/dev/null 2>&1; then
	echo "1..0 # SKIP script(1) is not installed (bsdutils)"
	exit 0
fi

# on_tty ENV-ARGS... -- ARGS...: run certwiz on a pseudo-terminal made by
# script(1), its output in $out and its status in $rc. A wizard that did
# start would wait for keys: timeout ends it (status 124).
on_tty() {
	envs=""
	while [ "$1" != "--" ]; do
		envs="$envs '$1'"
		shift
	done
	shift
	out=$(timeout 20 script -qec "env $envs ${CERTWIZ_WRAPPER:-} '$CERTWIZ' $*; \
		echo \"[status \$?]\"" /dev/null </dev/null 2>&1 | tr -d '\r')
	rc=$(printf '%s\n' "$out" | sed -n 's/^\[status \([0-9]*\)\]$/\1/p' | tail -1)
	[ -n "$rc" ] || rc=124
	err=$out
}

on_tty TERM=dumb --
expect_rc 2 "TERM=dumb: the wizard does not start"
has "TERM=dumb" "$out" "the message names TERM=dumb"
has "no cursor addressing" "$out" "and says what it lacks"
has "TERM=xterm-256color" "$out" "and what to set"
has "certwiz apply --answers" "$out" "and that apply needs no screen"

on_tty TERM=nonexistent-term --
expect_rc 2 "an unknown TERM: the wizard does not start"
has "TERM=nonexistent-term" "$out" "the message names the unknown TERM"
has "terminfo" "$out" "and says it is not in the terminfo database"
has "ncurses-term" "$out" "and names the package with rarer entries"
lacks "Error opening terminal" "$out" "not ncurses' own message"

on_tty -u TERM --
expect_rc 2 "TERM unset: the wizard does not start"
has "TERM is not set" "$out" "the message says TERM is not set"

on_tty TERM= --
expect_rc 2 "TERM empty: the wizard does not start"
has "TERM is not set" "$out" "the message says TERM is not set"

apps="$HOME/.local/share/certwiz/applications"
mkdir -p "$apps/abcd-2345"
chmod 700 "$HOME/.local/share/certwiz" "$apps" "$apps/abcd-2345"
cat > "$apps/abcd-2345/application.json" <<JSON
{"version": 1, "id": "abcd-2345", "state": "draft", "type": "free",
 "created": "2026-11-01T10:00:00Z", "updated": "2026-11-01T10:00:00Z",
 "domains": ["www.certwiz-test.cn"]}
JSON
chmod 600 "$apps/abcd-2345/application.json"
before=$(sha256sum < "$apps/abcd-2345/application.json")
on_tty TERM=dumb -- resume abcd-2345
expect_rc 2 "TERM=dumb: resume does not start the wizard either"
has "TERM=dumb" "$out" "and names TERM"
[ "$(sha256sum < "$apps/abcd-2345/application.json")" = "$before" ]
ok $? "the draft is untouched"

on_tty TERM=dumb -- list
expect_rc 0 "TERM=dumb: list works"
on_tty TERM=dumb -- check domain www.certwiz-test.cn
expect_rc 0 "TERM=dumb: check works"
on_tty TERM=dumb -- types
expect_rc 0 "TERM=dumb: types works"

# A name with control characters is not echoed raw.
on_tty "TERM=x$(printf '\033')[31my" --
expect_rc 2 "a TERM with an escape sequence: the wizard does not start"
lacks "$(printf '\033')[31m" "$out" "the escape sequence is not printed raw"

done_testing
