#!/usr/bin/env python3
"""A TLS proxy in front of an ACME server for tests: forwards every
request, and drops the connection, after forwarding, of the first request
whose path starts with --drop (the answer is lost, as on a dropped
connection). Writes its port to --port-file.

Usage: acme-proxy.py --upstream HOST:PORT --cafile CA --cert C --key K
       --port-file FILE [--drop PREFIX]
"""
import argparse
import http.client
import http.server
import ssl
import threading

ap = argparse.ArgumentParser()
ap.add_argument("--upstream", required=True)
ap.add_argument("--cafile", required=True)
ap.add_argument("--cert", required=True)
ap.add_argument("--key", required=True)
ap.add_argument("--port-file", required=True)
ap.add_argument("--drop", default=None)
args = ap.parse_args()
lock = threading.Lock()
dropped = [False]
up_host, up_port = args.upstream.rsplit(":", 1)
up_ctx = ssl.create_default_context(cafile=args.cafile)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def forward(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else None
        c = http.client.HTTPSConnection(up_host, int(up_port),
                                        context=up_ctx, timeout=30)
        hdrs = {k: v for k, v in self.headers.items()
                if k.lower() not in ("connection",)}
        c.request(self.command, self.path, body=body, headers=hdrs)
        r = c.getresponse()
        data = r.read()
        with lock:
            drop = (args.drop is not None and not dropped[0] and
                    self.path.startswith(args.drop))
            if drop:
                dropped[0] = True
        if drop:
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() not in ("connection", "transfer-encoding",
                                 "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_HEAD = forward


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(args.cert, args.key)
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
with open(args.port_file + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os
os.rename(args.port_file + ".tmp", args.port_file)
srv.serve_forever()
