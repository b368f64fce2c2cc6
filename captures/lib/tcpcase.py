#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Small TCP clients and servers for the Lab Handshake recordings.

Each subcommand is one side of one recorded case (see captures/scenarios/*.sh). They are
plain socket programs: the TCP behaviour in the captures is the Linux kernel's own. Every
subcommand ends by itself (socket timeouts, bounded loops); the scenario scripts also run
them under `timeout`. Run with /usr/bin/python3 inside the namespaces of captures/lib/netns.sh.
"""
import argparse
import socket
import struct
import sys
import time

TIMEOUT = 15.0  # seconds, for any single blocking socket call


def log(*a):
    print("[tcpcase]", *a, file=sys.stderr, flush=True)


def addr_family(ip):
    return socket.AF_INET6 if ":" in ip else socket.AF_INET


def listener(ip, port, backlog=8, fastopen=0):
    s = socket.socket(addr_family(ip), socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if fastopen:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_FASTOPEN, fastopen)
    s.bind((ip, port))
    s.listen(backlog)
    s.settimeout(TIMEOUT)
    return s


def accept(ls):
    c, peer = ls.accept()
    c.settimeout(TIMEOUT)
    log("accepted", peer)
    return c


def connect(ip, port, bind_port=0, bind_ip=None):
    s = socket.socket(addr_family(ip), socket.SOCK_STREAM)
    s.settimeout(TIMEOUT)
    if bind_port or bind_ip:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((bind_ip or "", bind_port))
    s.connect((ip, port))
    return s


def read_request(c):
    """Read up to the end of an HTTP-style header block; return it (b'' on EOF)."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        d = c.recv(4096)
        if not d:
            break
        buf += d
    return buf


def read_until_eof(c):
    n = 0
    while True:
        d = c.recv(65536)
        if not d:
            return n
        n += len(d)


def read_response(c):
    """Read one HTTP response with Content-Length; return (headers, body)."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        d = c.recv(65536)
        if not d:
            raise EOFError("connection closed before the response headers")
        buf += d
    head, body = buf.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"content-length":
            length = int(v.strip())
    while len(body) < length:
        d = c.recv(65536)
        if not d:
            raise EOFError("connection closed in the body")
        body += d
    return head, body


def http_response(body, close=False):
    h = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n" % len(body)
    if close:
        h += "Connection: close\r\n"
    return h.encode() + b"\r\n" + body


def text_body(n, label="Lab Handshake"):
    line = ("%s: a line of text to fill the body of the response.\n" % label).encode()
    return (line * (n // len(line) + 1))[:n]


def get_request(host, path, close=False):
    r = "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: lab-handshake\r\n" % (path, host)
    r += "Connection: close\r\n" if close else ""
    return (r + "\r\n").encode()


def sleep_until(t):
    d = t - time.time()
    if d > 0:
        time.sleep(d)


# ---------------------------------------------------------------- close variants (16, 17)
def cmd_close_server(a):
    """One request/response; then either wait for the client's FIN (client closes first)
    and close `eof_delay` later, or close right after the response (server closes first)."""
    ls = listener(a.bind, a.port)
    c = accept(ls)
    ls.close()
    req = read_request(c)
    log("request", len(req), "bytes")
    body = text_body(a.size)
    if a.cork:
        # Hold the data back until shutdown(): the FIN then rides on the last data segment.
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
    c.sendall(http_response(body, close=(a.first == "server")))
    if a.first == "server":
        time.sleep(a.delay)
        if a.cork:
            c.shutdown(socket.SHUT_WR)
            read_until_eof(c)
        c.close()
        log("server closed first")
    else:
        n = read_until_eof(c)
        log("client FIN read (after %d more bytes)" % n)
        time.sleep(a.eof_delay)
        c.close()
        log("server closed %.3f s after EOF" % a.eof_delay)


def cmd_close_client(a):
    c = connect(a.server, a.port)
    c.sendall(get_request(a.server, "/page", close=(a.first == "server")))
    head, body = read_response(c)
    log("response", len(body), "body bytes")
    if a.first == "client":
        time.sleep(a.delay)
        c.close()
        log("client closed first")
    else:
        read_until_eof(c)
        log("server FIN read")
        time.sleep(a.eof_delay)
        c.close()
        log("client closed %.3f s after EOF" % a.eof_delay)


# ---------------------------------------------------------------- half-close (11)
def cmd_halfclose_server(a):
    """A 'sort' service: reads lines until EOF (the client's FIN), then sends the sorted
    lines back in several chunks, one every `interval` seconds, then closes."""
    ls = listener(a.bind, a.port)
    c = accept(ls)
    ls.close()
    data = b""
    while True:
        d = c.recv(4096)
        if not d:
            break
        data += d
    log("input complete (EOF): %d bytes" % len(data))
    time.sleep(a.eof_delay)
    lines = sorted(data.splitlines(keepends=True))
    per = max(1, len(lines) // a.chunks)
    for i in range(0, len(lines), per):
        c.sendall(b"".join(lines[i:i + per]))
        time.sleep(a.interval)
    c.close()
    log("server closed")


def cmd_halfclose_client(a):
    c = connect(a.server, a.port)
    words = ["tango", "alpha", "kilo", "echo", "lima", "bravo", "yankee", "delta",
             "golf", "hotel", "india", "juliett", "mike", "november", "oscar",
             "papa", "quebec", "romeo", "sierra", "charlie", "uniform", "victor",
             "whiskey", "xray", "foxtrot", "zulu"]
    lines = []
    for i in range(a.lines):
        w = words[(i * 7) % len(words)]
        lines.append(("%s %04d %s\n" % (w, i, "." * 40)).encode())
    c.sendall(b"".join(lines))
    c.shutdown(socket.SHUT_WR)   # "no more input": FIN, but keep reading
    log("sent %d lines, then shutdown(SHUT_WR)" % len(lines))
    n = read_until_eof(c)
    log("received %d bytes of sorted output, then EOF" % n)
    c.close()


# ---------------------------------------------------------------- TCP keep-alive (10)
def cmd_keepalive_client(a):
    c = connect(a.server, a.port)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, a.idle)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, a.intvl)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, a.cnt)
    for i in range(a.requests):
        if i:
            log("idle for %.1f s (TCP keep-alive probes run meanwhile)" % a.pause)
            time.sleep(a.pause)
        c.sendall(get_request(a.server, a.path))
        head, body = read_response(c)
        log("response %d: %s, %d body bytes" % (i + 1, head.split(b"\r\n")[0].decode(), len(body)))
    time.sleep(a.pause_before_close)
    c.close()
    log("client closed")


# ---------------------------------------------------------------- simultaneous open (14)
def cmd_simopen(a):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((a.bind, a.port))
    s.settimeout(TIMEOUT)
    sleep_until(a.at)
    s.connect((a.peer, a.peer_port))   # no listen(): both sides connect() at once
    log("connected", s.getsockname(), "->", s.getpeername())
    hello = ("hello from %s:%d\n" % (a.bind, a.port)).encode()
    if a.speak_first:
        time.sleep(a.before_data)
        s.sendall(hello)
    got = b""
    while not got.endswith(b"\n"):
        d = s.recv(100)
        if not d:
            break
        got += d
    log("peer says", got)
    if not a.speak_first:
        s.sendall(hello)
    if a.close_at:
        sleep_until(a.close_at)
        s.close()
    else:
        read_until_eof(s)
        time.sleep(a.eof_delay)
        s.close()
    log("closed")


# ---------------------------------------------------------------- simultaneous close (15)
def cmd_simclose(a):
    if a.listen:
        ls = listener(a.listen, a.port)
        s = accept(ls)
        ls.close()
        got = s.recv(100)
        s.sendall(b"pong\n")
    else:
        s = connect(a.server, a.port)
        s.sendall(b"ping\n")
        got = s.recv(100)
    log("got", got)
    sleep_until(a.at)
    s.shutdown(socket.SHUT_WR)   # both sides do this at the same instant
    read_until_eof(s)
    s.close()
    log("closed")


# ---------------------------------------------------------------- TCP Fast Open (18)
def cmd_tfo_server(a):
    ls = listener(a.bind, a.port, fastopen=16)
    for i in range(a.count):
        c = accept(ls)
        req = read_request(c)
        log("request %d: %r" % (i + 1, req.split(b"\r\n")[0]))
        c.sendall(http_response(text_body(a.size), close=a.close_at_once))
        if a.close_at_once:
            # with the data on the SYN, accept() returned before the client's ACK: this
            # close happens in SYN-RECEIVED (RFC 9293: the FIN goes out, FIN-WAIT-1)
            c.close()
            continue
        read_until_eof(c)
        c.close()
    ls.close()


def cmd_tfo_client(a):
    for i in range(a.count):
        if i:
            time.sleep(a.pause)
        c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # sendto(MSG_FASTOPEN) = connect() + send(): the data may ride in the SYN.
        # (blocking socket: with a Python timeout the call would return EINPROGRESS)
        c.sendto(get_request(a.server, "/tfo-%d" % (i + 1)), socket.MSG_FASTOPEN, (a.server, a.port))
        c.settimeout(TIMEOUT)
        head, body = read_response(c)
        log("connection %d: %d body bytes" % (i + 1, len(body)))
        time.sleep(a.delay)
        c.close()


# ---------------------------------------------------------------- resets (19)
def cmd_rst_server(a):
    ls = listener(a.bind, a.port)
    c = accept(ls)
    ls.close()
    if a.case == "abort-during-data":
        # stream chunks slowly until the peer resets the connection
        for i in range(100):
            try:
                c.sendall(("chunk %03d " % i).encode() + b"x" * (a.size - 10))
            except OSError as e:
                log("send failed:", e)
                break
            time.sleep(a.interval)
    elif a.case == "write-after-close":
        read_request(c)
        c.sendall(http_response(text_body(a.size), close=True))
        c.close()                     # full close: FIN; later data from the peer gets an RST
        log("server closed")
        time.sleep(a.interval)
    elif a.case == "unread-data":
        first = c.recv(10)            # read only 10 bytes of the request, leave the rest
        log("read only %r" % first)
        time.sleep(a.interval)        # the client's FIN arrives meanwhile
        c.close()                     # unread data in the receive buffer: RST, not FIN
        log("server closed with unread data")
    elif a.case == "close-first":
        read_request(c)
        c.sendall(http_response(text_body(a.size), close=True))
        c.close()
        log("server closed first")


def cmd_rst_client(a):
    if a.case == "abort-during-data":
        c = connect(a.server, a.port)
        got = 0
        while got < a.size * a.chunks:
            d = c.recv(65536)
            if not d:
                break
            got += len(d)
        # SO_LINGER on, timeout 0: close() aborts the connection with an RST
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close()
        log("client aborted after %d bytes" % got)
    elif a.case == "write-after-close":
        c = connect(a.server, a.port)
        c.sendall(get_request(a.server, "/first"))
        read_response(c)
        read_until_eof(c)             # the server's FIN
        time.sleep(a.delay)
        log("server has closed; client writes anyway")
        c.sendall(get_request(a.server, "/second"))
        try:
            d = c.recv(100)
            log("read", d)
        except OSError as e:
            log("recv:", e)
        c.close()
    elif a.case == "unread-data":
        c = connect(a.server, a.port)
        c.sendall(b"PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 600\r\n\r\n" + b"u" * 600)
        c.shutdown(socket.SHUT_WR)
        try:
            n = read_until_eof(c)
            log("EOF after %d bytes" % n)
        except OSError as e:
            log("recv:", e)
        c.close()
    elif a.case == "reconnect":
        # connect from a fixed port, read the whole response; the server closes first
        c = connect(a.server, a.port, bind_port=a.bind_port)
        c.sendall(get_request(a.server, "/once", close=True))
        read_until_eof(c)
        time.sleep(a.delay)
        c.close()
        log("first connection closed; reconnecting from the same port after %.1f s" % a.pause)
        time.sleep(a.pause)
        c = connect_quiet(a.server, a.port, a.bind_port)
        if c:
            c.close()


# ---------------------------------------------------------------- segments after an RST (issue 9)
def cmd_inflight_server(a):
    """Reads the request, waits `wait` seconds, then aborts (SO_LINGER 0: an RST). The
    client's next data and FIN, sent just before the RST reaches it, are then in flight."""
    ls = listener(a.bind, a.port)
    c = accept(ls)
    ls.close()
    read_request(c)
    time.sleep(a.wait)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.close()
    log("server aborted (RST)")
    time.sleep(0.5)


def cmd_inflight_client(a):
    c = connect(a.server, a.port)
    c.sendall(get_request(a.server, "/upload"))
    time.sleep(a.wait)
    try:
        c.sendall(b"x" * a.size)         # more data, and the FIN right behind it
        c.shutdown(socket.SHUT_WR)
        log("data and FIN sent")
        c.recv(100)
    except OSError as e:
        log("as expected:", e)
    c.close()


def tcp_checksum(src, dst, seg):
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, socket.IPPROTO_TCP, len(seg))
    data = pseudo + seg + (b"\0" if len(seg) % 2 else b"")
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff


def raw_tcp(src, dst, sport, dport, seq, ack, flags, payload=b"", window=502, urg=0):
    """Sends one TCP segment through a raw socket (the kernel adds the IPv4 header)."""
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff, 5 << 4, flags, window, 0, urg)
    csum = tcp_checksum(src, dst, hdr + payload)
    hdr = hdr[:16] + struct.pack("!H", csum) + hdr[18:]
    r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
    try:
        r.sendto(hdr + payload, (dst, 0))
    finally:
        r.close()


F_FIN, F_SYN, F_RST, F_PSH, F_ACK, F_URG = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20


def sniff_last(sniffer, sport, dport):
    """The (seq, ack, flags) of the last captured IPv4/TCP frame from sport to dport."""
    last = None
    while True:
        try:
            f = sniffer.recv(65535)
        except BlockingIOError:
            return last
        if len(f) < 14 + 20 + 20 or f[12:14] != b"\x08\x00" or f[23] != socket.IPPROTO_TCP:
            continue
        ihl = (f[14] & 0x0f) * 4
        t = f[14 + ihl:]
        sp, dp, seq, ack = struct.unpack("!HHII", t[:12])
        if sp == sport and dp == dport:
            last = (seq, ack, t[13])


def cmd_late_after_rst(a):
    """One request and response; the client aborts (RST); `late` seconds later a segment
    with data on the same ports and the connection's numbers is sent through a raw socket
    (as a stale copy, or a confused middlebox, would). The server's kernel answers it."""
    sniffer = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))  # ETH_P_ALL: outgoing frames too
    sniffer.bind((a.iface, 0))
    c = connect(a.server, a.port, bind_port=a.bind_port)
    c.sendall(get_request(a.server, "/late"))
    head, body = read_response(c)
    log("response", len(body), "body bytes")
    time.sleep(0.1)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.close()
    log("client aborted (RST)")
    time.sleep(a.late)
    sniffer.setblocking(False)
    last = sniff_last(sniffer, a.bind_port, a.port)
    sniffer.close()
    if not last or not last[2] & F_RST:
        raise OSError("the client's RST was not seen")
    seq, ack, _ = last
    raw_tcp(a.client, a.server, a.bind_port, a.port, seq, ack, F_ACK | F_PSH, b"late data after the RST\n")
    log("late segment sent: seq %u ack %u" % (seq, ack))
    time.sleep(0.3)


def cmd_probe(a):
    """A port scanner's probe: SYN+FIN+PSH+URG, through a raw socket."""
    raw_tcp(a.client, a.server, a.bind_port, a.port, a.seq, 0, F_SYN | F_FIN | F_PSH | F_URG, window=1024)
    log("probe sent from port %d" % a.bind_port)
    time.sleep(0.3)


def connect_quiet(ip, port, bind_port):
    try:
        return connect(ip, port, bind_port=bind_port)
    except OSError as e:
        log("connect:", e)
        return None


# ---------------------------------------------------------------- port reuse (20)
def cmd_reuse_server(a):
    ls = listener(a.bind, a.port)
    for i in range(a.count):
        c = accept(ls)
        req = read_request(c)
        c.sendall(http_response(text_body(a.size, "connection %d" % (i + 1)), close=True))
        c.close()                     # server closes first: TIME-WAIT is on the server side
        log("closed connection", i + 1)
    ls.close()


def cmd_reuse_client(a):
    for i in range(a.count):
        if i:
            time.sleep(a.pause)
        c = connect(a.server, a.port, bind_port=a.bind_port)
        log("connection %d from port %d" % (i + 1, c.getsockname()[1]))
        c.sendall(get_request(a.server, "/conn-%d" % (i + 1), close=True))
        read_until_eof(c)
        time.sleep(a.delay)
        c.close()


# ---------------------------------------------------------------- mid-stream start (21)
def cmd_ticker_server(a):
    ls = listener(a.bind, a.port)
    c = accept(ls)
    ls.close()
    c.recv(100)
    t0 = time.time()
    i = 0
    while time.time() - t0 < a.duration:
        c.sendall(("tick %03d %s\n" % (i, time.strftime("%H:%M:%S"))).encode())
        i += 1
        time.sleep(a.interval)
    c.close()
    log("server sent %d ticks and closed" % i)


def cmd_ticker_client(a):
    c = connect(a.server, a.port)
    c.sendall(b"subscribe\n")
    n = read_until_eof(c)
    log("got %d bytes, then EOF" % n)
    time.sleep(a.eof_delay)
    c.close()


def main():
    p = argparse.ArgumentParser(description=__doc__)
    sub = p.add_subparsers(dest="cmd", required=True)

    def add(name, fn, **kw):
        sp = sub.add_parser(name)
        sp.set_defaults(fn=fn)
        sp.add_argument("--port", type=int, default=24)
        for k, v in kw.items():
            sp.add_argument("--" + k.replace("_", "-"), type=type(v) if v is not None else str, default=v)
        return sp

    s = add("close-server", cmd_close_server, bind="192.0.2.20", size=300, delay=0.0, eof_delay=0.0, first="client")
    s.add_argument("--cork", action="store_true")
    add("close-client", cmd_close_client, server="192.0.2.20", delay=0.0, eof_delay=0.0, first="client")
    add("halfclose-server", cmd_halfclose_server, bind="192.0.2.20", eof_delay=0.15, chunks=6, interval=0.1)
    add("halfclose-client", cmd_halfclose_client, server="192.0.2.20", lines=120)
    add("keepalive-client", cmd_keepalive_client, server="192.0.2.20", path="/hello.txt", idle=2, intvl=1,
        cnt=3, requests=2, pause=7.0, pause_before_close=0.2)
    s = add("simopen", cmd_simopen, bind="192.0.2.10", peer="192.0.2.20", peer_port=0, at=0.0, before_data=0.3,
            close_at=0.0, eof_delay=0.2)
    s.add_argument("--speak-first", action="store_true")
    add("simclose", cmd_simclose, listen="", server="192.0.2.20", at=0.0)
    s = add("tfo-server", cmd_tfo_server, bind="192.0.2.20", count=2, size=200)
    s.add_argument("--close-at-once", action="store_true")
    add("inflight-server", cmd_inflight_server, bind="192.0.2.20", wait=0.45)
    add("inflight-client", cmd_inflight_client, server="192.0.2.20", wait=0.5, size=200)
    add("late-after-rst", cmd_late_after_rst, server="192.0.2.20", client="192.0.2.10", iface="cli0",
        bind_port=40000, late=2.0)
    add("probe", cmd_probe, server="192.0.2.20", client="192.0.2.10", bind_port=40001, seq=123456789)
    add("tfo-client", cmd_tfo_client, server="192.0.2.20", count=2, pause=0.5, delay=0.1)
    add("rst-server", cmd_rst_server, bind="192.0.2.20", case="", size=1000, interval=0.1)
    add("rst-client", cmd_rst_client, server="192.0.2.20", case="", size=1000, chunks=3, delay=0.2,
        bind_port=0, pause=0.5)
    add("reuse-server", cmd_reuse_server, bind="192.0.2.20", count=2, size=200)
    add("reuse-client", cmd_reuse_client, server="192.0.2.20", count=2, bind_port=40000, pause=1.0, delay=0.1)
    add("ticker-server", cmd_ticker_server, bind="192.0.2.20", duration=3.0, interval=0.25)
    add("ticker-client", cmd_ticker_client, server="192.0.2.20", eof_delay=0.2)
    a = p.parse_args()
    try:
        a.fn(a)
    except (OSError, EOFError) as e:
        log("%s: %s: %s" % (a.cmd, type(e).__name__, e))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
