#!/bin/sh
# A failed write to standard output is an error (exit 3), for every
# command: a full disk (/dev/full) makes the write or the final flush fail.
. "$top_srcdir/tests/lib.sh"

if [ ! -w /dev/full ]; then
	echo "1..0 # SKIP no /dev/full"
	exit 0
fi

apps="$HOME/.local/share/certwiz/applications"
mkdir -p "$apps/abcd-0001"
chmod 700 "$HOME/.local/share/certwiz" "$apps" "$apps/abcd-0001"
cat > "$apps/abcd-0001/application.json" <<'JSON'
{"version": 1, "id": "abcd-0001", "state": "ready", "type": "free",
 "created": "2026-11-29T10:00:00Z", "updated": "2026-11-29T10:00:00Z",
 "domains": ["www.example.com"],
 "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000",
               "email": "li.lei@example.com"},
 "csr": {"mode": "auto"}, "validation": {"method": "dns"},
 "documents": []}
JSON
chmod 600 "$apps/abcd-0001/application.json"

# full ARGS...: run certwiz with standard output on a full disk.
full() {
	out=""
	${CERTWIZ_WRAPPER:-} "$CERTWIZ" "$@" >/dev/full 2>"$TEST_TMP/stderr" </dev/null
	rc=$?
	err=$(cat "$TEST_TMP/stderr")
}

for cmd in "--help" "--version" "types" "types --json" "list" "list --json" \
    "show abcd-0001" "show abcd-0001 --json" "show abcd-0001 --answers" \
    "status abcd-0001" "status abcd-0001 --json" "check domain www.example.com" \
    "check domain --json www.example.com" "submit --help"; do
	# shellcheck disable=SC2086
	full $cmd
	expect_rc 3 "certwiz $cmd > /dev/full"
	has "cannot write to standard output" "$err" "certwiz $cmd says why"
done

# The same commands succeed when the output can be written.
run show abcd-0001 --answers
expect_rc 0 "show --answers to a pipe"
has "www.example.com" "$out" "writes the answers"

# A rule's refusal stays 1 when stdout works, and becomes 3 when it fails.
full check domain --json 'bad_name.example.com'
expect_rc 3 "a refusal whose JSON cannot be written is a failure"
run check domain --json 'bad_name.example.com'
expect_rc 1 "the same refusal with a working stdout"

# A closed standard output cannot take what show writes.
out=""
"$CERTWIZ" show abcd-0001 --answers >&- 2>"$TEST_TMP/stderr"
rc=$?
expect_rc 3 "writing to a closed standard output fails"
done_testing
