#!/bin/sh
# Terminal test: secrets typed or pasted into the wizard are wiped before
# their memory is freed, proved with the allocator shim
# (tests/wipeshim.so, LD_PRELOAD), which reports every freed heap block
# still holding a marker: a key's passphrase typed twice in the
# passphrase prompt (libform's field buffers included), and a private key
# pasted where the CSR is asked for.
. "$top_srcdir/tests/lib.sh"

shim=${WIPESHIM:-}
if [ -z "$shim" ] || [ ! -f "$shim" ] || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP needs tests/wipeshim.so and openssl"
	exit 0
fi
if ! env LD_PRELOAD="$shim" "$CERTWIZ" --version >/dev/null 2>&1; then
	echo "1..0 # SKIP the shim cannot be preloaded here (sanitizers?)"
	exit 0
fi
. "$top_srcdir/tests/ui/tmux.sh"

MARK='WipeMarker7q3Z9xK'
wlog="$TEST_TMP/wipe.log"
: > "$wlog"
UI_ENV="LD_PRELOAD='$shim' CERTWIZ_WIPE_MARKER='$MARK' CERTWIZ_WIPE_LOG='$wlog'"
wiped() {
	[ ! -s "$wlog" ]
	ok $? "$1"
	[ -s "$wlog" ] && sed 's/^/# | /' "$wlog" | head -60
	: > "$wlog"
}

# --- a passphrase typed in the prompt -----------------------------------------
ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_keys Down Enter
ui_check "standard: the kind question" "Which kind of"
ui_keys Enter
ui_check "standard: domains" "Type a name and press Enter"
ui_type "example.com"
ui_keys Enter
ui_check "a name" "1. example.com"
ui_keys Tab Tab Enter
ui_check "applicant" "Email *"
ui_type "Zhao Liu"
ui_keys Tab
ui_type "+86 139 0000 0000"
ui_keys Tab
ui_type "zl@example.com"
ui_keys Tab Tab Tab Enter
ui_check "the CSR screen, generate here first" "> Generate here"
ui_keys Tab Tab Tab Enter
ui_check "a passphrase is asked" "A passphrase to encrypt the key"
ui_type "$MARK"
ui_keys Enter
ui_check "twice" "The same passphrase again"
ui_type "$MARK"
ui_keys Enter
ui_check "the key is made" "Key made:" 60
id=$(ui_last_id)
ui_keys C-q
ui_check "quit asks" "Save and quit"
ui_keys Enter
ui_check_exit 0 "the wizard ends"
grep -q "ENCRYPTED PRIVATE KEY" "$apps_dir/$id/key.pem"
ok $? "the key is encrypted"
wiped "no freed block held the passphrase"

# --- a private key pasted as the CSR ------------------------------------------
# (The first draft goes, so that the start screen offers a new one.)
run delete "$id" --yes
expect_rc 0 "the first draft is deleted"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -out "$TEST_TMP/key.pem" 2>/dev/null
python3 - "$TEST_TMP/key.pem" "$MARK" <<'PY'
import sys
p, m = sys.argv[1], sys.argv[2]
lines = open(p).read().split("\n")
lines[1] = m + lines[1][len(m):]
open(p, "w").write("\n".join(lines))
PY
ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_keys Down Enter
ui_check "standard: the kind question" "Which kind of"
ui_keys Enter
ui_check "standard: domains" "Type a name and press Enter"
ui_type "example.com"
ui_keys Enter
ui_check "a name" "1. example.com"
ui_keys Tab Tab Enter
ui_check "applicant" "Email *"
ui_type "Zhao Liu"
ui_keys Tab
ui_type "+86 139 0000 0000"
ui_keys Tab
ui_type "zl@example.com"
ui_keys Tab Tab Tab Enter
ui_check "the CSR screen" "> Generate here"
ui_keys Down Down Enter
ui_check "manual mode" "[ Paste the CSR ]"
ui_keys Enter
ui_check "the paste box" "Esc: cancel."
tm load-buffer "$TEST_TMP/key.pem"
tm paste-buffer -p -t w
ui_check "the private key is refused" "private key"
id=$(ui_last_id)
ui_keys C-q
ui_check "quit asks" "Save and quit"
ui_keys Enter
ui_check_exit 0 "the wizard ends"
! grep -q "$MARK" "$apps_dir/$id/application.json"
ok $? "the key is not in the record"
wiped "no freed block held the pasted private key"

done_testing
