#!/bin/sh
# Terminal test: the Applications screen sizes its columns by display
# width. The domains column shows the first name (in Unicode for an IDN),
# cut with "…" where it does not fit, and "+N" for the other names; no
# line is wider than the terminal; in English and in Simplified Chinese.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP no python3 to measure the screen"
	exit 0
fi
zh_locale=""
for l in zh_CN.UTF-8 C.UTF-8; do
	if [ "$(LC_ALL=$l locale charmap 2>/dev/null)" = UTF-8 ]; then
		zh_locale=$l
		break
	fi
done

A="$TEST_TMP/answers"
mkdir -p "$A"
applicant='"applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@mysite.cn"}'
# apply_names VAR NAME...: a standard application for these names; its
# id in VAR.
apply_names() {
	var=$1
	shift
	list=$(printf '"%s", ' "$@")
	list="[${list%, }]"
	cat > "$A/a.json" <<JSON
{"type": "standard", "domains": $list, $applicant,
 "csr": {"mode": "auto"}, "validation": {"method": "dns"}}
JSON
	run apply --answers "$A/a.json" --backend local --json
	expect_rc 0 "apply $*"
	eval "$var=\$(printf '%s' \"\$out\" | \
	    sed -n 's/^  \"id\": *\"\([^\"]*\)\".*/\1/p')"
}
apply_names three www.mysite.cn shop.mysite.cn mail.mysite.cn
apply_names long www.a-rather-long-department-name.mysite.cn mysite.cn
apply_names idn 例子.中国

# measure ID...: the widest line of the screen in display columns, then
# for each ID the display column where the type "standard" starts in its
# row (0: no such row).
measure() {
	ui_screen > "$TEST_TMP/screen.txt"
	python3 - "$TEST_TMP/screen.txt" "$@" <<'PY'
import sys, unicodedata
def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
out = [str(max(cols(l) for l in lines))]
for i in sys.argv[2:]:
    r = [l for l in lines if i + " " in l]
    k = r[0].find("standard") if r else -1
    out.append(str(0 if k < 0 else 1 + cols(r[0][:k])))
print(" ".join(out))
PY
}
row() { ui_screen | grep "$1 " | head -1; }

# look LANG START-MARK APPS-MARK: the list in that language.
look() {
	ui_start
	ui_check "$1: the start screen" "$2"
	ui_keys Down Enter
	ui_check "$1: the Applications screen" "$3"
	ui_check "$1: three names: the first and +2" "www.mysite.cn +2"
	case "$(row "$long")" in
	*"www.a-rather-long"*"… +1") ok 0 "$1: a long name is cut with … and keeps +1" ;;
	*) ok 1 "$1: a long name is cut with … and keeps +1"
	   ui_screen | sed 's/^/# | /' ;;
	esac
	case "$(row "$idn")" in
	*"  例子.中国") ok 0 "$1: an IDN in Unicode" ;;
	*) ok 1 "$1: an IDN in Unicode"; ui_screen | sed 's/^/# | /' ;;
	esac
	set -- "$1" $(measure "$three" "$long" "$idn")
	[ "$2" -le 80 ]
	ok $? "$1: no line is wider than 80 columns ($2)"
	# The type column starts on the same column in every row: the cells
	# before it are padded by display width.
	[ "$3" -gt 0 ] && [ "$3" = "$4" ] && [ "$3" = "$5" ]
	ok $? "$1: the rows line up ($3, $4, $5)"
	ui_keys C-q
	ui_check_exit 0 "$1: quit"
}

look en "What would you like to do?" "w withdraw"
if [ -z "$zh_locale" ]; then
	skip "no UTF-8 locale for the Chinese run"
else
	UI_ENV="LANGUAGE=zh_CN LANG=$zh_locale LC_ALL=$zh_locale \
CERTWIZ_LOCALEDIR='${CERTWIZ_LOCALEDIR:-}'"
	look zh "您想做什么？" "w 撤回"
fi

done_testing
