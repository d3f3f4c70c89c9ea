#!/bin/sh
# Terminal test: the Welcome screen. Its Resume line shows an
# internationalised name in Unicode with the A-label beside it, as the
# other screens do; back from the Applications list (Esc) it is about no
# application: the step list ticks nothing of the one shown last.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

ui_start_free
ui_type "bücher.de"
ui_keys Enter
ui_check "the name is added" "Added bücher.de"
ui_keys C-s
ui_check "saved" "Draft saved"
draft=$(ui_last_id)
ui_stop

ui_start
ui_check "the draft is offered" "Resume $draft"
ui_check "with its name in Unicode and the A-label beside it" \
    "Resume $draft  free  bücher.de (xn--bcher-kva.de)"
ui_stop

# A prepared application, opened from the list and left with Esc.
cat > "$TEST_TMP/a.json" <<JSON
{"type": "free", "domains": ["www.mysite.cn"],
 "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000",
   "email": "admin@mysite.cn"},
 "csr": {"mode": "auto"}, "validation": {"method": "dns"}}
JSON
run apply --answers "$TEST_TMP/a.json" --json
expect_rc 0 "an application prepared with the local backend"
pid=$(printf "%s\n" "$out" | python3 -c "import json,sys; print(json.load(sys.stdin)[\"id\"])")
ui_start
ui_check "start" "What would you like to do?"
ui_screen | grep -q "\[x\]"
ok $((! $?)) "no step is ticked on Welcome"
ui_keys Down
ui_screen | grep -q "> View all applications" || ui_keys Down
ui_check "on View all applications" "> View all applications"
ui_keys Enter
ui_check "the applications" "w withdraw"
ui_screen | grep -q "> $pid" || ui_keys Down
ui_check "the prepared one is selected" "> $pid"
ui_keys Enter
ui_check "its screen" "Prepared here, not sent yet"
ui_check "ticks its steps" "[x] Domains"
ui_keys Enter
ui_check "Enter: the applications again" "w withdraw"
ui_keys Escape
ui_check "Esc: the Welcome screen" "What would you like to do?"
ui_screen | grep -q "\[x\]"
ok $((! $?)) "with no tick left of the application shown last"
ui_check "and every step to do" "[ ] Domains"

done_testing
