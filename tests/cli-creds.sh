#!/bin/sh
# Credentials without a stored AccessKey, through the real binary: the ECS
# instance RAM role (a metadata server started here: hardened and plain
# modes, role listing, a 404 role, refresh before expiry, a hung or absent
# service, the switches) and a RAM role ARN (an STS server started here:
# the session name and duration from the profile, a refusal). The API
# test server accepts only temporary tokens that were handed out and have
# not expired; no secret or token is ever printed.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
KEY_ID=STS.CredsTest01
SECRET='CanaryTempSecret-41d7'
SRC_ID=LTAI5tSourceKey01
SRC_SECRET='CanarySourceSecret-93ab'
CAS_SERVER_ARGS="--token-file $TEST_TMP/token"
. "$top_srcdir/tests/cas-lib.sh"
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET
: > "$T/token"
start_server good

mkdir -p "$HOME/.config/certwiz" "$HOME/.aliyun" "$HOME/.alibabacloud"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
printf '{"type": "free", "domains": ["www.mysite.cn"], "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}, "csr": {"mode": "auto"}, "validation": {"method": "dns"}}' \
	> "$T/auto.json"
log="$T/output"
: > "$log"
capture() { printf '%s\n%s\n' "$out" "$err" >> "$log"; }

# --- the metadata server ------------------------------------------------------
md_pid=""
stop_md() {
	if [ -n "$md_pid" ]; then
		kill "$md_pid" 2>/dev/null
		wait "$md_pid" 2>/dev/null
		md_pid=""
	fi
}
at_cleanup stop_md
wait_port() {	# wait_port FILE PID
	i=0
	while [ ! -s "$1" ] && [ $i -lt 300 ]; do
		kill -0 "$2" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$1" ] || { echo "Bail out! a credentials test server did not start"; exit 1; }
}
start_md() {	# start_md [OPTIONS...]
	stop_md
	rm -f "$T/md.port"
	python3 "$top_srcdir/tests/creds-server.py" metadata \
		--port-file "$T/md.port" --role certwiz-role --key-id "$KEY_ID" \
		--secret "$SECRET" --token-file "$T/token" "$@" \
		2>"$T/md.err" &
	md_pid=$!
	wait_port "$T/md.port" "$md_pid"
	export CERTWIZ_ECS_METADATA_URL="http://127.0.0.1:$(cat "$T/md.port")"
}
md_stat() {	# md_stat NAME: how many requests of that kind
	python3 -c 'import json,sys,urllib.request
print(json.load(urllib.request.build_opener(urllib.request.ProxyHandler({})).open(sys.argv[1] + "/_stats", timeout=30)).get(sys.argv[2], 0))' \
		"$CERTWIZ_ECS_METADATA_URL" "$1"
}

# EcsRamRole profile of the aliyun CLI, hardened mode.
start_md --mode hardened
printf '{"current": "ecs", "profiles": [{"name": "ecs", "mode": "EcsRamRole", "ram_role_name": "certwiz-role", "region_id": "cn-hangzhou"}]}\n' \
	> "$HOME/.aliyun/config.json"
chmod 600 "$HOME/.aliyun/config.json"
run apply --answers "$T/auto.json"
expect_rc 0 "an application submits with an EcsRamRole profile"
capture
[ "$(md_stat token)" -ge 1 ] && [ "$(md_stat plain)" -eq 0 ]
ok $? "the hardened token request was made, no plain request"
[ "$(md_stat list)" -eq 0 ]
ok $? "the named role was asked for directly"
# The metadata service is never asked through a proxy (which would see
# the credentials): a dead one changes nothing.
export http_proxy=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9
run apply --answers "$T/auto.json"
unset http_proxy HTTP_PROXY
expect_rc 0 "the metadata service is asked directly, never through a proxy"
capture
run account --json
expect_rc 0 "certwiz account with the instance role"
capture
printf '%s' "$out" | python3 -c 'import json,sys
j = json.load(sys.stdin)["credentials"]
assert j["kind"] == "ecs_ram_role" and j["expires"] and "\"ecs\"" in j["source"] and j["role"] == "certwiz-role", j'
ok $? "says it is the instance role, which, from which profile, and when it expires"

# The INI file's ecs_ram_role without a name: the attached role is listed.
rm -f "$HOME/.aliyun/config.json"
printf '[default]\ntype = ecs_ram_role\n' > "$HOME/.alibabacloud/credentials"
chmod 600 "$HOME/.alibabacloud/credentials"
run apply --answers "$T/auto.json"
expect_rc 0 "an application submits with type = ecs_ram_role"
capture
[ "$(md_stat list)" -ge 1 ]
ok $? "the attached role was found by listing"
rm -f "$HOME/.alibabacloud/credentials"

# ALIBABA_CLOUD_ECS_METADATA names the role.
ALIBABA_CLOUD_ECS_METADATA=certwiz-role
export ALIBABA_CLOUD_ECS_METADATA
run apply --answers "$T/auto.json"
expect_rc 0 "an application submits with ALIBABA_CLOUD_ECS_METADATA"
capture

# Expiry: credentials that expire within the margin are fetched again
# before each request (the metadata server counts the fetches).
start_md --mode hardened --ttl 60
run apply --answers "$T/auto.json"
expect_rc 0 "credentials near expiry are renewed during the session"
capture
n=$(md_stat credentials)
[ "$n" -ge 3 ]
ok $? "fetched again before the requests ($n fetches)"
# Long-lived ones are fetched once.
start_md --mode hardened --ttl 3600
run apply --answers "$T/auto.json"
expect_rc 0 "credentials far from expiry"
[ "$(md_stat credentials)" -eq 1 ]
ok $? "are fetched once"

# A role the instance does not have: 404.
ALIBABA_CLOUD_ECS_METADATA=no-such-role
run apply --answers "$T/auto.json"
ALIBABA_CLOUD_ECS_METADATA=certwiz-role
expect_rc 3 "a role the instance does not have"
has 'no RAM role named "no-such-role"' "$err" "says which role is missing"
capture

# The plain mode of an older service, and the switch that forbids it.
start_md --mode plain
run apply --answers "$T/auto.json"
expect_rc 0 "an application submits over the plain mode"
capture
[ "$(md_stat plain)" -ge 1 ]
ok $? "the plain request was made after the token was refused"
export ALIBABA_CLOUD_IMDSV1_DISABLED=true
run apply --answers "$T/auto.json"
unset ALIBABA_CLOUD_IMDSV1_DISABLED
expect_rc 3 "ALIBABA_CLOUD_IMDSV1_DISABLED forbids the plain mode"
has "ALIBABA_CLOUD_IMDSV1_DISABLED" "$err" "and says so"
export ALIBABA_CLOUD_ECS_METADATA_DISABLED=true
run apply --answers "$T/auto.json"
unset ALIBABA_CLOUD_ECS_METADATA_DISABLED
expect_rc 3 "ALIBABA_CLOUD_ECS_METADATA_DISABLED turns the source off"
has "ALIBABA_CLOUD_ECS_METADATA_DISABLED" "$err" "and says so"

# A hung service: a short timeout, an error (the server waits 60 s).
start_md --mode hardened --delay 60
timeout 50 "$CERTWIZ" apply --answers "$T/auto.json" >"$T/o" 2>"$T/e"
rc=$?
[ "$rc" -eq 3 ]
ok $? "a metadata service that does not answer is an error (exit $rc)"
has "did not answer" "$(cat "$T/e")" "saying the service did not answer"
# No service at all (the port of the stopped server).
port=$(cat "$T/md.port")
stop_md
CERTWIZ_ECS_METADATA_URL="http://127.0.0.1:$port"
run apply --answers "$T/auto.json"
expect_rc 3 "no metadata service"
has "not running on an ECS instance" "$err" "says what that means"
unset ALIBABA_CLOUD_ECS_METADATA CERTWIZ_ECS_METADATA_URL

# --- RAM role ARN: STS AssumeRole ----------------------------------------------
sts_pid=""
stop_sts() {
	if [ -n "$sts_pid" ]; then
		kill "$sts_pid" 2>/dev/null
		wait "$sts_pid" 2>/dev/null
		sts_pid=""
	fi
}
at_cleanup stop_sts
ARN='acs:ram::1234567890123456:role/certwiz'
python3 "$top_srcdir/tests/creds-server.py" sts --cert "$T/good.pem" \
	--key "$T/good.key" --port-file "$T/sts.port" --src-key-id "$SRC_ID" \
	--src-secret "$SRC_SECRET" --role-arn "$ARN" --key-id "$KEY_ID" \
	--secret "$SECRET" --token-file "$T/token" 2>"$T/sts.err" &
sts_pid=$!
wait_port "$T/sts.port" "$sts_pid"
export CERTWIZ_STS_ENDPOINT="https://127.0.0.1:$(cat "$T/sts.port")"
sts_last() {
	python3 -c 'import json,ssl,sys,urllib.request
c = ssl.create_default_context(cafile=sys.argv[2])
o = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=c))
print(json.load(o.open(sys.argv[1] + "/_stats", timeout=30))["last"].get(sys.argv[3]))' \
		"$CERTWIZ_STS_ENDPOINT" "$T/ca.pem" "$1"
}
printf '{"current": "role", "profiles": [{"name": "role", "mode": "RamRoleArn", "access_key_id": "%s", "access_key_secret": "%s", "ram_role_arn": "%s", "ram_session_name": "certwiz-test", "expired_seconds": 1800}]}\n' \
	"$SRC_ID" "$SRC_SECRET" "$ARN" > "$HOME/.aliyun/config.json"
run apply --answers "$T/auto.json"
expect_rc 0 "an application submits with a RamRoleArn profile"
capture
[ "$(sts_last RoleSessionName)" = certwiz-test ] &&
	[ "$(sts_last DurationSeconds)" = 1800 ]
ok $? "the session name and duration come from the profile"
run account
expect_rc 0 "certwiz account with the role ARN"
capture
has "RAM role ARN (STS AssumeRole)" "$out" "names the kind"
has "Role:         $ARN" "$out" "and the role"
has "LTAI5t****ey01" "$out" "and the source AccessKey ID, masked"

rm -f "$HOME/.aliyun/config.json"
printf '[default]\ntype = ram_role_arn\naccess_key_id = %s\naccess_key_secret = %s\nrole_arn = %s\nrole_session_name = ini-session\npolicy = {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "yundun-cert:*", "Resource": "*"}]}\n' \
	"$SRC_ID" "$SRC_SECRET" "$ARN" > "$HOME/.alibabacloud/credentials"
chmod 600 "$HOME/.alibabacloud/credentials"
run apply --answers "$T/auto.json"
expect_rc 0 "an application submits with type = ram_role_arn"
capture
[ "$(sts_last RoleSessionName)" = ini-session ] &&
	sts_last Policy | grep -q '"yundun-cert:\*"'
ok $? "with the INI file's session name and policy"

# STS refuses: the source user may not assume that role.
printf '{"current": "role", "profiles": [{"name": "role", "mode": "RamRoleArn", "access_key_id": "%s", "access_key_secret": "%s", "ram_role_arn": "acs:ram::1234567890123456:role/other", "ram_session_name": "certwiz-test"}]}\n' \
	"$SRC_ID" "$SRC_SECRET" > "$HOME/.aliyun/config.json"
run apply --answers "$T/auto.json"
expect_rc 3 "an AssumeRole refusal"
has "NoPermission" "$err" "names the code"
has "sts:AssumeRole" "$err" "and says what to grant"
capture

# No secret, source secret or temporary token in anything printed.
leaks=""
for s in "$SECRET" "$SRC_SECRET" CAIS; do
	grep -qF -- "$s" "$log" && leaks="$leaks $s"
done
[ -z "$leaks" ]
ok $? "no secret or token in any output"
[ -z "$leaks" ] || diag "found:$leaks"
done_testing
