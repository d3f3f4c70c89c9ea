#!/bin/sh
# How long one certwiz process takes to check N domain names (default
# 10000) as one list: plain names, IDNs, upper case, and a variant with
# half wildcards whose plain names they cover.
# Usage: bench/check-domain.sh [CERTWIZ [N]]
set -eu
certwiz=${1:-./certwiz}
n=${2:-10000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certwiz-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

awk -v n="$n" 'BEGIN {
	for (i = 0; i < n; i++)
		if (i % 10 == 0) printf "例子%d.中国\n", i
		else if (i % 10 == 1) printf "WWW.Host%d.Example.COM.\n", i
		else printf "host%d.example%d.com\n", i, i % 100
}' > "$tmp/plain"
awk -v n="$n" 'BEGIN {
	for (i = 0; i < n; i++)
		if (i % 2) printf "*.d%d.example.com\n", i
		else printf "h%d.d%d.example.com\n", i, i + 1
}' > "$tmp/wild"

now() { date +%s.%N; }
for list in plain wild; do
	for opt in "" --json; do
		# shellcheck disable=SC2046 # one name per line, no spaces
		set -- $(cat "$tmp/$list")
		t0=$(now)
		rc=0
		"$certwiz" check domain $opt -- "$@" >"$tmp/out" 2>"$tmp/err" ||
			rc=$?
		t1=$(now)
		printf '%s names (%s%s): %.3f s, exit %d\n' "$n" "$list" \
			"${opt:+, $opt}" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$rc"
	done
done
