# Shared helpers for the shell tests: TAP output, a private HOME, cleanup.
# Usage: . "$top_srcdir/tests/lib.sh"

set -u
: "${CERTWIZ:?run the tests with make check}"
: "${top_srcdir:=.}"

tap_n=0
tap_failed=0
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/certwiz-test.XXXXXX")
# python3 as the interpreter itself, first in PATH: behind a version
# manager's shim (pyenv and the like) every call of the test servers and
# JSON helpers would start a dozen shell processes first.
if py=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) &&
    [ -x "$py" ]; then
	mkdir -p "$TEST_TMP/bin" && ln -s "$py" "$TEST_TMP/bin/python3" &&
	PATH="$TEST_TMP/bin:$PATH"
fi
export HOME="$TEST_TMP/home"
mkdir -p "$HOME"
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME
# Never the public DNS: the DNS checks certwiz makes on its own (after
# submit and status, the Domains screen's CAA check) stay off unless a
# test points them at its own servers and sets CERTWIZ_VERIFY=yes.
CERTWIZ_VERIFY=no
export CERTWIZ_VERIFY

# Functions to run at exit, before the temporary folder is removed.
cleanup_hooks=""
at_cleanup() { cleanup_hooks="$1 $cleanup_hooks"; }
tap_cleanup() {
	for h in $cleanup_hooks; do "$h" || true; done
	chmod -R u+rwx "$TEST_TMP" 2>/dev/null
	rm -rf "$TEST_TMP"
}
trap tap_cleanup EXIT
trap 'exit 130' INT TERM HUP

ok() {	# ok CONDITION-STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - # SKIP $1"; }
diag() { printf '# %s\n' "$@"; }
done_testing() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; }

# run ARGS...: run certwiz, keeping stdout in $out, stderr in $err and
# the exit status in $rc.
# CERTWIZ_WRAPPER (make check-valgrind) runs certwiz under a checker.
run() {
	out=$(${CERTWIZ_WRAPPER:-} "$CERTWIZ" "$@" 2>"$TEST_TMP/stderr" </dev/null)
	rc=$?
	err=$(cat "$TEST_TMP/stderr")
}

# run_in INPUT ARGS...: the same, with INPUT on standard input.
run_in() {
	input=$1
	shift
	out=$(printf '%s' "$input" | ${CERTWIZ_WRAPPER:-} "$CERTWIZ" "$@" \
	    2>"$TEST_TMP/stderr")
	rc=$?
	err=$(cat "$TEST_TMP/stderr")
}

# expect_rc WANT DESCRIPTION: check $rc, with the output on failure.
expect_rc() {
	[ "$rc" -eq "$1" ]
	ok $? "$2 (exit $1)"
	if [ "$rc" -ne "$1" ]; then
		diag "exit status $rc" "stdout: $out" "stderr: $err"
	fi
}

# has TEXT WHERE DESCRIPTION: the variable's text contains TEXT.
has() {
	case "$2" in
	*"$1"*) ok 0 "$3" ;;
	*) ok 1 "$3"; diag "wanted: $1" "in: $2" ;;
	esac
}

lacks() {
	case "$2" in
	*"$1"*) ok 1 "$3"; diag "unwanted: $1" "in: $2" ;;
	*) ok 0 "$3" ;;
	esac
}

# file_mode PATH: the octal permission bits.
file_mode() { stat -c %a "$1"; }
