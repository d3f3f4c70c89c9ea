#!/bin/sh
# Terminal test: a free application walked in Simplified Chinese at 80x24.
# Each screen must show Chinese, no line may be wider than the terminal,
# the body must stay out of the step list's column, the hint bar must be
# whole on the last line, and no English may be left on the screen.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

# The locale: zh_CN.UTF-8 where it is installed, else C.UTF-8 with
# LANGUAGE (glibc's gettext follows LANGUAGE in any locale but C).
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
if ! command -v python3 >/dev/null 2>&1; then
	echo "1..0 # SKIP no python3 to measure the screens"
	exit 0
fi
UI_ENV="LANGUAGE=zh_CN LANG=$zh_locale LC_ALL=$zh_locale \
CERTWIZ_LOCALEDIR='${CERTWIZ_LOCALEDIR:-}'"

# ui_layout NAME HINT [dialog] [ALLOWED-WORDS]: check the screen's layout.
# HINT is the whole hint bar; "dialog" when a dialog may cover the step
# list; ALLOWED-WORDS are the Latin words this screen may show besides
# the names of keys, commands and protocols.
ui_layout() {
	ui_screen > "$TEST_TMP/zh-$1.txt"
	problems=$(python3 - "$TEST_TMP/zh-$1.txt" "$2" "${3:-}" \
	    "${4:-}" "${ui_id:-}" <<'EOF'
import re, sys, unicodedata
path, hint, dialog, allowed, app_id = sys.argv[1:6]
lines = open(path, encoding="utf-8").read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
def cols(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in s)
def cells(s):	# one entry per column: a wide character, then None
    out = []
    for c in s:
        out.append(c)
        if unicodedata.east_asian_width(c) in "WF":
            out.append(None)
    return out
bad = []
if len(lines) != 24:
    bad.append("the screen has %d lines, not 24" % len(lines))
for i, l in enumerate(lines):
    if cols(l) > 80:
        bad.append("line %d has %d columns: %s" % (i, cols(l), l))
    if "\ufffd" in l:
        bad.append("line %d shows U+FFFD: %s" % (i, l))
if lines and lines[-1].strip() != hint:
    bad.append("the hint bar is %r, not %r" % (lines[-1].strip(), hint))
if lines and not lines[0].startswith(" certwiz  "):
    bad.append("the top line is %r" % lines[0])
# The step list is columns 0-20 and column 21 is blank, rows 2 to 20.
if dialog != "dialog":
    for i in range(2, min(21, len(lines))):
        c = cells(lines[i])
        if len(c) > 21 and c[21] != " ":
            bad.append("line %d crosses the step list's edge: %s"
                       % (i, lines[i]))
# Latin words: only names of keys, commands, protocols and the like.
ok = set("""certwiz example com www Enter Tab Esc Shift Ctrl PgUp PgDn Del
DNS CSR TXT PNG JPEG ECDSA RSA SSL TLS key pem free standard professional
submit resume status list types vvv Unicode label http well known pki validation
dnsauth edu gov org jp pay bank live nuclear ru xn fsqu fiqs CDN Web
banc alpha test credit apple ebay trust root amazon android visa google
discover financial wordpress pal scp letsencrypt Let Encrypt ACME
""".split()) | set(allowed.split())
text = "\n".join(lines[1:-1])
# Application ids are random letters and digits ("sd3h-man4"): any may
# hold an English word. They are left out, wherever they are shown.
if app_id:
    text = text.replace(app_id, "")
text = re.sub(r"(?<![A-Za-z0-9])[a-z0-9]{4}-[a-z0-9]{4}(?![A-Za-z0-9])", "",
              text)
words = sorted(set(w for w in re.findall(r"[A-Za-z]{3,}", text)
                   if w not in ok))
if words:
    bad.append("English left on the screen: " + " ".join(words))
if not re.search(r"[\u4e00-\u9fff]", text):
    bad.append("no Chinese on the screen")
print("\n".join(bad))
EOF
)
	if [ -z "$problems" ]; then
		ok 0 "$1: in Chinese, within 80 columns, hint bar whole"
	else
		ok 1 "$1: in Chinese, within 80 columns, hint bar whole"
		printf '%s\n' "$problems" | sed 's/^/# /'
		sed 's/^/# | /' "$TEST_TMP/zh-$1.txt"
	fi
}

h_start="上/下 选择  Enter 打开  F1/^G 提示  F10/^Q 退出"
h_type="上/下 选择  Enter 确定  Esc 返回  F1/^G 提示  F2/^S 保存  F10/^Q 退出"
h_domains="Enter 添加  Tab 列表  d 删除  +/- 移动  Esc 返回  ^G 提示  ^S 保存  ^Q 退出"
h_form="Tab 移动  Enter 下一项/选择  Esc 返回  F1/^G 提示  F2/^S 保存  F10/^Q 退出"
h_select="Tab 移动  Enter 选择  Esc 返回  F1/^G 提示  F2/^S 保存  F10/^Q 退出"
h_confirm="PgUp/PgDn 滚动  Tab 按钮  Esc 返回  F1/^G 提示  F10/^Q 退出"
h_apps="Enter 打开  r 刷新  w 撤回  o 恢复  d 删除  Esc 返回  ^Q 退出"
h_submitted="r 刷新  Enter 申请列表  PgUp/PgDn 滚动  F1/^G 提示  F10/^Q 退出"

ui_start
ui_check "the start screen is in Chinese" "您想做什么？"
ui_layout start "$h_start"
ui_keys F1
ui_check "the tips open" "Esc 或 Enter：关闭"
ui_layout start-tips "$h_start" dialog "Ctrl"
ui_keys Escape
ui_wait_gone "Esc 或 Enter：关闭" >/dev/null

ui_keys Enter
ui_check "the type screen" "您购买的是哪种证书？"
ui_check "the type's name is translated" "免费版 DV 证书 (DV)"
ui_check "its validity, with ngettext" "有效期：90 天"
ui_layout type "$h_type"
ui_keys Down
ui_check "the details follow the highlighted type" "域名：1 至 5 个"
ui_layout type-standard "$h_type"
ui_keys Up
ui_check "and come back" "域名：恰好 1 个"

ui_keys Enter
ui_check "choosing free opens the domains" "输入一个域名并按 Enter 添加"
ui_id=$(ui_last_id)
ui_check "the top line counts the steps" "第 2 步，共 6 步：域名"
ui_check "step list: the type is done" "[x] 证书类型"
ui_check "step list: company not needed" "[-] 公司信息"
ui_layout domains "$h_domains"
ui_type "*.example.com"
ui_keys Enter
ui_check "free refuses a wildcard, in Chinese" "*.example.com 未通过："
ui_layout domains-refused "$h_domains"
ui_keys C-u
ui_type "例子.中国"
ui_keys Enter
ui_check "a Chinese name is added with its A-label" \
	"1. 例子.中国 -> xn--fsqu00a.xn--fiqs8s"
ui_check "and the message says so" "将以 xn--fsqu00a.xn--fiqs8s 发送给 CA"
# The draft is made once there is something to keep: a name.
ui_id=$(ui_last_id)
ui_layout domains-added "$h_domains"
ui_keys F1
ui_check "the domain tips open" "Esc 或 Enter：关闭"
ui_layout domains-tips "$h_domains" dialog "Ctrl"
ui_keys Escape
ui_wait_gone "Esc 或 Enter：关闭" >/dev/null

ui_keys Tab Tab Enter
ui_check "Next opens the applicant" "标有 * 的为必填项。"
ui_check "a person's name is 姓名" "姓名 *"
# The tip's example is a Chinese name (nothing is typed yet).
ui_keys C-g
ui_check "the name's tip opens" "Esc 或 Enter：关闭"
ui_check "its example is a Chinese name" "张三"
lacks "Zhang San" "$(ui_screen)" "no English name in the Chinese tip"
ui_keys Enter
ui_wait_gone "Esc 或 Enter：关闭" >/dev/null
ui_id=$(ui_last_id)
ui_type "张三"
ui_keys Tab
ui_type "+86 138 0013 8000"
ui_keys Tab
ui_type "zs@example.com"
ui_check "the Chinese name shows in its field" "[张三"
ui_layout applicant "$h_form"
ui_keys Tab Tab Tab Enter
ui_check "the CSR screen" "CSR 如何生成？"
ui_layout csr "$h_select"
ui_keys Up
ui_check "automatic mode explains itself" "由 CA 为您生成私钥和 CSR"
ui_layout csr-auto "$h_select"
ui_keys Enter Enter
ui_check "the verification screen" "您将如何证明您控制这些域名？"
ui_layout verification "$h_select"
ui_keys Tab Enter
ui_check "the confirm screen" "[ 提交 ]"
ui_check "nothing left to fix" "信息已全部填写"
ui_check "label and value with a full-width colon" "姓名：张三"
ui_layout confirm "$h_confirm"
ui_keys Enter
ui_check "Submit prepares it with the local backend" \
	"已在本地准备好，尚未发送给 CA"
ui_check "the Submitted screen says how to send it" \
	"certwiz submit $ui_id --backend cas"
# Its command and the folder's path are as they are.
paths="backend cas local share applications"
ui_line 0 | grep -q "certwiz  已准备"
ok $? "a prepared application's screen is titled so"
ui_layout submitted "$h_submitted" "" "$paths"
ui_keys F1
ui_check "its tips open" "Esc 或 Enter：关闭"
ui_layout submitted-tips "$h_submitted" dialog "Ctrl $paths"
ui_keys Escape
ui_wait_gone "Esc 或 Enter：关闭" >/dev/null

id=$(ui_last_id)
[ "$(ui_json "$id" 'j["applicant"]["name"]')" = "张三" ]
ok $? "the store has the applicant's name in Chinese"
[ "$(ui_json "$id" 'j["domains"]')" = "['xn--fsqu00a.xn--fiqs8s']" ]
ok $? "and the domain in its A-label form"

ui_keys Enter
# The columns are as wide as their entries (by display width).
ui_check "Enter opens the list of applications" \
	"类型  域名"
ui_check "with the details of the selected one" "类型：免费版 DV 证书"
ui_screen | grep -q "$ui_id  *已准备"
ok $? "the state column is in Chinese"
ui_layout applications "$h_apps"
ui_keys Escape
ui_check "Esc goes back to the start" "您想做什么？"
ui_layout start-again "$h_start"
ui_keys C-q
ui_check_exit 0 "the wizard ends cleanly"

# The company screen of a professional application has the longest labels.
ui_start
ui_check "the start screen again" "> 新建申请"
ui_keys Enter
ui_check "a new application" "您购买的是哪种证书？"
ui_keys Down Down Enter
ui_check "the kind question" "您购买的是"
ui_keys Enter
ui_check "professional: the domains" "[ ] 公司信息"
ui_id=$(ui_last_id)
ui_type "shop.example.com"
ui_keys Enter
ui_check "the name is added" "1. shop.example.com"
ui_keys Tab Tab Enter
ui_check "the applicant" "标有 * 的为必填项。"
ui_type "李雷"
ui_keys Tab
ui_type "+86 138 0013 8000"
ui_keys Tab
ui_type "li@example.com"
ui_keys Tab Enter
ui_check "the ID types are listed in Chinese" "中国居民身份证"
ui_layout id-types "$h_form" dialog
ui_keys Enter
ui_wait_gone "其他身份证件" >/dev/null
# Picking moved on to the ID number.
ui_type "11010519491231002X"
ui_keys Tab Enter
ui_check "the company screen" "组织机构代码 *"
ui_layout company "$h_form"
ui_type "杭州某某科技有限公司"
ui_keys Tab Enter
ui_check "the company types are listed in Chinese" "私营组织（公司）"
ui_layout company-types "$h_form" dialog
ui_keys Escape
ui_wait_gone "私营组织（公司）" >/dev/null
# The country picker: the names come translated from iso-codes.
ui_keys Tab Tab Tab Enter
ui_check "the country picker names countries in Chinese" "AF  阿富汗"
ui_type "CN"
ui_check "typing the code selects China, in Chinese" "> CN  中国"
ui_keys Escape
ui_wait_gone "CN  中国" >/dev/null

# Too small a terminal: the request to enlarge is Chinese and fits.
tm resize-window -t w -x 60 -y 20
ui_check "a small terminal asks to be enlarged" "当前为 60x20"
w=$(ui_screen | python3 -c 'import sys, unicodedata
print(max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
    for c in l.rstrip("\n")) for l in sys.stdin))')
[ "$w" -le 60 ]
ok $? "the request fits in 60 columns ($w)"

done_testing
