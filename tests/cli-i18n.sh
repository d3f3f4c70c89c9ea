#!/bin/sh
# CLI tests: certwiz speaks Simplified Chinese under a zh_CN locale, with
# its options, commands and JSON left as they are.
. "$top_srcdir/tests/lib.sh"

# The locale: zh_CN.UTF-8 where it is installed; otherwise C.UTF-8, under
# which glibc's gettext still follows LANGUAGE (it ignores LANGUAGE only
# in the "C" locale). Without either there is no UTF-8 locale to test in.
zh_locale=""
for l in zh_CN.UTF-8 C.UTF-8; do
	if [ "$(LC_ALL=$l locale charmap 2>/dev/null)" = UTF-8 ]; then
		zh_locale=$l
		break
	fi
done
if [ -z "$zh_locale" ]; then
	echo "1..0 # SKIP no UTF-8 locale (zh_CN.UTF-8 or C.UTF-8)"
	exit 0
fi
[ "$zh_locale" = zh_CN.UTF-8 ] ||
	diag "zh_CN.UTF-8 is not installed: testing under C.UTF-8 with LANGUAGE"

# zh ARGS...: run certwiz in Chinese.
zh() {
	LANGUAGE=zh_CN LANG=$zh_locale LC_ALL=$zh_locale run "$@"
}

# width: the widest line of standard input, in display columns.
width() {
	python3 -c 'import sys, unicodedata
print(max([sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
    for c in l.rstrip("\n")) for l in sys.stdin] or [0]))'
}

mo="${CERTWIZ_LOCALEDIR:-}/zh_CN/LC_MESSAGES/certwiz.mo"
[ -f "$mo" ]
ok $? "the zh_CN catalog is laid out for the tests ($mo)"

# --help
zh --help
expect_rc 0 "--help succeeds in Chinese"
has "用法：certwiz [命令] [选项]..." "$out" "--help: the usage line is translated"
has "在终端中逐步申请 SSL/TLS 证书。" "$out" "--help: the summary is translated"
has "退出状态：0 成功" "$out" "--help: the exit status is translated"
for c in "resume ID" "list [--json]" "withdraw ID [--yes]" "types [--json]"; do
	has "  $c" "$out" "--help: the synopsis '$c' keeps its words"
done
has "  -h, --help" "$out" "--help: the option names stay as they are"
lacks "Usage:" "$out" "--help: no English usage line is left"
w=$(printf '%s\n' "$out" | width)
[ "$w" -le 80 ]
ok $? "--help fits in 80 columns ($w)"

# The same command without LANGUAGE is English: the test can tell.
LC_ALL=C.UTF-8 run --help
has "Usage: certwiz" "$out" "--help in C.UTF-8 stays English"

# types, with ngettext
zh types
expect_rc 0 "types succeeds in Chinese"
has "免费版 DV 证书 (DV)" "$out" "types: the type name is translated"
has "域名：恰好 1 个" "$out" "types: a count with ngettext (one)"
has "域名：1 至 5 个" "$out" "types: a range with ngettext"
has "有效期：90 天" "$out" "types: the validity in days"
has "签发时间： 域名验证通过后 1-15 分钟" "$out" "types: the issuance time"
has "free " "$out" "types: the type ids stay as they are"
lacks "certificate" "$out" "types: no English is left"

zh types --json
expect_rc 0 "types --json succeeds in Chinese"
zh_json=$out
LC_ALL=C.UTF-8 run types --json
keys='import json, sys
def keys(v):
    if isinstance(v, dict):
        return sorted((k, keys(x)) for k, x in v.items())
    if isinstance(v, list):
        return [keys(x) for x in v]
    return type(v).__name__
print(keys(json.loads(sys.stdin.read())))'
[ "$(printf '%s' "$zh_json" | python3 -c "$keys")" = \
  "$(printf '%s' "$out" | python3 -c "$keys")" ]
ok $? "types --json: the JSON keys and their types are the same in zh_CN"

# A rejected domain
zh check domain http://www.example.com/shop
expect_rc 1 "a URL is rejected in Chinese"
has "是网址（URL），不是域名：请只输入主机名 www.example.com" "$out$err" \
	"the reason and the fix are in Chinese"
has "错误" "$out$err" "the level is translated"

zh check domain example.local
expect_rc 1 "an internal name is rejected in Chinese"
has "这是内部网络专用的后缀" "$out$err" "and says why in Chinese"

zh check domain --json http://www.example.com/shop
code_zh=$(printf '%s' "$out" | grep -o '"code": *"[a-z.-]*"' | sort)
LC_ALL=C.UTF-8 run check domain --json http://www.example.com/shop
code_c=$(printf '%s' "$out" | grep -o '"code": *"[a-z.-]*"' | sort)
[ -n "$code_zh" ] && [ "$code_zh" = "$code_c" ]
ok $? "check domain --json: the finding codes are not translated"

# Usage errors
zh --bogus
expect_rc 2 "an unknown option is a usage error in Chinese"
has "未知选项“--bogus”" "$err" "it is named in Chinese"
has "请执行“certwiz --help”获取更多信息。" "$err" "the hint is in Chinese"

zh types --bogus
expect_rc 2 "an unknown command option is a usage error in Chinese"
has "请执行“certwiz types --help”获取更多信息。" "$err" \
	"the hint names the command"

zh check domain
expect_rc 2 "check domain without a name is a usage error"
has "没有给出域名" "$err" "and says so in Chinese"

zh frobnicate
expect_rc 2 "an unknown command is a usage error in Chinese"
has "未知命令“frobnicate”" "$err" "it is named in Chinese"

zh show zzzz-zzzz
lacks "no application" "$err" "a missing application is reported in Chinese"
has "没有申请“zzzz-zzzz”" "$err" "with its id"

# The built-in type names reach the catalog: every "name =" of types.conf
# is listed for xgettext in data/types-names.c.
missing=""
while IFS= read -r name; do
	grep -qF "N_(\"$name\")" "$top_srcdir/data/types-names.c" ||
		missing="$missing [$name]"
done <<EOF
$(sed -n 's/^name *= *//p' "$top_srcdir/data/types.conf")
EOF
[ -z "$missing" ]
ok $? "data/types-names.c lists every type name of types.conf$missing"

# Every translation complete (CI checks this too, with more detail).
if command -v msgfmt >/dev/null 2>&1; then
	for po in "$top_srcdir"/po/*.po; do
		stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null \
		    "$po" 2>&1)
		rc=$?
		case "$stats" in
		*untranslated* | *fuzzy*) rc=1 ;;
		esac
		ok $rc "$(basename "$po") is checked and complete: $stats"
	done
else
	skip "msgfmt is not installed"
fi

done_testing
