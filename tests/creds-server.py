#!/usr/bin/env python3
"""Test stand-ins for where temporary credentials come from.

Python 3 standard library only, on 127.0.0.1 (a free port written to
--port-file).

  metadata: the ECS instance metadata service (plain HTTP), as
      cas-api.md section 8.4 describes it: PUT /latest/api/token (header
      X-aliyun-ecs-metadata-token-ttl-seconds) gives a token;
      GET /latest/meta-data/ram/security-credentials/ lists the role;
      GET .../security-credentials/ROLE gives AccessKeyId,
      AccessKeySecret, SecurityToken, Expiration (now + --ttl).
      --mode hardened: a token is required (a plain GET gets 403);
             both: a token is accepted, a plain GET too;
             plain: an old service without tokens (PUT answers 404).
      --delay S: every answer comes S seconds late (a hung service).
  sts: STS (HTTPS, API 2015-04-01): AssumeRole signed with ACS3-HMAC-
      SHA256 by --src-key-id/--src-secret; RoleArn must be --role-arn
      (else NoPermission, HTTP 403); gives Credentials (Expiration: now +
      --ttl, or + DurationSeconds).

Both hand out --key-id/--secret with a fresh SecurityToken each time and
add it, with its expiry, to --token-file, where cas-server.py --token-file
reads the tokens it accepts: only unexpired ones work.

GET /_stats (unsigned) answers what was asked, as JSON.

Usage:
  creds-server.py metadata --port-file F --role R --key-id ID --secret S
                           --token-file F [--ttl N] [--mode M] [--delay S]
  creds-server.py sts --cert C --key K --port-file F --src-key-id ID
                      --src-secret S --role-arn ARN --key-id ID --secret S
                      --token-file F [--ttl N]
"""

import argparse
import datetime
import hashlib
import hmac
import http.server
import json
import os
import re
import secrets
import ssl
import threading
import time
import urllib.parse


def iso(t):
    return datetime.datetime.fromtimestamp(
        t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def pe(s):
    return urllib.parse.quote(s, safe="-_.~")


class Base(http.server.BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def send(self, code, body, ctype="application/json"):
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        body = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def count(self, what):
        st = self.server.stats
        with self.server.lock:
            st[what] = st.get(what, 0) + 1

    def new_token(self, expires):
        # Every token handed out, with its expiry: the API server takes
        # those not yet expired (as the real services do).
        a = self.server.args
        tok = "CAIS" + secrets.token_hex(12)
        with self.server.lock:
            try:
                with open(a.token_file) as f:
                    old = f.read()
            except OSError:
                old = ""
            tmp = a.token_file + ".tmp"
            with open(tmp, "w") as f:
                f.write(old + "%s %d\n" % (tok, int(expires)))
            os.replace(tmp, a.token_file)
        return tok


class Metadata(Base):
    def do_PUT(self):
        a = self.server.args
        time.sleep(a.delay)
        if self.path != "/latest/api/token":
            return self.send(404, "Not Found", "text/plain")
        self.count("token")
        if a.mode == "plain":
            return self.send(404, "Not Found", "text/plain")
        ttl = self.headers.get("X-aliyun-ecs-metadata-token-ttl-seconds")
        if not ttl or not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
            return self.send(400, "Bad Request", "text/plain")
        tok = secrets.token_hex(16)
        with self.server.lock:
            self.server.tokens.add(tok)
        self.send(200, tok, "text/plain")

    def do_GET(self):
        a = self.server.args
        if self.path == "/_stats":
            with self.server.lock:
                return self.send(200, self.server.stats)
        time.sleep(a.delay)
        tok = self.headers.get("X-aliyun-ecs-metadata-token")
        if tok is None:
            self.count("plain")
            if a.mode == "hardened":
                return self.send(403, "Forbidden", "text/plain")
        elif tok not in self.server.tokens:
            return self.send(401, "Unauthorized", "text/plain")
        base = "/latest/meta-data/ram/security-credentials/"
        if self.path == base:
            self.count("list")
            return self.send(200, a.role, "text/plain")
        if not self.path.startswith(base):
            return self.send(404, "Not Found", "text/plain")
        role = self.path[len(base):]
        if role != a.role:
            self.count("unknown_role")
            return self.send(404, "Not Found", "text/plain")
        self.count("credentials")
        now = time.time()
        self.send(200, {
            "AccessKeyId": a.key_id, "AccessKeySecret": a.secret,
            "SecurityToken": self.new_token(now + a.ttl),
            "Expiration": iso(now + a.ttl), "LastUpdated": iso(now),
            "Code": "Success"})


class Sts(Base):
    def do_GET(self):
        if self.path == "/_stats":
            with self.server.lock:
                return self.send(200, self.server.stats)
        self.send(404, "Not Found", "text/plain")

    def error(self, http, code, message):
        self.send(http, {"RequestId": secrets.token_hex(8).upper(),
                         "HostId": "sts.aliyuncs.com", "Code": code,
                         "Message": message})

    def do_POST(self):
        a = self.server.args
        n = int(self.headers.get("Content-Length", "0") or 0)
        body = self.rfile.read(n) if n else b""
        url = urllib.parse.urlsplit(self.path)
        params = [(urllib.parse.unquote(k), urllib.parse.unquote(v))
                  for k, _, v in (p.partition("=")
                                  for p in url.query.split("&") if p)]
        h = {k.lower(): v for k, v in self.headers.items()}
        m = re.fullmatch(r"ACS3-HMAC-SHA256 Credential=([^,]+),"
                         r"SignedHeaders=([^,]+),Signature=([0-9a-f]{64})",
                         h.get("authorization", ""))
        if not m:
            return self.error(400, "IncompleteSignature",
                              "The request signature is not valid.")
        key_id, signed, sig = m.groups()
        if key_id != a.src_key_id:
            return self.error(404, "InvalidAccessKeyId.NotFound",
                              "Specified access key is not found.")
        names = signed.split(";")
        for need in ("host", "x-acs-action", "x-acs-version", "x-acs-date",
                     "x-acs-signature-nonce", "x-acs-content-sha256"):
            if need not in names:
                return self.error(400, "MissingParameter",
                                  "The header %s is not signed." % need)
        if hashlib.sha256(body).hexdigest() != h["x-acs-content-sha256"]:
            return self.error(400, "SignatureDoesNotMatch", "Body hash.")
        canon_headers = "".join("%s:%s\n" % (x, h.get(x, "").strip())
                                for x in names)
        cq = "&".join("%s=%s" % (pe(k), pe(v)) for k, v in sorted(params))
        creq = "\n".join([self.command, url.path or "/", cq, canon_headers,
                          signed, h["x-acs-content-sha256"]])
        sts = "ACS3-HMAC-SHA256\n" + hashlib.sha256(creq.encode()).hexdigest()
        want = hmac.new(a.src_secret.encode(), sts.encode(),
                        hashlib.sha256).hexdigest()
        if not hmac.compare_digest(want, sig):
            return self.error(400, "SignatureDoesNotMatch",
                              "Specified signature is not matched with "
                              "our calculation.")
        if h["x-acs-action"] != "AssumeRole" or \
                h["x-acs-version"] != "2015-04-01":
            return self.error(404, "InvalidAction.NotFound",
                              "Specified api is not found.")
        p = dict(params)
        with self.server.lock:
            self.server.stats["AssumeRole"] = \
                self.server.stats.get("AssumeRole", 0) + 1
            self.server.stats["last"] = p
        if p.get("RoleArn") != a.role_arn:
            return self.error(403, "NoPermission",
                              "You are not authorized to do this action. "
                              "You should be authorized by RAM.")
        if not p.get("RoleSessionName"):
            return self.error(400, "MissingRoleSessionName",
                              "RoleSessionName is mandatory.")
        d = int(p.get("DurationSeconds", "3600"))
        if not 900 <= d <= 43200:
            return self.error(400, "InvalidParameter.DurationSeconds",
                              "DurationSeconds is out of range.")
        now = time.time()
        exp = now + (a.ttl if a.ttl else d)
        self.send(200, {
            "RequestId": secrets.token_hex(8).upper(),
            "AssumedRoleUser": {"Arn": a.role_arn + "/" +
                                p["RoleSessionName"],
                                "AssumedRoleId": "3" + "1" * 16 + ":x"},
            "Credentials": {
                "AccessKeyId": a.key_id, "AccessKeySecret": a.secret,
                "SecurityToken": self.new_token(exp),
                "Expiration": iso(exp)}})


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    ctx = None

    def finish_request(self, request, client_address):
        request.settimeout(60)
        if self.ctx is not None:
            try:
                request = self.ctx.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
        try:
            self.RequestHandlerClass(request, client_address, self)
        except (OSError, ssl.SSLError):
            pass


def serve(a):
    srv = Server(("127.0.0.1", 0), Metadata if a.cmd == "metadata" else Sts)
    if a.cmd == "sts":
        srv.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        srv.ctx.load_cert_chain(a.cert, a.key)
    srv.args = a
    srv.lock = threading.Lock()
    srv.stats = {}
    srv.tokens = set()
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, a.port_file)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("metadata")
    m.add_argument("--role", required=True)
    m.add_argument("--mode", choices=("hardened", "both", "plain"),
                   default="hardened")
    m.add_argument("--delay", type=float, default=0)
    s = sub.add_parser("sts")
    for opt in ("--cert", "--key", "--src-key-id", "--src-secret",
                "--role-arn"):
        s.add_argument(opt, required=True)
    for p in (m, s):
        for opt in ("--port-file", "--key-id", "--secret", "--token-file"):
            p.add_argument(opt, required=True)
        p.add_argument("--ttl", type=int, default=0)
    a = ap.parse_args()
    if a.cmd == "metadata" and not a.ttl:
        a.ttl = 3600
    serve(a)


if __name__ == "__main__":
    main()
