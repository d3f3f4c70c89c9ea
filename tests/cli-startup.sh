#!/bin/sh
# Start-up without the network, document and crypto libraries: libcurl is
# loaded by src/http.c on the first request, libmagic, libjpeg and zlib by
# src/document.c on the first document check, libcrypto by src/cryptolib.c
# on the first OpenSSL call, never at start. Asserted on
# real runs through the dynamic loader's trace (LD_DEBUG=libs) and the
# wizard's /proc/PID/maps; a request or a check still loads them and
# works; a missing library is a clear error, in the wizard too.
. "$top_srcdir/tests/lib.sh"
# The fault shim (LD_PRELOAD) comes before ASan's runtime in a sanitizer
# build; it only wraps write, mkstemp, fsync and dlopen, not the allocator.
ASAN_OPTIONS="verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export ASAN_OPTIONS

if ! command -v python3 >/dev/null 2>&1 || ! command -v openssl >/dev/null 2>&1
then
	echo "1..0 # SKIP python3 and openssl are needed"
	exit 0
fi

# loaded ARGS...: certwiz ARGS with the loader's trace; $loaded is the
# trace (every library opened), $rc the exit status. Not run under
# CERTWIZ_WRAPPER: a checker would load libraries of its own.
loaded() {
	rm -f "$TEST_TMP"/ld.*
	LD_DEBUG=libs LD_DEBUG_OUTPUT="$TEST_TMP/ld" "$CERTWIZ" "$@" \
	    >"$TEST_TMP/stdout" 2>"$TEST_TMP/stderr" </dev/null
	rc=$?
	out=$(cat "$TEST_TMP/stdout")
	err=$(cat "$TEST_TMP/stderr")
	loaded=$(cat "$TEST_TMP"/ld.* 2>/dev/null)
}

# --- commands that make no request -------------------------------------------
loaded --version
expect_rc 0 "--version"
has "libjansson.so" "$loaded" "the loader's trace is read (it names jansson)"
lacks "libcurl" "$loaded" "--version does not load libcurl"
lacks "libcrypto" "$loaded" "--version does not load libcrypto"
lacks "libformw" "$loaded" "--version does not load libformw"
lacks "libpanelw" "$loaded" "--version does not load libpanelw"
loaded --help
lacks "libcurl" "$loaded" "--help does not load libcurl"
lacks "libcrypto" "$loaded" "--help does not load libcrypto"
loaded types
expect_rc 0 "types"
lacks "libcurl" "$loaded" "types does not load libcurl"
lacks "libcrypto" "$loaded" "types does not load libcrypto"
loaded list
expect_rc 0 "list"
lacks "libcurl" "$loaded" "list does not load libcurl"
lacks "libcrypto" "$loaded" "list does not load libcrypto"
loaded check domain www.example.com
expect_rc 0 "check domain"
lacks "libcurl" "$loaded" "check domain does not load libcurl"
lacks "libcrypto" "$loaded" "check domain does not load libcrypto"
cat > "$TEST_TMP/free.json" <<JSON
{"type": "free", "domains": ["www.mysite.cn"],
 "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"},
 "csr": {"mode": "auto"}, "validation": {"method": "dns"}}
JSON
loaded apply --answers "$TEST_TMP/free.json" --dry-run --backend cas
expect_rc 0 "apply --dry-run"
lacks "libcurl" "$loaded" "apply --dry-run (even with --backend cas) does not load libcurl"
lacks "libcrypto" "$loaded" "nor libcrypto"

# --- libidn2 and libpsl: loaded by the first domain check ---------------------
# libpsl brings libidn2 and libunistring; src/domain.c loads them.
domlibs="libidn2 libpsl libunistring"
for a in --version --help types list; do
	loaded $a
	for l in $domlibs; do
		lacks "$l" "$loaded" "$a does not load $l"
	done
done
loaded check domain 例子.中国 www.mysite.cn
expect_rc 0 "check domain still works"
has "xn--fsqu00a.xn--fiqs8s" "$out" "and converts an IDN with libidn2"
has "libidn2.so.0" "$loaded" "check domain loads libidn2"
has "libpsl.so.5" "$loaded" "and libpsl"
loaded check domain com.cn
expect_rc 1 "a public suffix is still refused (libpsl's list)"
# nodom LIB PACKAGE: check domain when dlopen of LIB fails.
nodom() {
	rc=0
	out=$(env LD_PRELOAD="$FAULTSHIM" CERTWIZ_FAULT=nolib \
	    CERTWIZ_FAULT_MATCH="$1" "$CERTWIZ" check domain www.mysite.cn \
	    2>"$TEST_TMP/stderr" </dev/null) || rc=$?
	err=$(cat "$TEST_TMP/stderr")
	expect_rc 3 "check domain without $1 is a failure, not a refusal"
	has "checking domain names needs $1, which cannot be loaded" "$err" \
	    "it says $1 is missing, in the loader's one format"
	has "(install the Debian package $2)" "$err" "and names the Debian package $2"
	lacks "www.mysite.cn" "$out" "and judges no name"
}
nodom libidn2.so.0 libidn2-0
nodom libpsl.so.5 libpsl5
rc=0
out=$(env LD_PRELOAD="$FAULTSHIM" CERTWIZ_FAULT=nolib \
    CERTWIZ_FAULT_MATCH=libpsl "$CERTWIZ" apply --answers "$TEST_TMP/free.json" \
    --dry-run 2>"$TEST_TMP/stderr") || rc=$?
err=$(cat "$TEST_TMP/stderr")
expect_rc 3 "apply --answers without libpsl is a failure, not a refusal"
has "install the Debian package libpsl5" "$err" "and names the Debian package"
out=$(env LD_PRELOAD="$FAULTSHIM" CERTWIZ_FAULT=nolib \
    CERTWIZ_FAULT_MATCH=libidn2 "$CERTWIZ" --version 2>&1)
ok $? "--version runs without libidn2"

# --- libcrypto: loaded by the first OpenSSL call ------------------------------
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout /dev/null -subj "/CN=www.mysite.cn" \
    -addext "subjectAltName=DNS:www.mysite.cn" -out "$TEST_TMP/ec.csr" \
    2>/dev/null
loaded check csr "$TEST_TMP/ec.csr"
expect_rc 0 "check csr still works"
has "Acceptable" "$out" "and accepts the CSR"
has "libcrypto.so.3" "$loaded" "check csr loads libcrypto"
# nocrypto ARGS...: certwiz ARGS when dlopen of libcrypto fails.
nocrypto() {
	rc=0
	out=$(env LD_PRELOAD="$FAULTSHIM" CERTWIZ_FAULT=nolib \
	    CERTWIZ_FAULT_MATCH=libcrypto "$CERTWIZ" "$@" \
	    2>"$TEST_TMP/stderr" </dev/null) || rc=$?
	err=$(cat "$TEST_TMP/stderr")
}
nocrypto check csr "$TEST_TMP/ec.csr"
expect_rc 3 "check csr without libcrypto is a failure, not a refusal"
has "needs libcrypto.so.3, which cannot be loaded" "$err" "it says libcrypto is missing"
has "(install the Debian package libssl3)" "$err" "and names the Debian package libssl3"
lacks "Acceptable" "$out" "and judges nothing"
nocrypto --version
expect_rc 0 "--version runs without libcrypto"
nocrypto check domain www.mysite.cn
expect_rc 0 "check domain runs without libcrypto"
# A key made here needs it: the draft is kept, nothing half written.
cat > "$TEST_TMP/gen.json" <<JSON
{"type": "free", "domains": ["www.mysite.cn"],
 "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"},
 "csr": {"mode": "generate", "key_type": "ec-p256"}, "validation": {"method": "dns"}}
JSON
nocrypto apply --answers "$TEST_TMP/gen.json" --backend local
expect_rc 3 "apply with a key made here, without libcrypto, is a failure"
has "install the Debian package libssl3" "$err" "naming the Debian package"
has "kept as draft" "$err" "and keeps the draft"
apps="$HOME/.local/share/certwiz/applications"
[ -z "$(find "$apps" -name 'key.pem' 2>/dev/null)" ]
ok $? "no key file is written"
rm -rf "$apps"

# --- the document libraries: loaded by the first check ---------------------------
# libmagic (with liblzma and libbz2 behind it), libjpeg and zlib are loaded
# by src/document.c on the first document check, never at start.
doclibs="libmagic libjpeg libz.so liblzma libbz2"
loaded --version
for l in $doclibs; do
	lacks "$l" "$loaded" "--version does not load $l"
done
loaded types
for l in $doclibs; do
	lacks "$l" "$loaded" "types does not load $l"
done
img="$TEST_TMP/img"
if ! python3 "$top_srcdir/tests/doc-images.py" "$img" >/dev/null; then
	echo "Bail out! cannot make the test images"
	exit 1
fi
loaded check upload "$img/palette.png"
expect_rc 0 "check upload of a PNG still works"
has "palette.png: ok: PNG image, 40x30 pixels" "$out" "and says so"
has "libmagic.so.1" "$loaded" "the check loads libmagic"
has "libz.so.1" "$loaded" "and zlib"
if [ -f "$img/baseline.jpg" ]; then
	loaded check upload "$img/baseline.jpg"
	expect_rc 0 "check upload of a JPEG still works"
	has "baseline.jpg: ok: JPEG image, 64x48 pixels" "$out" "and says so"
	has "libjpeg.so.62" "$loaded" "the check loads libjpeg"
	loaded check upload "$img/cut-eoi.jpg"
	expect_rc 1 "a JPEG that does not decode is still refused"
	has "does not decode cleanly" "$err" "by the decoder"
else
	skip "JPEG checks need ImageMagick's convert (apt-get install imagemagick)"
fi
# nolib NAME PACKAGE: check upload when dlopen of NAME fails.
nolib() {
	rc=0
	out=$(env LD_PRELOAD="$FAULTSHIM" CERTWIZ_FAULT=nolib \
	    CERTWIZ_FAULT_MATCH="$1" "$CERTWIZ" check upload \
	    "$img/palette.png" 2>"$TEST_TMP/stderr") || rc=$?
	err=$(cat "$TEST_TMP/stderr")
	expect_rc 3 "check upload without $1 is a failure, not a crash"
	has "checking documents needs $1, which cannot be loaded" "$err" \
	    "it says $1 is missing, in the loader's one format"
	has "(install the Debian package $2)" "$err" "and names the Debian package $2"
	lacks "palette.png: ok" "$out" "and accepts no file"
}
nolib libmagic.so.1 libmagic1
nolib libjpeg.so.62 libjpeg62-turbo
nolib libz.so.1 zlib1g
# Batch mode with a document: the same failure, and nothing is written.
pem=$(python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))' <<PEM
$(openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout /dev/null -subj "/CN=example.com" \
    -addext "subjectAltName=DNS:example.com" 2>/dev/null)
PEM
)
cat > "$TEST_TMP/pro.json" <<JSON
{"type": "professional", "domains": ["example.com"],
 "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000", "email": "admin@example.com"},
 "company": {"name": "Example Technology Co., Ltd.", "type": "private",
   "phone": "+86 571 8888 6666", "org_id": "91330100MA2CXP1A3P",
   "country": "CN", "province": "Zhejiang", "city": "Hangzhou",
   "address": "969 West Wenyi Road", "zip": "310000"},
 "csr": {"mode": "manual", "pem": $pem},
 "validation": {"method": "dns"},
 "documents": [{"path": "$img/palette.png"}]}
JSON
loaded apply --answers "$TEST_TMP/pro.json" --dry-run
expect_rc 0 "apply --dry-run with a document checks it"
has "libmagic.so.1" "$loaded" "and loads libmagic for it"
rc=0
out=$(env LD_PRELOAD="$FAULTSHIM" CERTWIZ_FAULT=nolib \
    CERTWIZ_FAULT_MATCH=libmagic "$CERTWIZ" apply --answers \
    "$TEST_TMP/pro.json" --backend local 2>"$TEST_TMP/stderr") || rc=$?
err=$(cat "$TEST_TMP/stderr")
expect_rc 3 "apply --answers without libmagic is a failure, not a refusal"
has "install the Debian package libmagic1" "$err" "and names the Debian package"
[ ! -d "$HOME/.local/share/certwiz/applications" ] ||
    [ -z "$(ls "$HOME/.local/share/certwiz/applications")" ]
ok $? "and writes no application"
out=$(env LD_PRELOAD="$FAULTSHIM" CERTWIZ_FAULT=nolib \
    CERTWIZ_FAULT_MATCH=libmagic "$CERTWIZ" --version 2>&1)
ok $? "--version runs without libmagic"

# --- the DNS libraries: loaded by the first lookup ---------------------------
# libunbound (src/dns.c) for every lookup, libldns for a resolver's AD bit.
dnslibs="libunbound libldns"
for a in --version --help types list "check domain www.mysite.cn"; do
	loaded $a
	for l in $dnslibs; do
		lacks "$l" "$loaded" "$a does not load $l"
	done
done
# Without libunbound: a failure of the check (exit 3), before any lookup
# (port 9 of the loopback: nothing is asked of it).
rc=0
out=$(env LD_PRELOAD="$FAULTSHIM" CERTWIZ_FAULT=nolib \
    CERTWIZ_FAULT_MATCH=libunbound "$CERTWIZ" check caa www.mysite.cn \
    --resolver 127.0.0.1:9 2>"$TEST_TMP/stderr" </dev/null) || rc=$?
err=$(cat "$TEST_TMP/stderr")
expect_rc 3 "check caa without libunbound is a failure, not a crash"
has "looking names up in the DNS needs libunbound.so.8, which cannot be loaded" \
    "$err" "it says libunbound is missing, in the loader's one format"
has "(install the Debian package libunbound8)" "$err" \
    "and names the Debian package libunbound8"
lacks "did not answer" "$err" "and asks no server"

# --- a request loads it, and works ---------------------------------------------
. "$top_srcdir/tests/cas-lib.sh"
mkapp() {	# mkapp ID: a ready free application, CA-made key
	mkdir -p "$apps/$1"
	chmod 700 "$apps/$1"
	cat > "$apps/$1/application.json" <<JSON
{"version": 1, "id": "$1", "state": "ready", "type": "free",
 "created": "2026-11-29T10:00:00Z", "updated": "2026-11-29T10:00:00Z",
 "domains": ["www.mysite.cn"],
 "applicant": {"name": "Li Lei", "phone": "+86 138 0013 8000",
               "email": "li.lei@example.com"},
 "csr": {"mode": "auto"}, "validation": {"method": "dns"}, "documents": []}
JSON
	chmod 600 "$apps/$1/application.json"
}
state_of() { python3 -c "import json; print(json.load(open('$apps/$1/application.json'))['state'])"; }

start_server good
mkapp aaaa-0001
loaded submit aaaa-0001 --backend cas --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "submit to the test server"
has "libcurl.so.4" "$loaded" "the request loads libcurl"
has "libcrypto.so.3" "$loaded" "and libcrypto (the request is signed)"
has "_dnsauth.www.mysite.cn" "$out" "and the answer is shown"
loaded status aaaa-0001 --endpoint "$endpoint" --cacert "$T/ca.pem"
expect_rc 0 "status asks the server"
has "libcurl.so.4" "$loaded" "status loads libcurl too"

# --- no libcurl at that moment ----------------------------------------------------
mkapp aaaa-0002
rc=0
out=$(env LD_PRELOAD="$FAULTSHIM" CERTWIZ_FAULT=nolib \
    CERTWIZ_FAULT_MATCH=libcurl "$CERTWIZ" submit aaaa-0002 --backend cas \
    --endpoint "$endpoint" --cacert "$T/ca.pem" 2>"$TEST_TMP/stderr") || rc=$?
err=$(cat "$TEST_TMP/stderr")
expect_rc 3 "submit without libcurl is a failure of the backend, not a crash"
has "talking to the CA needs libcurl.so.4, which cannot be loaded" "$err" \
    "it says libcurl is missing, in the loader's one format"
has "(install the Debian package libcurl4)" "$err" "and names the Debian package"
[ "$(state_of aaaa-0002)" = ready ]
ok $? "the application stays ready"
out=$(env LD_PRELOAD="$FAULTSHIM" CERTWIZ_FAULT=nolib \
    CERTWIZ_FAULT_MATCH=libcurl "$CERTWIZ" --version 2>&1)
ok $? "--version runs without libcurl"

# --- no libcrypto at that moment ----------------------------------------------
nocrypto submit aaaa-0002 --backend cas --endpoint "$endpoint" \
    --cacert "$T/ca.pem"
expect_rc 3 "submit without libcrypto is a failure of the backend, not a crash"
has "install the Debian package libssl3" "$err" "and names the Debian package"
[ "$(state_of aaaa-0002)" = ready ]
ok $? "the application stays ready"

# --- the wizard's first screen ----------------------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
	skip "the wizard's first screen needs tmux"
	done_testing
	exit $?
fi
. "$top_srcdir/tests/ui/tmux.sh"
# Even with the cas backend chosen in the config file.
mkdir -p "$HOME/.config/certwiz"
printf 'backend = cas\nendpoint = %s\ncacert = %s\n' "$endpoint" \
    "$T/ca.pem" > "$HOME/.config/certwiz/config"
rm -rf "$apps"
ui_start
ui_check "the start screen shows" "What would you like to do?"
pid=$(ui_pid)
maps=$(cat "/proc/$pid/maps" 2>/dev/null)
has "libncursesw" "$maps" "the wizard's maps are read (they name ncurses)"
lacks "libcurl" "$maps" "the first screen does not map libcurl"
lacks "libcrypto" "$maps" "the first screen does not map libcrypto"
for l in $domlibs; do
	lacks "$l" "$maps" "the first screen does not map $l"
done
for l in $doclibs; do
	lacks "$l" "$maps" "the first screen does not map $l"
done
for l in $dnslibs; do
	lacks "$l" "$maps" "the first screen does not map $l"
done
# The first screen is a menu: the form and panel libraries come later
# (ui/curseslib.c).
lacks "libformw" "$maps" "the first screen does not map libformw"
lacks "libpanelw" "$maps" "the first screen does not map libpanelw"
# The type screen asks the CA for the quota: libcurl is loaded then.
ui_keys Enter
ui_check "New application opens the type screen" "Which certificate did you buy?"
i=0
until grep -q libcurl "/proc/$pid/maps" 2>/dev/null || [ $i -ge 200 ]; do
	sleep 0.1
	i=$((i + 1))
done
grep -q libcurl "/proc/$pid/maps" 2>/dev/null
ok $? "the quota request loads libcurl in the wizard"
i=0
until grep -q libcrypto "/proc/$pid/maps" 2>/dev/null || [ $i -ge 200 ]; do
	sleep 0.1
	i=$((i + 1))
done
grep -q libcrypto "/proc/$pid/maps" 2>/dev/null
ok $? "and libcrypto, to sign it"

# The next screens have form fields: libformw is loaded then, and works.
ui_keys Enter
ui_check "choosing a type opens the domains form" "Type a name and press Enter"
ui_type "www.mysite.cn"
ui_keys Enter
ui_check "the form takes a name" "1. www.mysite.cn"
grep -q libformw "/proc/$pid/maps" 2>/dev/null
ok $? "the forms load libformw"

# Without libformw the wizard stops at the first screen with form fields
# (the type screen), terminal restored,
# naming the library and the Debian package (exit 3).
rm -rf "$apps"
UI_ENV="LD_PRELOAD='$FAULTSHIM' CERTWIZ_FAULT=nolib CERTWIZ_FAULT_MATCH=libformw"
ui_start
ui_check "without libformw: the start screen shows" "What would you like to do?"
ui_keys Enter
ui_check "the next screen (it has form fields) ends the wizard with exit 3" \
    "certwiz-exit=3"
# The message may have scrolled: read it with the scrollback.
has "needs libformw.so.6" "$(ui_history)" "saying libformw is missing"
has "package libncursesw6)" "$(ui_history)" "and naming the Debian package"
ui_check "the terminal is restored" "icanon"
UI_ENV=
# Without libpanelw the same, at the first box (the tips, F1).
UI_ENV="LD_PRELOAD='$FAULTSHIM' CERTWIZ_FAULT=nolib CERTWIZ_FAULT_MATCH=libpanelw"
ui_start
ui_check "without libpanelw: the start screen shows" "What would you like to do?"
ui_keys F1
ui_check "the tips box ends the wizard with exit 3" "certwiz-exit=3"
# The message may have scrolled: read it with the scrollback.
has "needs libpanelw.so.6" "$(ui_history)" "saying libpanelw is missing"
has "package libncursesw6)" "$(ui_history)" "and naming the Debian package"
UI_ENV=

# Without libcurl the wizard goes on: the quota is only a hint.
rm -rf "$apps"
UI_ENV="LD_PRELOAD='$FAULTSHIM' CERTWIZ_FAULT=nolib CERTWIZ_FAULT_MATCH=libcurl"
ui_start
ui_check "without libcurl: the start screen shows" "What would you like to do?"
ui_keys Enter
ui_check "the type screen says the quota could not be read" \
    "quota could not be read"
ui_keys Down
ui_check "and the wizard still answers keys" "Domains: 1 to 5 names"
pid=$(ui_pid)
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
ok $? "it did not crash"

# Without libcrypto too: the quota request fails, the wizard goes on.
rm -rf "$apps"
UI_ENV="LD_PRELOAD='$FAULTSHIM' CERTWIZ_FAULT=nolib CERTWIZ_FAULT_MATCH=libcrypto"
ui_start
ui_check "without libcrypto: the start screen shows" "What would you like to do?"
ui_keys Enter
ui_check "the type screen says the quota could not be read" \
    "quota could not be read"
ui_keys Down
ui_check "and the wizard still answers keys" "Domains: 1 to 5 names"
pid=$(ui_pid)
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
ok $? "it did not crash"

# Without libmagic the wizard's document step says so and goes on: a
# professional draft (made in batch mode, its documents then taken out),
# resumed and walked to the verification screen.
rm -rf "$apps"
"$CERTWIZ" apply --answers "$TEST_TMP/pro.json" --backend local \
    >/dev/null 2>&1
id=$(ls "$apps" 2>/dev/null | head -n 1)
python3 - "$apps/$id/application.json" <<'PY'
import json, sys
p = sys.argv[1]
j = json.load(open(p))
j["state"] = "draft"
j["documents"] = []
j.pop("backend", None)
json.dump(j, open(p, "w"))
PY
ok $? "a professional draft without documents ($id)"
rm -rf "$apps/$id/documents" "$apps/$id/request.json"
UI_ENV="LD_PRELOAD='$FAULTSHIM' CERTWIZ_FAULT=nolib CERTWIZ_FAULT_MATCH=libmagic"
ui_start resume "$id"
ui_check "without libmagic: the draft resumes" "Step 2 of 7: Domains"
ui_keys Tab Tab Enter
ui_check "applicant" "Step 3 of 7: Applicant"
ui_keys BTab BTab Enter
ui_check "company" "Step 4 of 7: Company"
ui_keys BTab BTab Enter
ui_check "CSR" "The CSR is acceptable."
ui_keys Tab Tab Tab Enter
ui_check "verification" "Documents: 1 required"
ui_keys Tab Enter
ui_check "the path prompt" "Tab completes the name"
ui_type "$img/palette.png"
ui_keys Enter
ui_check "the scan is not added" "was not added"
ui_check "the screen says libmagic is missing" "needs libmagic.so.1"
ui_check "and names the Debian package" "libmagic1)"
pid=$(ui_pid)
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
ok $? "the wizard did not crash"

done_testing
