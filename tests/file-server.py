#!/usr/bin/env python3
"""The web server of the verify tests: /.well-known/pki-validation/fileauth.txt
served differently by host name, over HTTP and (with a certificate) HTTPS.

Usage: file-server.py ADDR HTTP_PORT HTTPS_PORT CERT KEY CONTENT_FILE READY_FILE
Hosts (by their first label): ok, redirect, bom, crlf, wrong, missing, big,
slow. Stops by itself when its parent (the test) is gone."""
import http.server
import os
import socketserver
import ssl
import sys
import threading
import time

addr, http_port, https_port, cert, key, content_file, ready = sys.argv[1:8]
content = open(content_file, "rb").read()
PATH = "/.well-known/pki-validation/fileauth.txt"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def send(self, code, body, headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        host = (self.headers.get("Host") or "").split(":")[0]
        label = host.split(".")[0]
        if self.path != PATH or label == "missing":
            return self.send(404, b"not found\n")
        if label == "redirect":
            return self.send(301, b"", [("Location", "https://elsewhere.example" + PATH)])
        if label == "bom":
            return self.send(200, b"\xef\xbb\xbf" + content)
        if label == "crlf":
            return self.send(200, content.replace(b"\n", b"\r\n"))
        if label == "wrong":
            return self.send(200, b"something else entirely")
        if label == "big":
            return self.send(200, content + b"x" * (70 * 1024))
        if label == "slow":
            time.sleep(60)
            return self.send(200, content)
        return self.send(200, content)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


plain = Server((addr, int(http_port)), Handler)
tls = Server((addr, int(https_port)), Handler)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
tls.socket = ctx.wrap_socket(tls.socket, server_side=True)
for s in (plain, tls):
    threading.Thread(target=s.serve_forever, daemon=True).start()
open(ready, "w").close()
parent = os.getppid()
while os.getppid() == parent:
    time.sleep(0.5)
