#!/bin/sh
# One verdict everywhere: the same lists of names through check domain,
# check csr (with and without --domain), apply --answers and submit, which
# must all agree (DESIGN 3; the kinds of DESIGN 2).
. "$top_srcdir/tests/lib.sh"

if ! command -v openssl >/dev/null 2>&1; then
	echo "1..0 # SKIP the openssl command is not installed"
	exit 0
fi

W="$TEST_TMP/w"
apps="$HOME/.local/share/certwiz/applications"
mkdir -p "$W" "$apps"
python3 "$top_srcdir/tests/doc-images.py" "$W/img" >/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -out "$W/ec.key" 2>/dev/null

applicant='"applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"}'
company='"company": {"name": "Example Technology Co., Ltd.", "type": "private", "phone": "+86 571 8888 6666", "org_id": "91330100MA2CXP1A3P", "country": "CN", "province": "Zhejiang", "city": "Hangzhou", "address": "969 West Wenyi Road", "zip": "310000"}, "documents": [{"path": "'"$W"'/img/palette.png"}]'

n=0
# agree WANT TYPE KIND METHOD NAME...: every path gives exit WANT. With
# nocsr=1 the two check csr paths are left out.
agree() {
	want=$1 type=$2 kind=$3 method=$4
	shift 4
	n=$((n + 1))
	what="$type${kind:+ ($kind)} $*"
	names=$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' "$@")
	kopt= kkey=
	if [ -n "$kind" ]; then
		kopt="--kind $kind"
		kkey="\"kind\": \"$kind\","
	fi

	# shellcheck disable=SC2086
	run check domain --type "$type" $kopt --validation "$method" -- "$@"
	expect_rc "$want" "check domain: $what"

	# A CSR names neither the kind nor the validation method.
	if [ -z "$kind" ] && [ -z "${nocsr:-}" ]; then
		# The CSR carries the names: CN the first, SANs all.
		sans=
		for d in "$@"; do
			case $d in
			*[!0-9.]*) sans="$sans${sans:+,}DNS:$d" ;;
			*) sans="$sans${sans:+,}IP:$d" ;;
			esac
		done
		openssl req -new -key "$W/ec.key" -subj "/CN=$1" \
		    -addext "subjectAltName=$sans" -out "$W/$n.csr" 2>/dev/null
		dopts=
		for d in "$@"; do
			dopts="$dopts --domain $d"
		done
		# shellcheck disable=SC2086
		run check csr --type "$type" $dopts "$W/$n.csr"
		expect_rc "$want" "check csr --domain: $what"
		run check csr --type "$type" "$W/$n.csr"
		expect_rc "$want" "check csr: $what"
	fi

	extra=
	[ "$type" = professional ] && extra="$company,"
	printf '{"type": "%s", %s "domains": %s, %s %s, "csr": {"mode": "auto"}, "validation": {"method": "%s"}}\n' \
	    "$type" "$kkey" "$names" "$extra" "$applicant" "$method" \
	    > "$W/$n.json"
	run apply --answers "$W/$n.json" --dry-run
	expect_rc "$want" "apply --answers: $what"

	id=$(printf 'vrdt-%04d' "$n")
	mkdir -p "$apps/$id"
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); j.update(version=1, id=sys.argv[2], state="draft"); d=j.pop("documents", None); json.dump(j, open(sys.argv[3], "w"))' \
	    "$W/$n.json" "$id" "$apps/$id/application.json"
	if [ "$type" = professional ]; then
		# Documents are copied into the application by apply; here
		# the record names the checked copy as the wizard writes it.
		cp "$W/img/palette.png" "$apps/$id/doc-1.png"
		python3 -c 'import json,sys; p=sys.argv[1]; j=json.load(open(p)); j["documents"]=[{"path": sys.argv[2], "file": "doc-1.png", "mime": "image/png"}]; json.dump(j, open(p, "w"))' \
		    "$apps/$id/application.json" "$W/img/palette.png"
	fi
	chmod 700 "$apps/$id"
	chmod 600 "$apps/$id/application.json"
	run submit "$id" --backend local
	expect_rc "$want" "submit: $what"
}

# The rows of the issue, and the kinds around them.
agree 1 standard "" dns '*.a.com' '*.b.com'
agree 0 standard "" dns a.com b.com
agree 1 free "" dns www.example.com
agree 1 free "" dns credit.mysite.cn
agree 1 free "" dns www.mybank.com
agree 1 free "" dns www.amazon-deals.com
agree 0 free "" dns www.mysite.cn
agree 0 free "" dns mysite.cn www.mysite.cn
agree 1 free "" dns a.mysite.cn b.mysite.cn
agree 0 standard "" dns '*.mysite.cn' mysite.cn
agree 0 standard "" dns mysite.cn '*.mysite.cn'
agree 1 standard "" dns '*.mysite.cn' shop.mysite.cn
agree 1 standard "" dns a.mysite.cn b.mysite.cn c.mysite.cn d.mysite.cn \
    e.mysite.cn f.mysite.cn
agree 0 professional "" file 8.8.8.8
nocsr=1
agree 1 professional "" dns 8.8.8.8
nocsr=
agree 1 standard "" file 8.8.8.8
agree 1 free "" file 8.8.8.8
# The kind named: the answers file's "kind" and --kind.
agree 0 standard multi dns mysite.cn www.mysite.cn
agree 1 standard wildcard dns shop.mysite.cn
agree 1 standard multi dns shop.mysite.cn
agree 1 free wildcard dns shop.mysite.cn

# The applicant's phone is verified by SMS: a mobile, not a landline.
for p in "+86 10 8888 6666" "010-8888 6666" "1380013800" "138001380001"; do
	printf '{"type": "free", "domains": ["www.mysite.cn"], "applicant": {"name": "Li Lei", "phone": "%s", "email": "admin@example.com"}, "csr": {"mode": "auto"}, "validation": {"method": "dns"}}\n' \
	    "$p" > "$W/phone.json"
	run apply --answers "$W/phone.json" --dry-run
	expect_rc 1 "applicant phone $p is refused"
	has "by SMS" "$err" "because the CA sends it a text message"
done
printf '{"type": "free", "domains": ["www.mysite.cn"], "applicant": {"name": "Li Lei", "phone": "+1 415 555 0100", "email": "admin@example.com"}, "csr": {"mode": "auto"}, "validation": {"method": "dns"}}\n' \
    > "$W/phone.json"
run apply --answers "$W/phone.json" --dry-run
expect_rc 0 "another country's number is taken by its length"

# What submit prepared for the CA: one product per kind, each name once.
sent() {
	python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j.get("ProductCode", "-"), j["Domain"])' \
	    "$apps/vrdt-$1/request.json"
}
[ "$(sent 0002)" = "- a.com,b.com" ]
ok $? "two names never go out with a single-domain product ($(sent 0002))"
[ "$(sent 0008)" = "digicert-free-1-free mysite.cn" ]
ok $? "www.X typed beside X is not sent twice ($(sent 0008))"
[ "$(sent 0010)" = "geotrust-dv-w-starter *.mysite.cn" ]
ok $? "the apex typed beside its wildcard is not sent ($(sent 0010))"
[ "$(sent 0011)" = "geotrust-dv-w-starter *.mysite.cn" ]
ok $? "nor when it comes first ($(sent 0011))"
[ "$(sent 0014)" = "geotrust-ov-1-personal 8.8.8.8" ]
ok $? "a public IPv4 goes out with the OV single product ($(sent 0014))"
[ "$(sent 0018)" = "- mysite.cn,www.mysite.cn" ]
ok $? "the multi kind named sends both names ($(sent 0018))"
done_testing
