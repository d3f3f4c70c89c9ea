# Real DNS servers for the verify tests: two Knot DNS servers on
# 127.0.0.2 and 127.0.0.3 (one port, picked free), serving test zones
# signed with a test key by kzonesign; the trust anchor is written to
# $DNS_TA. Usage (after lib.sh): . "$top_srcdir/tests/dns-lib.sh"; dns_start
# Needs knotd and kzonesign (Debian: knot, knot-dnssecutils).

DNS_DIR="$TEST_TMP/dns"
DNS_TA="$DNS_DIR/anchor"
DNS_PORT=""
dns_pids=""

dns_have() {
	command -v knotd >/dev/null 2>&1 && command -v kzonesign >/dev/null 2>&1
}

dns_stop() {
	for p in $dns_pids; do
		kill "$p" 2>/dev/null
	done
	for p in $dns_pids; do
		wait "$p" 2>/dev/null
	done
	dns_pids=""
}

# A port free for UDP and TCP on both addresses.
dns_free_port() {
	python3 - <<'PY'
import socket
for _ in range(200):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.2", 0))
    port = s.getsockname()[1]
    socks = [s]
    try:
        for addr in ("127.0.0.2", "127.0.0.3", "127.0.0.4"):
            for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                if addr == "127.0.0.2" and kind == socket.SOCK_DGRAM:
                    continue
                t = socket.socket(socket.AF_INET, kind)
                socks.append(t)
                t.bind((addr, port))
    except OSError:
        continue
    finally:
        for t in socks:
            t.close()
    print(port)
    break
PY
}

# The test zones. $1: "a" (the full zone) or "b" (the second server's
# copy, lacking _dnsauth.half).
dns_zone_cwtest() {
	cat <<'ZONE'
$TTL 300
@ SOA ns1 hostmaster 1 3600 600 86400 60
@ NS ns1
@ NS ns2
@ CAA 0 issue "digicert.com"
ns1 A 127.0.0.2
ns2 A 127.0.0.3
ns3 A 127.0.0.4
www A 127.0.0.1
*.files A 127.0.0.1
_dnsauth.www TXT "TOKEN-0123456789"
_dnsauth.split TXT "TOKEN-" "0123456789"
_dnsauth.alias CNAME _dnsauth.hop
_dnsauth.hop CNAME _dnsauth.www
_dnsauth.space TXT "TOKEN-0123456789 "
_dnsauth.other TXT "OTHER-TOKEN"
caa CAA 0 issue "letsencrypt.org"
wild CAA 0 issue "digicert.com"
wild CAA 0 issuewild ";"
ZONE
	if [ "$1" = a ]; then
		echo '_dnsauth.half TXT "TOKEN-0123456789"'
	fi
	# A huge answer: 60 strings of 200 bytes, and the token.
	i=0
	while [ $i -lt 60 ]; do
		printf '_dnsauth.huge TXT "%03d%0197d"\n' $i 0
		i=$((i + 1))
	done
	echo '_dnsauth.huge TXT "TOKEN-0123456789"'
}

dns_zone_badsig() {
	cat <<'ZONE'
$TTL 300
@ SOA ns1.cwtest.net. hostmaster 1 3600 600 86400 60
@ NS ns1.cwtest.net.
@ CAA 0 issue "digicert.com"
_dnsauth.www TXT "TOKEN-0123456789"
ZONE
}

# Not signed; three name servers: ns1 serves it, ns2 does not (a lame
# delegation), ns3 never answers (a black hole on 127.0.0.4).
dns_zone_slow() {
	cat <<'ZONE'
$TTL 300
@ SOA ns1.cwtest.net. hostmaster 1 3600 600 86400 60
@ NS ns1.cwtest.net.
@ NS ns2.cwtest.net.
@ NS ns3.cwtest.net.
@ CAA 0 issue "digicert.com"
_dnsauth.www TXT "TOKEN-0123456789"
ZONE
}

# A server that reads queries and never answers (UDP and TCP).
dns_blackhole() {
	python3 - "$1" "$DNS_PORT" <<'PY' &
import os, select, signal, socket, sys
addr, port = sys.argv[1], int(sys.argv[2])
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind((addr, port))
t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind((addr, port))
t.listen(16)
held = []
parent = os.getppid()
while os.getppid() == parent:
    r, _, _ = select.select([u, t], [], [], 1.0)
    if u in r:
        u.recv(65535)
    if t in r:
        held.append(t.accept()[0])
PY
	dns_pids="$dns_pids $!"
}

# Sign zone $1 from file $2 into $3 with the test keys.
dns_sign() {
	mkdir -p "$DNS_DIR/signed-$3"
	cat > "$DNS_DIR/sign-$3.conf" <<CONF
database:
    storage: $DNS_DIR/kasp
keystore:
  - id: ks
    backend: pem
    config: $DNS_DIR/kasp/keys
policy:
  - id: test
    algorithm: ecdsap256sha256
    single-type-signing: on
template:
  - id: default
    storage: $DNS_DIR/zones-$3
    dnssec-policy: test
zone:
  - domain: $1
    file: $2
CONF
	mkdir -p "$DNS_DIR/kasp" "$DNS_DIR/zones-$3"
	kzonesign -c "$DNS_DIR/sign-$3.conf" -o "$DNS_DIR/signed-$3" "$1" \
	    >"$DNS_DIR/sign-$3.log" 2>&1
	[ -s "$DNS_DIR/signed-$3/$1.zone" ] ||
	    kzonesign -c "$DNS_DIR/sign-$3.conf" -o "$DNS_DIR/signed-$3" "$1." \
	    >>"$DNS_DIR/sign-$3.log" 2>&1
	cat "$DNS_DIR/signed-$3/"*.zone
}

# Start one server: dns_server NAME ADDRESS ZONE=FILE...
dns_server() {
	name=$1 addr=$2
	shift 2
	mkdir -p "$DNS_DIR/run-$name"
	{
		echo "server:"
		echo "    listen: $addr@$DNS_PORT"
		echo "    rundir: $DNS_DIR/run-$name"
		echo "    background-workers: 1"
		echo "    udp-workers: 1"
		echo "    tcp-workers: 1"
		echo "database:"
		echo "    storage: $DNS_DIR/run-$name"
		echo "log:"
		echo "  - target: stderr"
		echo "    any: warning"
		echo "zone:"
		for z in "$@"; do
			echo "  - domain: ${z%%=*}"
			echo "    file: ${z#*=}"
			echo "    zonefile-sync: -1"
			echo "    journal-content: none"
		done
	} > "$DNS_DIR/$name.conf"
	knotd -c "$DNS_DIR/$name.conf" -s "$DNS_DIR/run-$name/knot.sock" \
	    2>"$DNS_DIR/$name.log" &
	dns_pids="$dns_pids $!"
}

# Wait until the server at $1 answers for zone $2 (20 s at most).
dns_wait() {
	python3 - "$1" "$DNS_PORT" "$2" <<'PY'
import socket, struct, sys, time
addr, port, zone = sys.argv[1], int(sys.argv[2]), sys.argv[3]
q = struct.pack(">HHHHHH", 0x1234, 0, 1, 0, 0, 0)
for label in zone.split("."):
    q += bytes([len(label)]) + label.encode()
q += b"\0" + struct.pack(">HH", 6, 1)
deadline = time.time() + 20
while time.time() < deadline:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.5)
    try:
        s.sendto(q, (addr, port))
        r = s.recv(4096)
        if len(r) > 12 and r[3] & 15 == 0 and r[2] & 4:
            sys.exit(0)
    except OSError:
        time.sleep(0.1)
    finally:
        s.close()
sys.exit(1)
PY
}

dns_start() {
	mkdir -p "$DNS_DIR"
	DNS_PORT=$(dns_free_port)
	[ -n "$DNS_PORT" ] || return 1
	dns_zone_cwtest a > "$DNS_DIR/zones-a.in"
	dns_zone_cwtest b > "$DNS_DIR/zones-b.in"
	dns_zone_badsig > "$DNS_DIR/badsig.in"
	dns_zone_slow > "$DNS_DIR/slow.zone"
	mkdir -p "$DNS_DIR/zones-a" "$DNS_DIR/zones-b" "$DNS_DIR/zones-bad"
	cp "$DNS_DIR/zones-a.in" "$DNS_DIR/zones-a/cwtest.net.zone"
	cp "$DNS_DIR/zones-b.in" "$DNS_DIR/zones-b/cwtest.net.zone"
	cp "$DNS_DIR/badsig.in" "$DNS_DIR/zones-bad/badsig.net.zone"
	dns_sign cwtest.net cwtest.net.zone a > "$DNS_DIR/cwtest-a.zone" &&
	dns_sign cwtest.net cwtest.net.zone b > "$DNS_DIR/cwtest-b.zone" &&
	dns_sign badsig.net badsig.net.zone bad > "$DNS_DIR/badsig.signed" ||
	    return 1
	# The broken copy: the record changed after signing.
	sed 's/"TOKEN-0123456789"/"TAMPERED-TOKEN"/' "$DNS_DIR/badsig.signed" \
	    > "$DNS_DIR/badsig.zone"
	grep -h 'DNSKEY[[:space:]]*257 ' "$DNS_DIR/cwtest-a.zone" \
	    "$DNS_DIR/badsig.zone" > "$DNS_TA"
	[ -s "$DNS_TA" ] || return 1
	at_cleanup dns_stop
	dns_server a 127.0.0.2 "cwtest.net=$DNS_DIR/cwtest-a.zone" \
	    "badsig.net=$DNS_DIR/badsig.zone" "slow.net=$DNS_DIR/slow.zone"
	dns_server b 127.0.0.3 "cwtest.net=$DNS_DIR/cwtest-b.zone"
	dns_blackhole 127.0.0.4
	dns_wait 127.0.0.2 cwtest.net && dns_wait 127.0.0.3 cwtest.net
}

# A validating resolver (Unbound, Debian package unbound) on 127.0.0.5,
# port $UNBOUND_PORT (picked free), asking the test servers for the test
# zones and validating against the test anchor: a resolver that sets the
# AD bit. After dns_start; 1 when it does not come up.
UNBOUND_PORT=""
unbound_have() { command -v unbound >/dev/null 2>&1; }
unbound_start() {
	UNBOUND_PORT=$(python3 -c '
import socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(("127.0.0.5", 0))
p = u.getsockname()[1]
t = socket.socket()
t.bind(("127.0.0.5", p))
print(p)') || return 1
	mkdir -p "$DNS_DIR/unbound"
	{
		echo "server:"
		echo "    interface: 127.0.0.5@$UNBOUND_PORT"
		echo "    do-daemonize: no"
		echo "    use-syslog: no"
		echo "    logfile: \"\""
		echo "    username: \"\""
		echo "    chroot: \"\""
		echo "    directory: \"$DNS_DIR/unbound\""
		echo "    pidfile: \"\""
		echo "    num-threads: 1"
		echo "    do-not-query-localhost: no"
		echo "    access-control: 127.0.0.0/8 allow"
		echo "    trust-anchor-file: \"$DNS_TA\""
		echo "    val-log-level: 2"
		echo "remote-control:"
		echo "    control-enable: no"
		for z in cwtest.net badsig.net slow.net; do
			echo "stub-zone:"
			echo "    name: $z"
			echo "    stub-addr: 127.0.0.2@$DNS_PORT"
		done
	} > "$DNS_DIR/unbound/unbound.conf"
	unbound -d -c "$DNS_DIR/unbound/unbound.conf" \
	    2>"$DNS_DIR/unbound.log" &
	dns_pids="$dns_pids $!"
	# Wait until it answers (20 s at most).
	python3 - "$UNBOUND_PORT" <<'PY'
import socket, struct, sys, time
port = int(sys.argv[1])
q = struct.pack(">HHHHHH", 0x4321, 0x0100, 1, 0, 0, 0)
for label in ("cwtest", "net"):
    q += bytes([len(label)]) + label.encode()
q += b"\0" + struct.pack(">HH", 6, 1)
deadline = time.time() + 20
while time.time() < deadline:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.5)
    try:
        s.sendto(q, ("127.0.0.5", port))
        r = s.recv(4096)
        if len(r) > 12 and r[3] & 15 == 0:
            sys.exit(0)
    except OSError:
        time.sleep(0.1)
    finally:
        s.close()
sys.exit(1)
PY
}
