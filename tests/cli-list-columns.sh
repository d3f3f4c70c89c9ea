#!/bin/sh
# certwiz list and show line their columns up by display width, in
# English and in Chinese (a Chinese heading is 2 columns a character,
# 3 bytes): every row's domains start in the DOMAINS column, and every
# value of show starts in the same column.
. "$top_srcdir/tests/lib.sh"

A="$TEST_TMP/answers"
mkdir -p "$A"
for d in www.mysite.cn shop.mysite.net; do
	cat > "$A/$d.json" <<JSON
{"type": "free", "domains": ["$d"],
 "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000",
   "email": "admin@example.com"},
 "csr": {"mode": "auto"}, "validation": {"method": "dns"}}
JSON
	run apply --answers "$A/$d.json"
	expect_rc 0 "apply $d"
done

# cols_aligned WORD: in $out, the display column where the header's WORD
# starts is where the last field of every other line starts.
cols_aligned() {
	printf '%s\n' "$out" | python3 -c '
import sys, unicodedata
def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = sys.stdin.read().rstrip("\n").split("\n")
head = lines[0]
at = cols(head[:head.index(sys.argv[1])])
bad = [l for l in lines[1:] if cols(l[:l.rindex(" ") + 1]) != at]
sys.exit(1 if bad else 0)
' "$1"
}
# values_aligned: in $out (certwiz show), every "Label  value" line has
# its value in the same column.
values_aligned() {
	printf '%s\n' "$out" | python3 -c '
import re, sys, unicodedata
def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
at = set()
for l in sys.stdin.read().split("\n"):
    m = re.match(r"^(\S.*?)  +(\S.*)$", l)
    if m:
        at.add(cols(l[:l.index(m.group(2), len(m.group(1)))]))
bad = [str(sorted(at))] if len(at) != 1 else []
print("\n".join(bad))
sys.exit(1 if bad else 0)
'
}

run list
expect_rc 0 "certwiz list"
cols_aligned DOMAINS
ok $? "English: the domains start under DOMAINS"
id=$(printf '%s\n' "$out" | sed -n 2p | cut -d' ' -f1)

zh="env LANGUAGE=zh_CN LC_ALL=C.UTF-8"
out=$($zh "$CERTWIZ" list 2>&1)
diag "$out"
cols_aligned "域名"
ok $? "Chinese: the domains start under the heading (display width)"

out=$($zh "$CERTWIZ" show "$id" 2>&1)
values_aligned
ok $? "Chinese: certwiz show lines its values up by display width"
out=$("$CERTWIZ" show "$id" 2>&1)
values_aligned
ok $? "English: the same"

done_testing
