#!/bin/sh
# Terminal test: the binary run where it was built (the README's Quick
# start: ./certwiz) speaks Chinese with LANG=zh_CN.UTF-8, with no
# CERTWIZ_LOCALEDIR: it finds po/locale next to itself.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

zh_locale=C.UTF-8
[ "$(LC_ALL=zh_CN.UTF-8 locale charmap 2>/dev/null)" = UTF-8 ] &&
    zh_locale=zh_CN.UTF-8
# make laid the catalogs out beside the binary.
[ -f "$(dirname "$CERTWIZ")/po/locale/zh_CN/LC_MESSAGES/certwiz.mo" ]
ok $? "po/locale is next to the built binary"

# CLI: no CERTWIZ_LOCALEDIR, started from another folder.
out=$(cd "$TEST_TMP" && env -u CERTWIZ_LOCALEDIR LANGUAGE=zh_CN \
    LANG=$zh_locale LC_ALL=$zh_locale "$CERTWIZ" --help 2>&1)
has "用法" "$out" "certwiz --help is in Chinese"

# The wizard, the same way.
UI_ENV="CERTWIZ_LOCALEDIR= LANGUAGE=zh_CN LANG=$zh_locale LC_ALL=$zh_locale"
ui_start
ui_check "the wizard is in Chinese without CERTWIZ_LOCALEDIR" "您想做什么？"
ui_keys C-q
ui_check_exit 0 "and quits"

done_testing
