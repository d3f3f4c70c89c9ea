#!/bin/sh
# Least privilege: docs/certwiz-ram-policy.json allows exactly the
# yundun-cert: actions src/cas-api.c can send, README and certwiz(1) show
# the same list, and the product's whole cas flow (account, apply, status,
# withdraw with the quota returned) works against an API server that
# allows only the policy's actions.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
. "$top_srcdir/tests/cas-lib.sh"
policy="$top_srcdir/docs/certwiz-ram-policy.json"

# The operations the client can send: every action name given to
# cas_call() or order_op() in src/cas-api.c.
code=$(python3 - "$top_srcdir/src/cas-api.c" <<'EOF'
import re, sys
src = open(sys.argv[1]).read()
print(" ".join(sorted(set(re.findall(
    r'\b(?:cas_call|order_op)\s*\(\s*c\s*,\s*"([A-Za-z]+)"', src)))))
EOF
)
pol=$(python3 - "$policy" <<'EOF'
import json, sys
p = json.load(open(sys.argv[1]))
acts = [a for s in p["Statement"] if s["Effect"] == "Allow"
        for a in s["Action"]]
assert all(a.startswith("yundun-cert:") for a in acts), acts
print(" ".join(sorted(a.split(":", 1)[1] for a in acts)))
EOF
)
[ -n "$code" ]
ok $? "the operations of src/cas-api.c are found ($code)"
[ "$code" = "$pol" ]
ok $? "the policy file allows exactly those"
[ "$code" = "$pol" ] || diag "code:   $code" "policy: $pol"

# The README and the man page show the same policy.
for doc in README man/certwiz.1; do
	shown=$(python3 - "$top_srcdir/$doc" <<'EOF'
import re, sys
text = open(sys.argv[1]).read().replace("\\-", "-")
print(" ".join(sorted(set(re.findall(r'yundun-cert:([A-Za-z]+)', text)))))
EOF
)
	[ "$shown" = "$code" ]
	ok $? "$doc shows the same actions"
	[ "$shown" = "$code" ] || diag "$doc: $shown"
done

# Through the product: an API server that allows only the policy.
start_server good
actions=$(python3 -c 'import json,sys
p = json.load(open(sys.argv[1]))
print(json.dumps([a.split(":", 1)[1] for s in p["Statement"] for a in s["Action"]]))' "$policy")
ctl "{\"op\":\"allow_only\",\"actions\":$actions}" >/dev/null
mkdir -p "$HOME/.config/certwiz"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
printf '{"type": "standard", "domains": ["example.com"], "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}, "csr": {"mode": "auto"}, "validation": {"method": "dns"}}' \
	> "$T/std.json"
run account
expect_rc 0 "account passes with only the policy's actions"
run apply --answers "$T/std.json" --json
expect_rc 0 "an application is sent with only the policy's actions"
id=$(printf '%s' "$out" | json_get 'j["id"]')
run status "$id"
expect_rc 0 "its status is read"
run withdraw "$id" --yes
expect_rc 0 "it is withdrawn and its quota returned"
calls=$(ctl '{"op":"requests"}' | json_get '" ".join(sorted(j))')
has "DeleteCertificateRequest" "$calls" "the quota was returned (every call: $calls)"
# The server does refuse an action outside the policy: the test can fail.
ctl '{"op":"allow_only","actions":["DescribePackageState"]}' >/dev/null
run account
expect_rc 3 "without ListUserCertificateOrder, account fails"
has "yundun-cert:ListUserCertificateOrder" "$err" "and names the action"
# A submission refused for want of a permission names that action.
ctl '{"op":"allow_only","actions":["DescribePackageState","ListUserCertificateOrder"]}' >/dev/null
run apply --answers "$T/std.json"
expect_rc 3 "a submission without CreateCertificateForPackageRequest"
has "yundun-cert:CreateCertificateForPackageRequest" "$err" "names the action to add"
done_testing
