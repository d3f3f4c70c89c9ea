#!/bin/sh
# Terminal test: a message is read whole at 80x24, in English and in
# Chinese: a long one takes the blank rows of the body (the two message
# lines are not enough), and F3 / Ctrl-R shows it in a pane.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

# ui_flat: the screen as one line (a message wrapped on several rows
# reads as one text again; Chinese wraps without spaces).
ui_flat() { ui_screen | sed 's/^ *//; s/ *$//' | tr '\n' ' '; }
ui_flat_zh() { ui_screen | sed 's/^ *//; s/ *$//' | tr -d '\n'; }

# To the Domains screen of a free application.
to_domains() {
	ui_start
	ui_wait "$1"
	ui_keys Enter
	ui_wait "$2"
	ui_keys Enter
	ui_wait "$3"
}

to_domains "What would you like to do?" "Which certificate did you buy?" \
    "Type a name and press Enter"
ui_type "*.shop.cn"
ui_keys Enter
ui_check "a wildcard on the free type is refused" "is refused"
has "choose a type that allows wildcards (certwiz types lists them)" \
    "$(ui_flat)" "the message is shown whole, with what to do"
ui_golden messages-domains
ui_keys C-u
ui_type "my shop.cn"
ui_keys Enter
ui_check "a space is refused" "contains a space"
has "enter one name at a time, such as www.example.com" "$(ui_flat)" \
    "the shorter message too, to its end"
lacks "choose a type that allows" "$(ui_screen)" \
    "the longer message's rows were given back"
ui_keys F3
ui_check "F3 shows the message in a pane" "Message"
ui_keys Escape
ui_wait_gone "Message"
ok $? "Esc closes it"
ui_keys C-r
ui_check "Ctrl-R too" "Message"
ui_keys Escape
ui_wait_gone "Message"
ok $? "closed again"

# The same in Chinese (from a store without the English draft, which
# the start screen would offer first).
ui_stop
rm -rf "$apps_dir"
zh="LANGUAGE=zh_CN LANG=C.UTF-8 CERTWIZ_LOCALEDIR='${CERTWIZ_LOCALEDIR:-}'"
UI_ENV=$zh to_domains "您想做什么" "您购买的是哪种证书" "输入一个域名"
ui_type "*.shop.cn"
ui_keys Enter
ui_check "zh: refused" "未通过"
has "或选择支持通配符的证书类型（certwiz types 会列出所有类型）" \
    "$(ui_flat_zh)" \
    "zh: the message is shown whole"
ui_golden messages-domains-zh

# The CSR screen: a CSR made for another name is refused with the whole
# message, which ends with what to do (make it again, or add the name).
if command -v openssl >/dev/null 2>&1; then
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	    -keyout "$TEST_TMP/other.key" -out "$TEST_TMP/other.csr" \
	    -subj "/CN=shop.othersite.cn" >/dev/null 2>&1
	# to_csr LANG-ENV DOMAINS-TEXT APPLICANT-TEXT CSR-TEXT
	to_csr() {
		ui_stop
		rm -rf "$apps_dir"
		UI_ENV=$1 to_domains "$2" "$3" "$4"
		ui_type "www.mysite.cn"
		ui_keys Enter Tab Tab Enter
		ui_wait "$5"
		ui_type "Zhang San"
		ui_keys Tab
		ui_type "+86 138 0013 8000"
		ui_keys Tab
		ui_type "zs@mysite.cn"
		ui_keys Tab Tab Tab Enter
		ui_wait "$6"
		ui_keys Down Enter Enter
		ui_wait "Ctrl-D"
		tm load-buffer "$TEST_TMP/other.csr"
		tm paste-buffer -p -t w
	}
	to_csr "" "What would you like to do?" \
	    "Which certificate did you buy?" "Type a name and press Enter" \
	    "Fields marked * are required." "How should the CSR be made?"
	ui_check "csr: the other name is refused" "common name (CN)"
	has "make the CSR again with CN = www.mysite.cn, or add shop.othersite.cn to the domains" \
	    "$(ui_flat)" "csr: the message is shown whole, with what to do"
	ui_golden messages-csr
	to_csr "$zh" "您想做什么" "您购买的是哪种证书" "输入一个域名" "标有 * 的为必填项" \
	    "CSR 如何生成？"
	ui_check "zh csr: refused" "shop.othersite.cn"
	ui_golden messages-csr-zh
fi

done_testing
