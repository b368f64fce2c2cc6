#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""HTTP/1.1-over-TLS client for the HTTPS teaching captures.

usage: tlsclient.py MODE PORT PATH [SECONDS]
  server-close   one keep-alive request, then wait (at most SECONDS) for the server to end
                 the idle connection; answer its close_notify and close.
  client-close   one keep-alive request, wait SECONDS, send close_notify (the client ends
                 the TLS session), wait for the server's reply, close.
The key log goes to $SSLKEYLOGFILE (ssl.create_default_context reads it). The certificate
is the recording's own, so it is not verified.
"""
import socket
import ssl
import sys
import time


def read_response(tls):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = tls.recv(4096)
        if not chunk:
            raise SystemExit("connection ended before the response headers")
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = tls.recv(4096)
        if not chunk:
            break
        body += chunk
    print(head.split(b"\r\n")[0].decode(), len(body), "bytes", file=sys.stderr)


def main():
    mode, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 5.0
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    raw = socket.create_connection(("127.0.0.1", port), timeout=seconds + 5)
    tls = ctx.wrap_socket(raw, server_hostname="lab.example")
    tls.sendall(("GET %s HTTP/1.1\r\nHost: lab.example:%d\r\n"
                 "User-Agent: lab-tlsclient\r\nAccept: */*\r\n\r\n" % (path, port)).encode())
    read_response(tls)
    if mode == "server-close":
        tls.settimeout(seconds)
        try:
            while tls.recv(4096):
                pass
        except (ssl.SSLZeroReturnError, socket.timeout):
            pass
        try:
            tls.unwrap()
        except (ssl.SSLError, OSError):
            pass
        raw.close()
    elif mode == "client-close":
        time.sleep(seconds)
        tls.settimeout(5)
        try:
            plain = tls.unwrap()
        except (ssl.SSLError, OSError):
            plain = raw
        try:
            plain.settimeout(5)
            while plain.recv(4096):
                pass
        except OSError:
            pass
        plain.close()
    else:
        raise SystemExit("unknown mode " + mode)


if __name__ == "__main__":
    main()
