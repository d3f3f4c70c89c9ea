#!/bin/sh
# Terminal test: an internationalised name keeps its Unicode form after the
# Domains screen. Confirm, the Submitted screen and the Applications
# screen show it with the A-label sent to the CA beside it (the list's
# narrow column shows the Unicode form alone), and so does certwiz show,
# in English and in Simplified Chinese. PgDn on the Submitted screen stops
# at its last page.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

zh_locale=""
for l in zh_CN.UTF-8 C.UTF-8; do
	if [ "$(LC_ALL=$l locale charmap 2>/dev/null)" = UTF-8 ]; then
		zh_locale=$l
		break
	fi
done

shown="例子.中国 (xn--fsqu00a.xn--fiqs8s)"
shown_zh="例子.中国（xn--fsqu00a.xn--fiqs8s）"

# The screens' markers, in English and in Chinese.
en_start="What would you like to do?"; zh_start="您想做什么？"
en_type="Which certificate did you buy?"; zh_type="您购买的是哪种证书？"
en_domains="Type a name and press Enter"; zh_domains="输入一个域名并按 Enter"
en_fields="Fields marked * are required."; zh_fields="标有 * 的为必填项。"
en_csr="How should the CSR be made?"; zh_csr="CSR 如何生成？"
en_verif="How will you prove"; zh_verif="您将如何证明"
en_confirm="[ Save answers ]"; zh_confirm="[ 保存答案 ]"
en_apps="w withdraw"; zh_apps="w 撤回"
en_files="Files: "; zh_files="文件目录："
en_names="Domains: "; zh_names="域名："
mark() { eval "printf '%s' \"\$${lang}_$1\""; }

# walk LANG SHOWN: a free application for 例子.中国 through the wizard
# to the Applications screen.
walk() {
	lang=$1
	ui_start
	ui_check "$1: start" "$(mark start)"
	ui_keys Enter
	ui_check "$1: type" "$(mark type)"
	ui_keys Enter
	ui_check "$1: domains" "$(mark domains)"
	ui_type "例子.中国"
	ui_keys Enter
	ui_check "$1: the Domains screen shows both forms" \
	    "例子.中国 -> xn--fsqu00a.xn--fiqs8s"
	ui_keys Tab Tab Enter
	ui_check "$1: applicant" "$(mark fields)"
	ui_type "Wang Wu"
	ui_keys Tab
	ui_type "+86 137 0000 1111"
	ui_keys Tab
	ui_type "ww@mysite.cn"
	ui_keys Tab Tab Tab Enter
	ui_check "$1: CSR" "$(mark csr)"
	ui_keys Up Enter Enter
	ui_check "$1: verification" "$(mark verif)"
	ui_keys Tab Enter
	ui_check "$1: confirm" "$(mark confirm)"
	ui_check "$1: Confirm shows the Unicode form and the A-label" \
	    "1. $2"
	lacks "1. xn--fsqu00a" "$(ui_screen)" \
	    "$1: Confirm does not show the A-label alone"
	id=$(ui_last_id)
	# Submit has the focus.
	ui_keys Enter
	ui_check "$1: the Submitted screen lists the name in both forms" \
	    "$(mark names)$2"
	# PgDn past the end shows the last page, never an empty one.
	ui_keys PageDown PageDown PageDown
	ui_check "$1: PgDn: the last page, still showing the folder" \
	    "$(mark files)"
	ui_screen > "$TEST_TMP/sub.txt"
	[ "$(sed -n '3,21p' "$TEST_TMP/sub.txt" | cut -c23- | tr -d ' \n' | \
	    wc -c)" -gt 40 ]
	ok $? "$1: PgDn: the body is not empty"
	ui_keys Home
	ui_keys Enter
	ui_check "$1: the Applications screen" "$(mark apps)"
	ui_check "$1: the list has the application" "$id "
	case "$(ui_screen | grep "$id ")" in
	*"例子.中国"*) ok 0 "$1: the list's domains column is in Unicode" ;;
	*) ok 1 "$1: the list's domains column is in Unicode"
	   ui_screen | sed 's/^/# | /' ;;
	esac
	ui_check "$1: the details show both forms" "  $2"
	ui_keys C-q
	ui_check_exit 0 "$1: quit"
}

walk en "$shown"
run show "$id"
expect_rc 0 "certwiz show"
has "  $shown" "$out" "certwiz show: the U-label with the A-label in parentheses"

if [ -z "$zh_locale" ]; then
	skip "no UTF-8 locale for the Chinese run"
else
	UI_ENV="LANGUAGE=zh_CN LANG=$zh_locale LC_ALL=$zh_locale \
CERTWIZ_LOCALEDIR='${CERTWIZ_LOCALEDIR:-}'"
	walk zh "$shown_zh"
	out=$(LANGUAGE=zh_CN LANG=$zh_locale LC_ALL=$zh_locale \
	    "$CERTWIZ" show "$id")
	has "  $shown_zh" "$out" "certwiz show in Chinese: full-width parentheses"
fi

done_testing
