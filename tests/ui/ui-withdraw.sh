#!/bin/sh
# Terminal test: withdraw and reopen from the Applications screen, against
# the test CA API server: a confirmation, then the question about
# returning the quota (DeleteCertificateRequest); a withdrawn order that
# still holds its unit is released before it is reopened as a draft.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
. "$top_srcdir/tests/ui/tmux.sh"
. "$top_srcdir/tests/cas-lib.sh"

start_server good
mkdir -p "$HOME/.config/certwiz"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
UI_ENV="ALIBABA_CLOUD_ACCESS_KEY_ID='$KEY_ID' \
    ALIBABA_CLOUD_ACCESS_KEY_SECRET='$SECRET' CERTWIZ_TIMEOUT=5"
has_order() { ctl '{"op":"orders"}' | json_get "len([o for o in j if o['id']==$1])"; }

# Two applications sent to the CA with batch mode.
for d in a.mysite.cn b.mysite.cn; do
	printf '{"type": "free", "domains": ["%s"], "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}, "csr": {"mode": "auto"}, "validation": {"method": "dns"}}\n' "$d" > "$T/$d.json"
	run apply --answers "$T/$d.json" --json
	expect_rc 0 "$d is submitted to the CA"
	printf '%s\n' "$out" | json_get 'j["id"]' > "$T/$d.id"
done
ida=$(cat "$T/a.mysite.cn.id")
idb=$(cat "$T/b.mysite.cn.id")
oida=$(ui_json "$ida" 'j["backend"]["order_id"]')
oidb=$(ui_json "$idb" 'j["backend"]["order_id"]')

# select ID: highlight that application (both were made in the same
# second or so: their order in the list may be either).
sel_is() { ui_screen | grep -q "> $1"; }
first_row() { ui_line 3 | grep -q '> '; }
select_app() {
	ui_keys Home
	ui_until 3 first_row
	sel_is "$1" || ui_keys Down
	ui_check "$1 is selected" "> $1"
}

ui_start
ui_check "start" "What would you like to do?"
ui_keys Down Enter
ui_check "the applications" "w withdraw"
select_app "$idb"

# b: withdraw, and return the quota at once.
ui_keys w
ui_check "withdrawing asks first" "Withdraw $idb (order $oidb)?"
ui_keys Escape
ui_check "Esc keeps it" "awaiting-validation"
[ "$(ui_json "$idb" 'j["state"]')" = awaiting-validation ]
ok $? "nothing changed"
ui_keys w
ui_check "asked again" "Withdraw $idb (order $oidb)?"
ui_keys w
ui_check "then about the quota" "still holds a unit" 20
ui_keys r
ui_check "the quota is returned" "is returned to your plan" 20
[ "$(ui_json "$idb" 'j["state"]')" = withdrawn ]
ok $? "b is withdrawn"
[ "$(has_order "$oidb")" = 0 ]
ok $? "and its order deleted at the CA"
ui_keys w
ui_check "a withdrawn application is not withdrawn twice" "already withdrawn"

# a: withdraw, keep the order for now.
select_app "$ida"
ui_keys w
ui_check "withdrawing a asks first" "Withdraw $ida (order $oida)?"
ui_keys w
ui_check "the quota question" "still holds a unit" 20
ui_keys k
ui_check "kept: withdrawn, o reopens it" "$ida is withdrawn. o reopens it"
[ "$(ui_json "$ida" 'j["state"] + " " + j["backend"]["status"]')" = "withdrawn cancelled" ] ||
    [ "$(ui_json "$ida" 'j["state"]')" = withdrawn ]
ok $? "a is withdrawn ($(ui_json "$ida" 'j["state"]'))"
[ "$(has_order "$oida")" = 1 ]
ok $? "its order is still at the CA"

# Reopening a offers to return its unit first, then opens it as a draft.
ui_keys o
ui_check "reopen: the quota first" "still holds a unit"
ui_keys r
ui_check "reopened: the draft opens in the wizard" "draft $ida" 20
ui_check "at its domains" "a.mysite.cn"
[ "$(ui_json "$ida" 'j["state"]')" = draft ]
ok $? "a is a draft again"
[ "$(ui_json "$ida" '"backend" in j')" = False ]
ok $? "without the old order"
[ "$(has_order "$oida")" = 0 ]
ok $? "whose unit went back to the plan"

ui_keys C-q
ui_check "quitting a draft offers to save" "Save the draft before leaving?"
ui_keys Enter
ui_check_exit 0 "the wizard ends"

# Without the CA, the Type screen says so in one line and works as ever.
stop_server
ui_start
ui_check "start again" "What would you like to do?"
ui_keys Up Enter
ui_check "the type screen" "Which certificate did you buy?"
ui_check "a one-line note instead of the quota" "The remaining quota could not be read" 20
lacks "Remaining in your plan" "$(ui_screen)" "no quota shown"
ui_keys Down
ui_check "the list still moves" "> standard"
ui_keys Escape
ui_check "Esc still goes back" "What would you like to do?"

done_testing
