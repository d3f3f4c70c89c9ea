#!/usr/bin/env python3
"""A test stand-in for the Alibaba Cloud certificate API (cas, 2020-04-07).

Python 3 standard library only. It serves HTTPS on 127.0.0.1 (a free port,
written to --port-file), checks every request's ACS3-HMAC-SHA256 signature,
its x-acs-date window (15 minutes) and nonce reuse, and answers like the
API: DescribePackageState, CreateCompany, CreateCertificateForPackageRequest,
DescribeCertificateState, ListUserCertificateOrder, CancelOrderRequest,
DeleteCertificateRequest, with the spec's error codes.

Tests steer it through POST /_control (JSON, not signed):
  {"op": "orders"}                         every order, as JSON
  {"op": "requests"}                       how many calls per action
  {"op": "state", "order": ID, "type": T}  domain_verify, process,
        verify_fail, certificate (issues one; "mismatch": true issues it
        for another key than the CSR's, "wrong_key": true sends a key
        that is not the certificate's), payed
  {"op": "fault", "action": A, "kind": K, "count": N, "delay": S}
        K: http500, http503, throttle, slow (answer after S seconds),
        drop (act, then close the connection without an answer),
        malformed (act, then answer 200 with broken JSON),
        gateway (act, then answer 502 with an HTML page, as a gateway
        does), gateway_before (the same without acting),
        acted500 (act, then answer 500 InternalError)
  {"op": "delete_order", "order": ID}      delete it, as the console does
  {"op": "evil", "on": true}               put terminal escapes, bidi
        overrides and zero-width characters into Message, RequestId,
        RecordValue and Content
  {"op": "clear"}                          forget every pending fault
  {"op": "quota", "product": P, "total": N, "used": N}
  {"op": "skew", "seconds": N}             the server's clock offset
  {"op": "id_as_string", "on": true}       send OrderId as a JSON string
  {"op": "page_size", "n": N}              list N orders a page (0: as asked)
  {"op": "deny", "action": A}              answer A with Forbidden.RAM (a RAM
        policy without yundun-cert:A)
  {"op": "allow_only", "actions": [A...]}  deny every other action

A request with an empty body must not carry a content-type (spec 2.3);
one that does is refused with 400 UnexpectedContentType.

Usage:
  cas-server.py serve --cert C --key K --ca-cert C --ca-key K
                      --port-file F --key-id ID --secret S [--token T]
                      [--token-file F: "TOKEN EXPIRY" lines, read each
                      time; unexpired tokens are accepted]
  cas-server.py ctl PORT CAFILE JSON
"""

import argparse
import datetime
import hashlib
import hmac
import http.server
import json
import os
import random
import re
import socket
import ssl
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

VERSION = "2020-04-07"
WINDOW = 15 * 60
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
# What a hostile or broken server may put in a text: a title-setting OSC,
# a screen clear, a C1 CSI, a bell, a right-to-left override, a zero-width
# space.
EVIL = "\x1b]0;pwned\x07\x1b[2J\u009b31m\x07\u202egnp.exe\u200bEND"

ST_TO_LIST = {
    "domain_verify": "CHECKING",
    "process": "CHECKING",
    "verify_fail": "CHECKED_FAIL",
    "certificate": "ISSUED",
    "payed": "PAYED",
}


def pe(s):
    return urllib.parse.quote(s, safe="-_.~")


class Drop(Exception):
    """Close the connection without an answer."""


class ApiError(Exception):
    def __init__(self, http, code, message):
        super().__init__(message)
        self.http = http
        self.code = code
        self.message = message


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.RLock()
        self.orders = {}
        self.next_id = 98987582437920968      # beyond 2^53
        self.nonces = {}
        self.faults = []
        self.skew = 0
        self.id_as_string = False
        self.page_size = 0                    # 0: as asked
        self.evil = False
        self.denied = set()                   # actions the RAM user lacks
        self.allowed = None                   # None: all not denied
        self.calls = {}
        self.companies = 0
        self.quota = {}                       # product -> [total, used, issued]
        for p in ("digicert-free-1-free", "geotrust-dv-1-starter",
                  "geotrust-dv-w-starter", "geotrust-ov-1-personal",
                  "geotrust-ov-w-personal"):
            self.quota[p] = [20, 0, 0]

    def take_fault(self, action):
        with self.lock:
            for f in self.faults:
                if f["action"] in (action, "*") and f["count"] > 0:
                    f["count"] -= 1
                    return f
        return None


def rid():
    return "%08X-%04X-%04X-%04X-%012X" % (
        random.getrandbits(32), random.getrandbits(16), random.getrandbits(16),
        random.getrandbits(16), random.getrandbits(48))


def issue(state, order, mismatch, wrong_key=False):
    """Make a certificate with the CA of the test for this order."""
    a = state.args
    with tempfile.TemporaryDirectory() as d:
        csr = os.path.join(d, "req.pem")
        key = os.path.join(d, "key.pem")
        cn = order["domains"][0].replace("*", "wildcard")
        if order.get("csr") and not mismatch:
            with open(csr, "w") as f:
                f.write(order["csr"])
        else:
            subprocess.run(["openssl", "req", "-new", "-newkey", "ec",
                            "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                            "-keyout", key, "-out", csr, "-subj", "/CN=" + cn],
                           check=True, capture_output=True)
        ext = os.path.join(d, "ext")
        with open(ext, "w") as f:
            f.write("subjectAltName=" + ",".join(
                "DNS:" + x for x in order["domains"]) + "\n")
        out = os.path.join(d, "cert.pem")
        subprocess.run(["openssl", "x509", "-req", "-in", csr, "-CA", a.ca_cert,
                        "-CAkey", a.ca_key, "-CAcreateserial", "-days", "90",
                        "-extfile", ext, "-out", out,
                        "-CAserial", os.path.join(d, "serial")],
                       check=True, capture_output=True)
        with open(out) as f:
            order["certificate"] = f.read()
        if wrong_key:
            subprocess.run(["openssl", "genpkey", "-algorithm", "EC",
                            "-pkeyopt", "ec_paramgen_curve:P-256",
                            "-out", key], check=True, capture_output=True)
        if not order.get("csr") and os.path.exists(key):
            with open(key) as f:
                order["private_key"] = f.read()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "cas-test"

    def log_message(self, fmt, *args):
        # Quiet: the tests read the answers, not a log.
        pass

    def send_json(self, code, obj, raw=None):
        body = raw if raw is not None else json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_html(self, code):
        body = (b"<html><head><title>502 Bad Gateway</title></head><body>"
                b"<center><h1>502 Bad Gateway</h1></center><hr>"
                b"<center>Tengine</center></body></html>\n")
        self.send_response(code)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.handle_api("GET")

    def do_POST(self):
        if self.path.startswith("/_control"):
            return self.handle_control()
        self.handle_api("POST")

    # --- control ---------------------------------------------------------

    def handle_control(self):
        st = self.server.state
        n = int(self.headers.get("Content-Length", "0"))
        req = json.loads(self.rfile.read(n) or b"{}")
        op = req.get("op")
        with st.lock:
            if op == "orders":
                out = [dict({k: v for k, v in o.items()
                             if k not in ("private_key", "certificate",
                                          "csr")},
                            has_csr=bool(o.get("csr")))
                       for o in st.orders.values()]
                return self.send_json(200, out)
            if op == "requests":
                return self.send_json(200, st.calls)
            if op == "state":
                o = st.orders[int(req["order"])]
                o["type"] = req["type"]
                if req["type"] == "certificate":
                    issue(st, o, req.get("mismatch", False),
                          req.get("wrong_key", False))
                    st.quota[o["product"]][2] += 1
                return self.send_json(200, {"ok": True})
            if op == "fault":
                st.faults.append({"action": req.get("action", "*"),
                                  "kind": req["kind"],
                                  "count": int(req.get("count", 1)),
                                  "delay": float(req.get("delay", 0))})
                return self.send_json(200, {"ok": True})
            if op == "clear":
                st.faults = []
                return self.send_json(200, {"ok": True})
            if op == "quota":
                st.quota[req["product"]] = [int(req.get("total", 0)),
                                            int(req.get("used", 0)), 0]
                return self.send_json(200, {"ok": True})
            if op == "skew":
                st.skew = int(req["seconds"])
                return self.send_json(200, {"ok": True})
            if op == "page_size":
                st.page_size = int(req["n"])
                return self.send_json(200, {"ok": True})
            if op == "delete_order":
                o = st.orders.pop(int(req["order"]))
                st.quota[o["product"]][1] -= 1
                return self.send_json(200, {"ok": True})
            if op == "evil":
                st.evil = bool(req.get("on", True))
                return self.send_json(200, {"ok": True})
            if op == "id_as_string":
                st.id_as_string = bool(req.get("on", True))
                return self.send_json(200, {"ok": True})
            if op == "deny":
                # A RAM policy without this action (Forbidden.RAM).
                st.denied.add(req["action"])
                return self.send_json(200, {"ok": True})
            if op == "allow_only":
                # A RAM policy with exactly these actions.
                st.allowed = set(req["actions"])
                return self.send_json(200, {"ok": True})
        self.send_json(400, {"error": "unknown op"})

    # --- the API -----------------------------------------------------------

    def check_signature(self, method, params):
        st = self.server.state
        a = st.args
        h = {k.lower(): v for k, v in self.headers.items()}
        auth = h.get("authorization", "")
        m = re.fullmatch(r"ACS3-HMAC-SHA256 Credential=([^,]+),"
                         r"SignedHeaders=([^,]+),Signature=([0-9a-f]{64})",
                         auth)
        if not m:
            raise ApiError(400, "IncompleteSignature",
                           "The request signature does not conform to "
                           "Aliyun standards.")
        key_id, signed, sig = m.groups()
        if key_id != a.key_id:
            raise ApiError(404, "InvalidAccessKeyId.NotFound",
                           "Specified access key is not found.")
        for need in ("host", "x-acs-action", "x-acs-version", "x-acs-date",
                     "x-acs-signature-nonce", "x-acs-content-sha256"):
            if need not in h or need not in signed.split(";"):
                raise ApiError(400, "MissingParameter",
                               "The header %s is missing or not signed."
                               % need)
        if self.body == b"" and "content-type" in h:
            raise ApiError(400, "UnexpectedContentType",
                           "A request without a body has no "
                           "content-type (spec 2.3).")
        ok_tokens = {a.token} if a.token else set()
        if a.token_file:
            # Temporary credentials (creds-server.py): "TOKEN EXPIRY"
            # lines; those not yet expired are accepted.
            with open(a.token_file) as f:
                for line in f:
                    t, _, exp = line.strip().partition(" ")
                    if t and (not exp or float(exp) > time.time()):
                        ok_tokens.add(t)
            if not ok_tokens:
                ok_tokens.add("(none yet)")
        if ok_tokens and "x-acs-security-token" not in h:
            raise ApiError(400, "MissingSecurityToken",
                           "SecurityToken is mandatory for this action.")
        if ok_tokens and h.get("x-acs-security-token") not in ok_tokens:
            raise ApiError(400, "InvalidSecurityToken.Mismatch",
                           "The security token is not valid.")
        date = h["x-acs-date"]
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", date):
            raise ApiError(400, "InvalidTimeStamp.Format",
                           "Specified time stamp or date value is not "
                           "well formatted.")
        t = datetime.datetime.strptime(date, "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=datetime.timezone.utc).timestamp()
        now = time.time() + st.skew
        if abs(now - t) > WINDOW:
            raise ApiError(400, "InvalidTimeStamp.Expired",
                           "Specified time stamp or date value is expired.")
        body = self.body
        if hashlib.sha256(body).hexdigest() != h["x-acs-content-sha256"]:
            raise ApiError(400, "SignatureDoesNotMatch",
                           "The x-acs-content-sha256 does not match the "
                           "body.")
        names = sorted(signed.split(";"))
        if names != signed.split(";"):
            raise ApiError(400, "IncompleteSignature",
                           "SignedHeaders are not sorted.")
        canon_headers = "".join("%s:%s\n" % (n, h.get(n, "").strip())
                                for n in names)
        cq = "&".join("%s=%s" % (pe(k), pe(v))
                      for k, v in sorted(params, key=lambda kv: kv[0]))
        creq = "\n".join([method, "/", cq, canon_headers, signed,
                          h["x-acs-content-sha256"]])
        sts = "ACS3-HMAC-SHA256\n" + hashlib.sha256(creq.encode()).hexdigest()
        want = hmac.new(a.secret.encode(), sts.encode(),
                        hashlib.sha256).hexdigest()
        if not hmac.compare_digest(want, sig):
            raise ApiError(400, "SignatureDoesNotMatch",
                           "Specified signature is not matched with our "
                           "calculation. server string to sign is:" + sts)
        with st.lock:
            nonce = h["x-acs-signature-nonce"]
            for n0, t0 in list(st.nonces.items()):
                if now - t0 > WINDOW:
                    del st.nonces[n0]
            if nonce in st.nonces:
                raise ApiError(400, "SignatureNonceUsed",
                               "Specified signature nonce was used already.")
            st.nonces[nonce] = now
        if h["x-acs-version"] != VERSION:
            raise ApiError(404, "InvalidAction.NotFound",
                           "Specified api is not found, please check your "
                           "url and method.")
        return h["x-acs-action"]

    def handle_api(self, method):
        st = self.server.state
        n = int(self.headers.get("Content-Length", "0") or 0)
        self.body = self.rfile.read(n) if n else b""
        url = urllib.parse.urlsplit(self.path)
        params = []
        if url.path != "/":
            return self.send_json(404, {
                "RequestId": rid(), "HostId": "cas.aliyuncs.com",
                "Code": "InvalidAction.NotFound",
                "Message": "Specified api is not found."})
        if url.query:
            for part in url.query.split("&"):
                k, _, v = part.partition("=")
                params.append((urllib.parse.unquote(k),
                               urllib.parse.unquote(v)))
        request_id = rid()
        try:
            action = self.check_signature(method, params)
            with st.lock:
                st.calls[action] = st.calls.get(action, 0) + 1
            fault = st.take_fault(action)
            if fault and fault["kind"] in ("http500", "http503", "throttle"):
                if fault["kind"] == "http500":
                    raise ApiError(500, "InternalError",
                                   "The request processing has failed due "
                                   "to some unknown error.")
                if fault["kind"] == "http503":
                    raise ApiError(503, "ServiceUnavailable",
                                   "The request has failed due to a "
                                   "temporary failure of the server.")
                raise ApiError(400, "Throttling.User",
                               "Request was denied due to user flow "
                               "control.")
            if fault and fault["kind"] == "gateway_before":
                return self.send_html(502)
            if action in st.denied or (st.allowed is not None and
                                       action not in st.allowed):
                raise ApiError(403, "Forbidden.RAM",
                               "User not authorized to operate on the "
                               "specified resource, or this API doesn't "
                               "support RAM.")
            result = self.dispatch(action, dict(params))
            result["RequestId"] = request_id
            if fault and fault["kind"] == "gateway":
                return self.send_html(502)
            if fault and fault["kind"] == "acted500":
                raise ApiError(500, "InternalError",
                               "The request processing has failed due "
                               "to some unknown error.")
            if fault and fault["kind"] == "slow":
                time.sleep(fault["delay"])
            if fault and fault["kind"] == "drop":
                raise Drop()
            if fault and fault["kind"] == "malformed":
                return self.send_json(200, None,
                                      raw=b'{"RequestId": "x", "OrderId": ')
            raw = json.dumps(result)
            if st.id_as_string and "OrderId" in result:
                raw = raw.replace('"OrderId": %d' % result["OrderId"],
                                  '"OrderId": "%d"' % result["OrderId"])
            self.send_json(200, None, raw=raw.encode())
        except ApiError as e:
            if st.evil:
                request_id += EVIL
                e.message += EVIL
            self.send_json(e.http, {
                "RequestId": request_id, "HostId": "cas.aliyuncs.com",
                "Code": e.code, "Message": e.message,
                "Recommend": "https://api.alibabacloud.com/troubleshoot?q="
                             + e.code})

    def order(self, p):
        st = self.server.state
        if "OrderId" not in p:
            raise ApiError(400, "MissingOrderId", "OrderId is mandatory.")
        try:
            oid = int(p["OrderId"])
        except ValueError:
            raise ApiError(400, "InvalidParameter", "OrderId is invalid.")
        if oid not in st.orders:
            raise ApiError(404, "NotFoundOrder", "The order is not found.")
        return st.orders[oid]

    def dispatch(self, action, p):
        st = self.server.state
        with st.lock:
            if action == "DescribePackageState":
                prod = p.get("ProductCode", "digicert-free-1-free")
                if prod not in st.quota:
                    raise ApiError(404, "NotFoundPackage",
                                   "The package is not found.")
                q = st.quota[prod]
                return {"ProductCode": prod, "TotalCount": q[0],
                        "UsedCount": q[1], "IssuedCount": q[2]}
            if action == "CreateCompany":
                for k in ("CompanyName", "CompanyCode", "CompanyType",
                          "CompanyPhone", "CompanyAddress", "CountryCode",
                          "Province", "City", "PostCode", "Lang"):
                    if not p.get(k):
                        raise ApiError(400, "Missing" + k,
                                       "%s is mandatory." % k)
                st.companies += 1
                return {"CompanyId": 1000 + st.companies}
            if action == "CreateCertificateForPackageRequest":
                return self.create(p)
            if action == "DescribeCertificateState":
                o = self.order(p)
                r = {"Type": o["type"]}
                if o["type"] == "domain_verify":
                    r["ValidateType"] = o["validate"]
                    tok = o["token"] + (EVIL if st.evil else "")
                    if o["validate"] == "DNS":
                        r.update(RecordDomain="_dnsauth", RecordType="TXT",
                                 RecordValue=tok)
                    else:
                        r.update(Domain=o["domains"][0].lstrip("*."),
                                 Uri="/.well-known/pki-validation/"
                                     "fileauth.txt",
                                 Content=tok)
                if o["type"] == "certificate":
                    r["Certificate"] = o["certificate"]
                    r["CertId"] = str(o["id"] % 100000)
                    if o.get("private_key"):
                        r["PrivateKey"] = o["private_key"]
                return r
            if action == "ListUserCertificateOrder":
                kw = p.get("Keyword", "")
                status = p.get("Status", "")
                page = int(p.get("CurrentPage", "1"))
                size = st.page_size or int(p.get("ShowSize", "50"))
                rows = [o for o in sorted(st.orders.values(),
                                          key=lambda o: o["id"])
                        if (not kw or kw in ",".join(o["domains"]))
                        and (not status or ST_TO_LIST.get(o["type"]) ==
                             status)]
                sel = rows[(page - 1) * size:page * size]
                return {"CurrentPage": page, "ShowSize": size,
                        "TotalCount": len(rows),
                        "CertificateOrderList": [{
                            "OrderId": o["id"], "Status":
                            ST_TO_LIST.get(o["type"], "PAYED"),
                            "Domain": ",".join(o["domains"]),
                            "ProductCode": o["product"], "CertType": "DV",
                            "SourceType": "cpack",
                            "BuyDate": o["created"]} for o in sel]}
            if action == "CancelOrderRequest":
                o = self.order(p)
                if o["type"] not in ("domain_verify", "process"):
                    raise ApiError(403, "OrderStateError",
                                   "The order state does not allow this.")
                o["type"] = "payed"
                return {}
            if action == "DeleteCertificateRequest":
                o = self.order(p)
                if o["type"] not in ("verify_fail", "payed"):
                    raise ApiError(403, "OrderStateError",
                                   "The order state does not allow this.")
                del st.orders[o["id"]]
                st.quota[o["product"]][1] -= 1
                return {}
        raise ApiError(404, "InvalidAction.NotFound",
                       "Specified api is not found, please check your url "
                       "and method.")

    def create(self, p):
        st = self.server.state
        prod = p.get("ProductCode", "digicert-free-1-free")
        if prod not in st.quota:
            raise ApiError(404, "NotFoundPackage", "The package is not found.")
        q = st.quota[prod]
        if q[0] - q[1] <= 0:
            raise ApiError(404, "NotRemainCount", "The package has no "
                           "remaining count.")
        domains = [d for d in p.get("Domain", "").split(",") if d]
        csr = p.get("Csr")
        if not domains and not csr:
            raise ApiError(400, "InvalidParameter",
                           "Domain or Csr must be given.")
        if len(domains) > 5:
            raise ApiError(400, "InvalidParameter", "At most 5 domains.")
        if domains and len({d.startswith("*.") for d in domains}) > 1:
            raise ApiError(400, "InvalidParameter",
                           "Plain and wildcard domains cannot be mixed.")
        vt = p.get("ValidateType", "DNS")
        if vt not in ("DNS", "FILE"):
            raise ApiError(400, "InvalidParameter", "ValidateType is "
                           "invalid.")
        oid = st.next_id
        st.next_id += 7
        q[1] += 1
        token = "".join(random.choice(string.ascii_lowercase +
                                      string.digits) for _ in range(48))
        st.orders[oid] = {
            "id": oid, "product": prod, "domains": domains or ["csr"],
            "csr": csr, "validate": vt, "type": "domain_verify",
            "token": "2026" + token, "username": p.get("Username"),
            "phone": p.get("Phone"), "email": p.get("Email"),
            "company": p.get("CompanyName"),
            "created": int((time.time() + st.skew) * 1000)}
        return {"OrderId": oid}


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def finish_request(self, request, client_address):
        request.settimeout(60)
        try:
            conn = self.ctx.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        try:
            self.RequestHandlerClass(conn, client_address, self)
        except Drop:
            pass
        except (OSError, ssl.SSLError):
            pass
        finally:
            try:
                conn.close()
            except OSError:
                pass


def serve(a):
    srv = Server(("127.0.0.1", 0), Handler)
    srv.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    srv.ctx.load_cert_chain(a.cert, a.key)
    srv.state = State(a)
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, a.port_file)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


def ctl(port, cafile, payload):
    ctx = ssl.create_default_context(cafile=cafile)
    req = urllib.request.Request("https://127.0.0.1:%s/_control" % port,
                                 data=payload.encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, context=ctx, timeout=30) as r:
        sys.stdout.write(r.read().decode() + "\n")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    for opt in ("--cert", "--key", "--ca-cert", "--ca-key", "--port-file",
                "--key-id", "--secret"):
        s.add_argument(opt, required=True)
    s.add_argument("--token")
    s.add_argument("--token-file")
    c = sub.add_parser("ctl")
    c.add_argument("port")
    c.add_argument("cafile")
    c.add_argument("payload")
    a = ap.parse_args()
    if a.cmd == "serve":
        serve(a)
    else:
        ctl(a.port, a.cafile, a.payload)


if __name__ == "__main__":
    main()
