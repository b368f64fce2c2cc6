# SPDX-License-Identifier: GPL-2.0-or-later
"""Python http.server speaking HTTP/1.1 without any Connection or Keep-Alive header.

Like IIS in the lab reports: responses carry Content-Length, so HTTP/1.1 keeps the
connection open (persistent by default), but the server never says for how long and never
closes an idle connection itself: the connection stays until the browser closes it.
Usage: /usr/bin/python3 lab-http11-server.py ROOT PORT [HOST]
"""
import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer


class Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def send_error(self, code, message=None, explain=None):
        # http.server's own send_error adds "Connection: close"; IIS keeps the connection
        # after a 404, so answer errors (the browser's /favicon.ico) without any
        # Connection header too.
        short, long_ = self.responses.get(code, ("???", "???"))
        body = (f"<html><body><h1>{code} {message or short}</h1>"
                f"<p>{explain or long_}</p></body></html>\n").encode()
        self.log_error("code %d, message %s", code, message or short)
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, fmt, *args):
        sys.stderr.write("http11: " + (fmt % args) + "\n")


root, port = sys.argv[1], int(sys.argv[2])
host = sys.argv[3] if len(sys.argv) > 3 else "127.0.0.1"
ThreadingHTTPServer.daemon_threads = True
httpd = ThreadingHTTPServer((host, port), functools.partial(Handler, directory=root))
sys.stderr.write(f"http.server HTTP/1.1 serving {root} on {host}:{port}\n")
httpd.serve_forever()
