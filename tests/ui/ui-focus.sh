#!/bin/sh
# Terminal test: the focused button shows in reverse video (the
# selection's colour), with or without colours: on Domains, on the
# pages of fields, on CSR (after Enter on "Automatic"), on Confirm.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

# ui_sgr TEXT: the attributes (the last SGR sequence before TEXT on its
# line, as tmux gives them with capture-pane -e), e.g. "1;7".
ui_sgr() {
	tm capture-pane -e -p -t w | python3 -c '
import re, sys
want = sys.argv[1]
for line in sys.stdin:
    i = line.find(want)
    if i < 0:
        continue
    sgr = re.findall(r"\x1b\[([0-9;]*)m", line[:i])
    print(sgr[-1] if sgr else "")
    break
' "$1"
}
# ui_reverse TEXT: TEXT shows in reverse video.
ui_reverse() {
	case ";$(ui_sgr "$1");" in
	*";7;"*) return 0 ;;
	esac
	return 1
}
# ui_marked FOCUSED OTHER: without colours FOCUSED is in reverse video
# and OTHER not; with colours they differ (the selection's colour pair).
ui_marked() {
	if [ "$colours" = NO_COLOR=1 ]; then
		ui_reverse "$1" && ! ui_reverse "$2"
	else
		[ "$(ui_sgr "$1")" != "$(ui_sgr "$2")" ]
	fi
}
# ui_focus_on DESCRIPTION FOCUSED OTHER: the focus shows on FOCUSED, not
# on OTHER (waiting for the screen to settle).
ui_focus_on() {
	i=0
	while [ $i -lt 100 ]; do
		ui_marked "$2" "$3" && break
		sleep 0.05
		i=$((i + 1))
	done
	ui_marked "$2" "$3"
	ok $? "$1: the focus shows on $2, not on $3"
	[ $? = 0 ] || tm capture-pane -e -p -t w | grep -a -F "$2" |
	    cat -v | sed 's/^/# /'
}

for colours in NO_COLOR=1 COLORTERM=truecolor; do
	ui_stop
	rm -rf "$apps_dir"
	UI_ENV=$colours ui_start
	ui_check "$colours: start" "What would you like to do?"
	ui_keys Enter
	ui_check "$colours: type" "Which certificate did you buy?"
	ui_keys Enter
	ui_check "$colours: domains" "Type a name and press Enter"
	ui_type "www.mysite.cn"
	ui_keys Enter
	ui_check "$colours: added" "1. www.mysite.cn"
	ui_keys Tab Tab
	ui_focus_on "$colours: Domains, Tab to Next" "[ Next ]" "[ Back ]"
	ui_keys Tab
	ui_focus_on "$colours: Domains, Tab to Back" "[ Back ]" "[ Next ]"
	ui_keys BTab Enter
	ui_check "$colours: applicant" "Fields marked * are required."
	ui_type "Zhang San"
	ui_keys Tab
	ui_type "+86 138 0013 8000"
	ui_keys Tab
	ui_type "zs@example.com"
	ui_keys Tab Tab Tab
	ui_focus_on "$colours: Applicant, on Next" "[ Next ]" "[ Back ]"
	ui_keys Tab
	ui_focus_on "$colours: Applicant, on Back" "[ Back ]" "[ Next ]"
	ui_keys BTab Enter
	ui_check "$colours: CSR" "How should the CSR be made?"
	ui_keys Up
	ui_check "$colours: automatic" "The CA makes the private key"
	ui_keys Enter
	ui_focus_on "$colours: CSR, Enter on Automatic shows the focus on Next" \
	    "[ Next ]" "[ Back ]"
	ui_keys Enter
	ui_check "$colours: verification" "How will you prove"
	ui_keys Tab Enter
	ui_check "$colours: confirm" "[ Submit ]"
	ui_focus_on "$colours: Confirm, Submit first" "[ Submit ]" "[ Back ]"
	ui_keys Tab
	ui_focus_on "$colours: Confirm, Tab to Back" "[ Back ]" "[ Submit ]"
	ui_keys Tab
	ui_focus_on "$colours: Confirm, Tab to Save draft" "[ Save draft ]" \
	    "[ Back ]"
	[ "$colours" = NO_COLOR=1 ] && ui_golden confirm-focus
	tm capture-pane -e -p -t w > "$TEST_TMP/confirm-$colours.txt"
done

done_testing
