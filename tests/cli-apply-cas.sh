#!/bin/sh
# Batch mode through a real submission: an answers file per type applied
# with the cas backend to the test CA API server.
. "$top_srcdir/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi
. "$top_srcdir/tests/cas-lib.sh"

start_server good
mkdir -p "$HOME/.config/certwiz"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" "$T/ca.pem" \
	> "$HOME/.config/certwiz/config"
python3 "$top_srcdir/tests/doc-images.py" "$T/img" >/dev/null
A="$T/answers"
mkdir -p "$A"
applicant='"applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}'
cat > "$A/free.json" <<JSON
{"type": "free", "domains": ["www.mysite.cn"], $applicant,
 "csr": {"mode": "auto"}, "validation": {"method": "dns"}}
JSON
cat > "$A/standard.json" <<JSON
{"type": "standard", "domains": ["example.com", "www.example.com"], $applicant,
 "csr": {"mode": "generate", "key_type": "ec-p256"},
 "validation": {"method": "file"}}
JSON
cat > "$A/professional.json" <<JSON
{"type": "professional", "domains": ["*.example.com"], $applicant,
 "company": {"name": "Example Technology Co., Ltd.", "type": "private",
   "phone": "+86 571 8888 6666", "org_id": "91330100MA2CXP1A3P",
   "country": "CN", "province": "Zhejiang", "city": "Hangzhou",
   "address": "969 West Wenyi Road", "zip": "310000"},
 "csr": {"mode": "generate", "key_type": "rsa-2048"},
 "validation": {"method": "dns"},
 "documents": ["$T/img/baseline.jpg"]}
JSON
[ -f "$T/img/baseline.jpg" ] || sed -i 's/baseline.jpg/palette.png/' "$A/professional.json"

n=0
for t in free standard professional; do
	run apply --answers "$A/$t.json" --dry-run
	expect_rc 0 "$t: --dry-run"
	run apply --answers "$A/$t.json" --json
	expect_rc 0 "$t: applied and sent to the test CA"
	id=$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
	n=$((n + 1))
	[ "$(ctl '{"op":"orders"}' | json_get 'len(j)')" = "$n" ]
	ok $? "$t: exactly one more order at the CA"
	run status "$id" --json
	expect_rc 0 "$t: status"
	st=$(printf '%s' "$out" | json_get 'j["state"]')
	[ "$st" = awaiting-validation ]
	ok $? "$t: awaiting domain validation ($st)"
done
# A record written before names were normalised still goes out as A-labels.
mkdir -p "$HOME/.local/share/certwiz/applications/idn0-2345"
printf '{"version": 1, "id": "idn0-2345", "state": "ready", "type": "standard", "domains": ["WWW.例子.中国."], %s, "csr": {"mode": "auto"}, "validation": {"method": "dns"}}' \
	"$applicant" > "$HOME/.local/share/certwiz/applications/idn0-2345/application.json"
run submit idn0-2345
expect_rc 0 "an old record with a Unicode name is submitted"
sent=$(ctl '{"op":"orders"}' | json_get "j[-1]['domains'][0]")
[ "$sent" = www.xn--fsqu00a.xn--fiqs8s ]
ok $? "the CA gets the A-label ($sent)"
product=$(ctl '{"op":"orders"}' | json_get "j[2]['product']")
[ "$product" = geotrust-ov-w-personal ]
ok $? "the wildcard OV order used the wildcard product ($product)"
calls=$(ctl '{"op":"requests"}' | json_get "j.get('CreateCompany', 0)")
[ "$calls" = 1 ]
ok $? "the company profile was created once, for the OV type"
done_testing
