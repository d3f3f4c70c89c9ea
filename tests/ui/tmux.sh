# Helpers for the terminal tests: the real wizard in a private tmux server.
# Usage: . "$top_srcdir/tests/ui/tmux.sh" (after tests/lib.sh)

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP no tmux"
	exit 0
fi

TMUX_TMPDIR="$TEST_TMP/tmux"
export TMUX_TMPDIR
mkdir -p "$TMUX_TMPDIR"
unset TMUX
ui_sock="certwiz-test-$$"
ui_n=0

tm() { tmux -L "$ui_sock" -f /dev/null "$@"; }

# ui_children PID: the processes whose parent is PID (pgrep when procps
# is installed, else from /proc).
ui_children() {
	if command -v pgrep >/dev/null 2>&1; then
		pgrep -P "$1" 2>/dev/null
		return 0
	fi
	for f in /proc/[0-9]*/stat; do
		st=$(cat "$f" 2>/dev/null) || continue
		# Fields after the command name: state, parent, ...
		set -- "$1" ${st##*) }
		[ "$3" = "$1" ] && { p=${f#/proc/}; echo "${p%/stat}"; }
	done
	return 0
}

# Stop the server and wait for the wizard to finish saving (it saves the
# draft when the terminal hangs up).
ui_stop() {
	pids=$(tm list-panes -a -F '#{pane_pid}' 2>/dev/null)
	# The panes' processes and theirs (script(1) runs the wizard in a
	# terminal of its own, which the server's hang-up does not reach).
	all=""
	for p in $pids; do
		all="$all $p"
		for c in $(ui_children "$p"); do
			all="$all $c $(ui_children "$c")"
		done
	done
	tm kill-server >/dev/null 2>&1 || true
	for p in $all; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 100 ]; do
			[ $i = 20 ] && kill -TERM "$p" 2>/dev/null
			sleep 0.05
			i=$((i + 1))
		done
	done
	return 0
}
at_cleanup ui_stop

# ui_start ARGS...: run certwiz ARGS in a new 80x24 window; waits for the
# first screen to show.
ui_start() {
	ui_n=$((ui_n + 1))
	ui_new "ulimit -c 0; env TERM=xterm-256color LANG=C.UTF-8 \
	    LC_ALL=C.UTF-8 HOME='$HOME' \
	    CERTWIZ_DATADIR='${CERTWIZ_DATADIR:-}' ${UI_ENV:-} \
	    '$CERTWIZ' $*; echo certwiz-exit=\$?; \
	    echo tty: \$(stty -a | tr ' ;' '\n\n' | \
	    grep -E '^-?(icanon|echo|ixon)\$')"
}

# ui_new COMMAND: a new server with one 80x24 window running COMMAND,
# kept on the screen when it ends. remain-on-exit is set in the same
# command queue as new-session, before the server can see the command
# end; starting is tried again if the server does not come up.
ui_new() {
	for try in 1 2 3; do
		ui_stop
		tm new-session -d -s w -x 80 -y 24 "$1" \; \
		    set-option -g remain-on-exit on >/dev/null 2>&1 &&
		    return 0
	done
	diag "tmux would not start"
	return 1
}

# ui_start_free [ARGS...]: ui_start, then a new application of the free
# type, up to its empty Domains screen (a TAP line per screen passed).
ui_start_free() {
	ui_start "$@"
	ui_check "start" "What would you like to do?"
	ui_keys Enter
	ui_check "type" "Which certificate did you buy?"
	ui_keys Enter
	ui_check "domains" "Type a name and press Enter"
}

# ui_to_applicant [NAME]: on an empty Domains screen, bind NAME (by
# default www.mysite.cn, which the free type takes) and go on to the
# Applicant screen.
ui_to_applicant() {
	ui_type "${1:-www.mysite.cn}"
	ui_keys Enter
	ui_check "added" "1. ${1:-www.mysite.cn}"
	ui_keys Tab Tab Enter
	ui_check "applicant" "Fields marked * are required."
}

# ui_fill_applicant: on the Applicant screen, type a valid name, phone
# and email (the focus is left on Email).
ui_fill_applicant() {
	ui_type "Zhang San"
	ui_keys Tab
	ui_type "+86 138 0013 8000"
	ui_keys Tab
	ui_type "zs@example.com"
}

# ui_dns_start: the test DNS servers of tests/dns-lib.sh (sourced
# before), named as certwiz's resolver in $cfg (the config file); the
# whole test is skipped where Knot is not installed.
ui_dns_start() {
	if ! dns_have; then
		echo "1..0 # SKIP knotd and kzonesign are not installed (Debian: knot, knot-dnssecutils)"
		exit 0
	fi
	if ! dns_start; then
		ok 1 "the test DNS servers start"
		done_testing
		exit
	fi
	ok 0 "the test DNS servers start (port $DNS_PORT)"
	cfg="$HOME/.config/certwiz/config"
	mkdir -p "$HOME/.config/certwiz"
	printf 'resolver = 127.0.0.2:%s\n' "$DNS_PORT" > "$cfg"
}

# ui_start_logged LOG: the wizard under script(1), which keeps in LOG
# every byte written to the terminal.
ui_start_logged() {
	ui_n=$((ui_n + 1))
	ui_new "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	    HOME='$HOME' CERTWIZ_DATADIR='${CERTWIZ_DATADIR:-}' \
	    ${UI_ENV:-} script -q -e -f -c '$CERTWIZ' '$1'; \
	    echo certwiz-exit=\$?"
}

# ui_keys KEYS...: tmux send-keys (key names such as Tab, Enter, Escape).
ui_keys() { tm send-keys -t w "$@"; }
# ui_type TEXT: the text as typed, literally.
ui_type() { tm send-keys -t w -l "$1"; }

ui_screen() { tm capture-pane -p -t w; }
# The screen with what scrolled off it (after the wizard has ended).
ui_history() { tm capture-pane -p -S -100 -t w; }

# ui_wait TEXT [SECONDS]: wait until the screen shows TEXT; 1 on timeout
# (then the screen is printed as TAP comments).
ui_wait() {
	want=$1
	limit=$(( ${2:-10} * 20 ))
	i=0
	while [ $i -lt "$limit" ]; do
		case "$(ui_screen)" in
		*"$want"*) return 0 ;;
		esac
		# Not a fixed delay: a short poll of the screen's state.
		sleep 0.05
		i=$((i + 1))
	done
	diag "timed out waiting for: $want"
	ui_screen | sed 's/^/# | /'
	return 1
}

# ui_wait_gone TEXT [SECONDS]: wait until TEXT has left the screen.
ui_wait_gone() {
	want=$1
	limit=$(( ${2:-10} * 20 ))
	i=0
	while [ $i -lt "$limit" ]; do
		case "$(ui_screen)" in
		*"$want"*) ;;
		*) return 0 ;;
		esac
		sleep 0.05
		i=$((i + 1))
	done
	diag "timed out waiting for this to go: $want"
	ui_screen | sed 's/^/# | /'
	return 1
}

# ui_until SECONDS COMMAND...: poll until COMMAND succeeds; 1 on timeout.
ui_until() {
	limit=$(( $1 * 20 ))
	shift
	i=0
	while [ $i -lt "$limit" ]; do
		"$@" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# ui_line_is N TEXT: line N of the screen begins with TEXT.
ui_line_is() {
	case "$(ui_line "$1")" in
	"$2"*) return 0 ;;
	esac
	return 1
}

# ui_resize COLS LINES: resize the window and wait until the wizard drew
# its hint bar on the new last line (or, below 80x24, the request to
# enlarge). tmux may merge two quick resizes and not pass on the last:
# the resize is then asked for again.
ui_resized() {
	if [ "$1" -ge 80 ] && [ "$2" -ge 24 ]; then
		[ -n "$(ui_line $(($2 - 1)) | tr -d ' ')" ] &&
		    ui_line 0 | grep -q "certwiz" &&
		    [ "$(ui_line 0 | wc -L)" -le "$1" ]
	else
		ui_screen | grep -q "${1}x$2 now"
	fi
}
ui_resize() {
	for try in 1 2 3; do
		tm resize-window -t w -x "$1" -y "$2"
		ui_until 3 ui_resized "$1" "$2" && return 0
		tm resize-window -t w -x "$(($1 + 1))" -y "$2"
	done
	return 1
}

# ui_pid: the process id of the certwiz in the window.
ui_pid() {
	shell=$(tm display-message -p -t w '#{pane_pid}')
	ui_children "$shell" | head -1
}

# ui_check DESCRIPTION TEXT [SECONDS]: a TAP line for "the screen shows".
ui_check() { ui_wait "$2" "${3:-10}"; ok $? "$1"; }

# ui_cursor: "ROW COL" of the terminal cursor (from 0).
ui_cursor() { tm display-message -p -t w '#{cursor_y} #{cursor_x}'; }

# ui_line N: line N (from 0) of the screen.
ui_line() { ui_screen | sed -n "$(($1 + 1))p"; }

# The applications in the store.
apps_dir="$HOME/.local/share/certwiz/applications"
ui_last_id() { ls -t "$apps_dir" 2>/dev/null | head -1; }

# ui_check_exit STATUS: the wizard ended with this exit status. The
# shell's line may have scrolled into the history: look there too.
ui_check_exit() {
	limit=200
	i=0
	while [ $i -lt $limit ]; do
		case "$(ui_history)" in
		*"certwiz-exit=$1"*) ok 0 "$2 (exit $1)"; return ;;
		esac
		sleep 0.05
		i=$((i + 1))
	done
	ok 1 "$2 (exit $1)"
	ui_history | sed 's/^/# | /'
}

# ui_golden NAME: compare the screen with tests/screens/NAME.txt (the
# draft id, dates and the validity in days, which change, are masked).
# With CERTWIZ_UPDATE_SCREENS=1 the file is written instead.
ui_mask() {
	sed -e 's/[a-z0-9]\{4\}-[a-z0-9]\{4\}/XXXX-XXXX/g' \
	    -e 's/20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]/YYYY-MM-DD HH:MM/g' \
	    -e 's/Validity: [0-9]* days/Validity: N days/g'
}
ui_golden() {
	golden="$top_srcdir/tests/screens/$1.txt"
	ui_screen | ui_mask > "$TEST_TMP/screen-$1.txt"
	if [ "${CERTWIZ_UPDATE_SCREENS:-}" = 1 ]; then
		cp "$TEST_TMP/screen-$1.txt" "$golden"
	fi
	if cmp -s "$golden" "$TEST_TMP/screen-$1.txt"; then
		ok 0 "screen $1 matches tests/screens/$1.txt"
	else
		ok 1 "screen $1 matches tests/screens/$1.txt"
		diff -u "$golden" "$TEST_TMP/screen-$1.txt" | sed 's/^/# /'
	fi
}

# ui_json ID EXPR: a value of the application's JSON (python3 expression
# over j), printed.
ui_json() {
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
	    "$apps_dir/$1/application.json" "$2"
}
