#!/bin/sh
# Terminal test: "Save as answers file" on the Confirm screen writes a 0600
# file that batch mode accepts and turns into the same application; Submit
# with the local backend (the default) prepares it and the Submitted
# screen says how to send it later.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/ui/tmux.sh"

answers="$TEST_TMP/answers.json"

ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
lacks "quota" "$(ui_screen)" "the local backend has no quota to show"
ui_keys Enter
ui_check "free: domains" "Type a name and press Enter"
ui_type "shop.mysite.cn"
ui_keys Enter
ui_check "the name is in the list" "1. shop.mysite.cn"
ui_keys Tab Tab Enter
ui_check "applicant" "Fields marked * are required."
ui_type "Wang Wu"
ui_keys Tab
ui_type "+86 137 0000 1111"
ui_keys Tab
ui_type "ww@example.com"
ui_keys Tab Tab Tab Enter
ui_check "CSR" "How should the CSR be made?"
ui_keys Up Enter Enter
ui_check "verification" "How will you prove"
ui_keys Tab Enter
ui_check "confirm" "[ Save answers ]"
id=$(ui_last_id)

# --- Save as answers file ---------------------------------------------------
ui_keys Tab Tab Tab Enter
ui_check "the path prompt" "Save as answers file"
ui_check "the usual name is offered" "certwiz-answers-$id.json"
ui_keys C-u
ui_type "$answers"
ui_keys Enter
ui_check "the file is written" "Wrote $answers (mode 0600)"
[ -f "$answers" ]
ok $? "the answers file exists"
[ "$(file_mode "$answers")" = 600 ]
ok $? "it is 0600 ($(file_mode "$answers"))"
lacks "$id" "$(cat "$answers")" "no application id in it"
lacks '"state"' "$(cat "$answers")" "no state in it"
before=$(cat "$answers")

# The same path again: asked first, and left alone on Cancel.
ui_keys Enter
ui_check "the prompt again" "Save as answers file"
ui_keys C-u
ui_type "$answers"
ui_keys Enter
ui_check "an existing file: asked before replacing" "exists. Replace it"
ui_keys Escape
ui_check "nothing written on Esc" "Nothing was written."
[ "$(cat "$answers")" = "$before" ]
ok $? "the file is unchanged"

run apply --answers "$answers" --dry-run
expect_rc 0 "certwiz apply --dry-run accepts the saved answers"

# --- Submit with the local backend --------------------------------------------
ui_keys Tab Enter
ui_check "the Submitted screen" "Prepared here, not sent yet"
ui_check "it says how to send it later" "certwiz submit $id --backend cas"
ui_check "where the files are" "Files: "
ui_check "keep the phone on" "Keep your phone on and watch"
ui_check "the title says prepared, not sent" "$id: prepared, not sent"
ui_wait_gone "$id: submitted"
ok $? "it is never called submitted"
ui_golden submitted
[ "$(ui_json "$id" 'j["state"] + " " + j["backend"]["name"]')" = "prepared local" ]
ok $? "the store has it prepared with the local backend"
run list
has "prepared, not sent" "$out" "certwiz list says prepared"
case "$out" in *submitted*) ok 1 "and not submitted" ;; *) ok 0 "and not submitted" ;; esac
run status "$id"
has "prepared, not sent" "$out" "certwiz status says prepared"
has "certwiz submit $id --backend cas" "$out" "and how to send it"

# --- the answers re-apply to the same application --------------------------------
run apply --answers "$answers" --backend local --json
expect_rc 0 "the saved answers apply"
id2=$(printf '%s\n' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
strip='import json,sys
j=json.load(open(sys.argv[1]))
for k in ("id","created","updated","backend","screen"): j.pop(k,None)
for d in j.get("documents",[]): d.pop("path",None)
print(json.dumps(j,sort_keys=True))'
a=$(python3 -c "$strip" "$apps_dir/$id/application.json")
b=$(python3 -c "$strip" "$apps_dir/$id2/application.json")
[ -n "$a" ] && [ "$a" = "$b" ]
ok $? "the applied application is the wizard's apart from ids, times and backend"
[ "$a" = "$b" ] || diag "wizard:  $a" "applied: $b"

ui_keys Enter
ui_check "Enter goes to the applications" "w withdraw"
ui_keys C-q
ui_check_exit 0 "a prepared application quits without asking"
case "$(tm capture-pane -p -J -S -100 -t w)" in
*"prepared here, not sent. Send it with: certwiz submit $id --backend cas"*)
	ok 0 "and says how to send it" ;;
*) ok 1 "and says how to send it"; ui_history | sed 's/^/# | /' ;;
esac

done_testing
