#!/bin/sh
# certwiz submit killed (SIGTERM, SIGHUP) after the CA received the
# request: the application is left "sending", never half-written, and the
# next submit finds the order instead of sending it again.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
. "$top_srcdir/tests/cas-lib.sh"

start_server good
apps="$HOME/.local/share/certwiz/applications"
n_orders() { ctl '{"op":"orders"}' | json_get "len(j)"; }
state_of() {
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["state"])' \
		"$apps/$1/application.json"
}
applicant='"applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}'

for sig in TERM HUP; do
	printf '{"type": "free", "domains": ["%s.mysite.cn"], %s, "csr": {"mode": "auto"}, "validation": {"method": "dns"}}' \
		"$(echo "$sig" | tr A-Z a-z)" "$applicant" > "$T/a.json"
	run apply --answers "$T/a.json" --backend local --json
	expect_rc 0 "SIG$sig: an application prepared with the local backend"
	id=$(printf '%s' "$out" | json_get 'j["id"]')
	before=$(n_orders)
	ctl '{"op":"fault","action":"CreateCertificateForPackageRequest","kind":"slow","count":1,"delay":90}' >/dev/null
	CERTWIZ_TIMEOUT=120 "$CERTWIZ" submit "$id" --backend cas \
		--endpoint "$endpoint" --cacert "$T/ca.pem" \
		>"$T/out" 2>"$T/err" &
	pid=$!
	i=0
	while [ "$(n_orders)" = "$before" ] && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	[ "$(n_orders)" = $((before + 1)) ]
	ok $? "SIG$sig: the CA has the order while the answer is slow"
	kill -"$sig" "$pid"
	wait "$pid"
	st=$?
	case $sig in TERM) want=143 ;; HUP) want=129 ;; esac
	[ "$st" = "$want" ]
	ok $? "SIG$sig: submit ends with the conventional status ($st)"
	[ "$(state_of "$id")" = sending ]
	ok $? "SIG$sig: the application is left sending"
	ctl '{"op":"clear"}' >/dev/null
	run submit "$id" --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
	expect_rc 0 "SIG$sig: the next submit resolves it"
	[ "$(n_orders)" = $((before + 1)) ]
	ok $? "SIG$sig: still exactly one order at the CA"
	[ "$(state_of "$id")" = awaiting-validation ]
	ok $? "SIG$sig: the application has the order"
done
done_testing
