#!/bin/sh
# Terminal test: Ctrl-Z suspends the wizard and gives the shell a sane
# terminal; fg brings it back, redrawn, with what was being typed.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP no bash for job control"
	exit 0
fi
# An interactive shell with job control in the pane, running the wizard.
ui_new "env HOME='$HOME' TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    PS1='sh\$ ' bash --norc --noprofile -i"
ui_check "a shell" 'sh$'
ui_type "CERTWIZ_DATADIR='${CERTWIZ_DATADIR:-}' '$CERTWIZ'"
ui_keys Enter
ui_check "the wizard" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_keys Enter
ui_check "domains" "Type a name and press Enter"
ui_type "half.mysite"
ui_check "typed, not yet entered" "[half.mysite"

ui_keys C-z
ui_check "Ctrl-Z suspends it: the shell says Stopped" "Stopped"
ui_type "stty -a | tr ' ;' '\n\n' | grep -E '^-?(icanon|echo)\$' | tr '\n' ' '; echo"
ui_keys Enter
ui_check "the shell has line editing back" "icanon echo"

ui_type "fg"
ui_keys Enter
ui_check "fg brings the wizard back, redrawn" "Type a name and press Enter"
ui_check "with what was being typed" "[half.mysite"
lacks "Stopped" "$(ui_screen)" "the shell's lines are painted over"
ui_type ".cn"
ui_keys Enter
ui_check "and it takes keys again" "1. half.mysite.cn"
ui_keys C-q
ui_check "quit offers to save" "Save"
ui_keys Enter
ui_check "back at the shell" 'sh$'
done_testing
