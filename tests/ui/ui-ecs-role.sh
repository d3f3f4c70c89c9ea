#!/bin/sh
# Terminal test: the wizard with an ECS instance RAM role (a metadata
# server started here) whose credentials expire within minutes: the Type
# screen's check names the role's credentials, and a whole application is
# submitted while the credentials are fetched again before the requests
# (the API test server accepts only tokens handed out, while unexpired).
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
. "$top_srcdir/tests/ui/tmux.sh"
KEY_ID=STS.UiRoleTest01
SECRET='CanaryUiRoleSecret-2b8c'
CAS_SERVER_ARGS="--token-file $TEST_TMP/token"
. "$top_srcdir/tests/cas-lib.sh"
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET
: > "$T/token"
start_server good

md_pid=""
stop_md() { [ -n "$md_pid" ] && kill "$md_pid" 2>/dev/null; wait "$md_pid" 2>/dev/null; md_pid=""; }
at_cleanup stop_md
python3 "$top_srcdir/tests/creds-server.py" metadata --port-file "$T/md.port" \
	--role certwiz-role --key-id "$KEY_ID" --secret "$SECRET" \
	--token-file "$T/token" --ttl 60 2>"$T/md.err" &
md_pid=$!
i=0
while [ ! -s "$T/md.port" ] && [ $i -lt 300 ]; do
	kill -0 "$md_pid" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
[ -s "$T/md.port" ] || { echo "Bail out! the metadata server did not start"; exit 1; }
md_url="http://127.0.0.1:$(cat "$T/md.port")"
fetches() {
	python3 -c 'import json,sys,urllib.request
print(json.load(urllib.request.build_opener(urllib.request.ProxyHandler({})).open(sys.argv[1] + "/_stats", timeout=30)).get("credentials", 0))' "$md_url"
}

mkdir -p "$HOME/.config/certwiz"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
UI_ENV="ALIBABA_CLOUD_ECS_METADATA=certwiz-role \
    CERTWIZ_ECS_METADATA_URL='$md_url' CERTWIZ_TIMEOUT=30"

ui_start
ui_check "start" "What would you like to do?"
ui_keys Enter
ui_check "type" "Which certificate did you buy?"
ui_check "the check names the instance role's credentials" \
    "Credentials: ECS instance RAM role, accepted by the CA." 30
ui_keys Down Enter
ui_check "standard: the kind question" "Which kind of"
ui_keys Enter
ui_check "standard: domains" "Type a name and press Enter"
ui_type "example.com"
ui_keys Enter
ui_keys Tab Tab Enter
ui_check "applicant" "Fields marked * are required."
ui_type "Li Lei"
ui_keys Tab
ui_type "+86 138 0013 8000"
ui_keys Tab
ui_type "admin@example.com"
ui_keys Tab Tab Tab Enter
ui_check "CSR" "How should the CSR be made?"
ui_keys Up Enter Enter
ui_check "verification" "How will you prove"
ui_keys Tab Enter
ui_check "confirm" "[ Submit ]"
before=$(fetches)
ui_keys Enter
ui_check "submitted with the role's renewed credentials" "_dnsauth" 30
after=$(fetches)
[ "$after" -gt "$before" ]
ok $? "the credentials were fetched again for the submission ($before -> $after)"
ui_keys C-q
ui_check_exit 0 "the wizard ends"
! grep -qF -- "$SECRET" "$T/md.err"
ok $? "nothing leaked to the server's log"
done_testing
