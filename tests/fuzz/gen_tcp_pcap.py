#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes a random but TCP-shaped capture (classic pcap, Ethernet) for the capture fuzzer.

    gen_tcp_pcap.py SEED OUT.pcap [PACKETS]
    gen_tcp_pcap.py SEED:OUT.pcap [SEED:OUT.pcap ...]
    gen_tcp_pcap.py --case NAME OUT.pcapng

The --case form writes one fixed, hand-made connection (pcapng, Ethernet) for a bundled
capture instead of a random one; NAME is one of CASES below (sack-length-2,
resets-that-do-not-count, idle-upgrade-tunnel-smtp). A record may end with the client port,
or with (client port, server port), for a capture of several connections (40100 and 80
otherwise).

The second form writes many captures in one run (python's start-up costs more than a
capture): each OUT is byte for byte what `gen_tcp_pcap.py SEED OUT` writes.

Unlike `randpkt -t tcp` (random headers, every packet its own stream), the packets here
belong to a few connections on a few ports, with sequence and acknowledgement numbers
mostly where a real sender would put them — in order, retransmitted, with a gap, a
keep-alive, or anything — and flags from the usual combinations, so the plugin's state
machines are driven deep: handshakes, closes, resets, port reuse, mid-stream starts.
Some payloads are HTTP/1.x messages with odd Connection and Keep-Alive headers, some
packets are IPv6, some are ICMP errors quoting a TCP header, time stamps sometimes go
backwards or jump."""
import random
import struct
import sys

SYN, FIN, RST, PSH, ACK = 0x02, 0x01, 0x04, 0x08, 0x10
FLAG_SETS = [SYN, SYN | ACK, ACK, ACK | PSH, FIN | ACK, RST, RST | ACK, ACK, ACK | PSH,
             FIN | ACK | PSH, ACK, FIN, SYN | FIN, 0, ACK | PSH, ACK] + [ACK, ACK | PSH] * 6
ISNS = [0, 1, 1000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFF0, 0xFFFFFFFF, 0xDEADBEEF]
PORTS = [(40000, 80), (40001, 80), (40002, 8080), (443, 443), (80, 40000)]


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def http_payload(rng):
    conn = rng.choice(["close", "keep-alive", "Keep-Alive, close", "upgrade", "", "clo se",
                       "close,", ",,,", "x" * rng.randint(0, 300)])
    ka = rng.choice(["timeout=5", "timeout=5, max=100", "max=3, timeout=60", "timeout=-1",
                     "timeout=99999999999999", "timeout=", "timeout=abc", "timeout=2147483647",
                     "timeout=2147483648", ",timeout=7", "timeout=0", ""])
    headers = []
    if rng.random() < 0.6:
        headers.append("Connection: " + conn)
    if rng.random() < 0.5:
        headers.append("Keep-Alive: " + ka)
    if rng.random() < 0.2:
        headers.append("Range: bytes=0-10")
    if rng.random() < 0.2:
        headers.append("If-None-Match: \"x\"")
    version = rng.choice(["HTTP/1.1", "HTTP/1.0", "HTTP/1.1", "HTTP/9.9", "HTTP/1", "HTTP/"])
    body = b""
    if rng.random() < 0.5:
        start = "%s %s %s" % (rng.choice(["GET", "HEAD", "POST"]), "/" + "a" * rng.randint(0, 20), version)
    else:
        status = rng.choice([200, 206, 304, 404, 100, 101, 999, 0])
        start = "%s %d %s" % (version, status, rng.choice(["OK", "", "Not Modified"]))
        n = rng.choice([0, 0, 5, 50])
        headers.append("Content-Length: %d" % (n if rng.random() < 0.8 else n + 7))
        body = b"b" * n
    text = "\r\n".join([start] + headers) + "\r\n\r\n"
    if rng.random() < 0.1:
        text = text[: rng.randint(1, len(text))]  # cut in the middle
    return text.encode() + body


class Conn:
    def __init__(self, rng, idx):
        self.ports = rng.choice(PORTS)
        self.v6 = rng.random() < 0.2
        self.addrs = ((b"\xfd" + b"\0" * 14 + b"\x01", b"\xfd" + b"\0" * 14 + b"\x02") if self.v6 else
                      (bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2 if rng.random() < 0.9 else 1])))
        self.isn = [rng.choice(ISNS) + rng.choice([0, idx]), rng.choice(ISNS)]
        self.next = [self.isn[0] + 1, self.isn[1] + 1]


def tcp_segment(rng, c, d):
    flags = rng.choice(FLAG_SETS) if rng.random() < 0.95 else rng.randint(0, 0xFF)
    r = rng.random()
    if flags & SYN and r < 0.7:
        seq = c.isn[d]
    elif r < 0.6:
        seq = c.next[d]
    elif r < 0.7:
        seq = c.next[d] - 1
    elif r < 0.8:
        seq = c.next[d] + rng.randint(1, 3000)
    elif r < 0.9:
        seq = c.next[d] - rng.randint(1, 3000)
    else:
        seq = rng.getrandbits(32)
    r = rng.random()
    ack = (c.next[1 - d] if r < 0.7 else c.next[1 - d] - rng.randint(0, 2000) if r < 0.85
           else c.isn[1 - d] + 1 if r < 0.95 else rng.getrandbits(32))
    if not flags & ACK and rng.random() < 0.7:
        ack = 0
    payload = b""
    r = rng.random()
    if r < 0.25 and not flags & (SYN | RST):
        payload = http_payload(rng)
    elif r < 0.45:
        payload = bytes(rng.getrandbits(8) for _ in range(rng.choice([1, 10, 100, 536])))
    seq &= 0xFFFFFFFF
    ack &= 0xFFFFFFFF
    span = len(payload) + (1 if flags & SYN else 0) + (1 if flags & FIN else 0)
    if ((seq + span - c.next[d]) & 0xFFFFFFFF) < 0x80000000:
        c.next[d] = (seq + span) & 0xFFFFFFFF
    if flags & SYN and not flags & ACK and rng.random() < 0.2:
        c.isn[d] = rng.getrandbits(32)  # port reuse with a new ISN
        c.next[d] = c.isn[d] + 1
    sport, dport = c.ports if d == 0 else c.ports[::-1]
    window = rng.choice([0, 512, 29200, 65535])
    doff = 5
    options = b""
    if rng.random() < 0.3:
        options = rng.choice([b"\x02\x04\x05\xb4", b"\x01\x01\x08\x0a" + b"\0" * 8,
                              b"\x01\x01\x05\x0a" + b"\0" * 8, b"\x22\x0a" + b"\0" * 8 + b"\x00\x00"])
        options += b"\x00" * (-len(options) % 4)
        doff += len(options) // 4
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, doff << 4, flags & 0xFF, window, 0, 0)
    return hdr + options + payload


def ip_packet(c, d, proto, l4):
    src, dst = c.addrs if d == 0 else c.addrs[::-1]
    if c.v6:
        return b"\x86\xdd", struct.pack("!IHBB", 6 << 28, len(l4), proto, 64) + src + dst + l4
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 0, 0x4000, 64, proto, 0, src, dst)
    hdr = hdr[:10] + struct.pack("!H", csum(hdr)) + hdr[12:]
    return b"\x08\x00", hdr + l4


def write_capture(seed, out, count=0):
    """The capture of SEED, into the file OUT; COUNT packets (0: chosen by the seed)."""
    rng = random.Random(seed)
    count = count or rng.choice([5, 20, 60, 200])
    conns = [Conn(rng, i) for i in range(rng.randint(1, 4))]
    t = 1_700_000_000.0
    recs = []
    for _ in range(count):
        c = rng.choice(conns)
        d = rng.randint(0, 1)
        seg = tcp_segment(rng, c, d)
        ethertype, ip = ip_packet(c, d, 6, seg)
        if rng.random() < 0.03 and not c.v6:
            # an ICMP port unreachable quoting this segment's IP + TCP headers
            icmp = struct.pack("!BBHI", 3, 3, 0, 0) + ip[:48]
            ethertype, ip = ip_packet(c, 1 - d, 1, icmp)
        frame = b"\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb" + ethertype + ip
        r = rng.random()
        t += 0.001 if r < 0.8 else 0 if r < 0.85 else -0.5 if r < 0.9 else rng.choice([30, 3600, 1e6])
        secs = int(t) & 0xFFFFFFFF
        recs.append(struct.pack("<IIII", secs, int((t % 1) * 1e6) % 1000000, len(frame), len(frame)) + frame)
        if rng.random() < 0.05:
            recs.append(recs[-1])  # a duplicate
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        f.writelines(recs)


def tcp_checksum(src, dst, segment):
    return csum(src + dst + struct.pack("!BBH", 0, 6, len(segment)) + segment)


def case_sack_length_2():
    """Client 192.0.2.10:40100, server 192.0.2.20:80: three-way handshake, GET / and its
    200 OK, then the client's ACK of the response carrying a SACK option of length 2 (kind 5
    needs 2 + 8n bytes, n >= 1: Wireshark's TCP dissector reports it malformed), then a
    four-way close started by the client. [(time, c>s?, flags, seq, ack, options, payload)]"""
    c_isn, s_isn = 1000, 5000
    get = b"GET / HTTP/1.1\r\nHost: 192.0.2.20\r\nUser-Agent: lab\r\n\r\n"
    body = b"hello, lab\n"
    resp = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(body)) + body
    mss, sack_ok = b"\x02\x04\x05\xb4", b"\x04\x02\x01\x01"
    bad_sack = b"\x01\x01\x05\x02"  # NOP, NOP, SACK with length 2 (no block)
    c1, s1 = c_isn + 1, s_isn + 1
    c2, s2 = c1 + len(get), s1 + len(resp)
    return [
        (0.000, True, SYN, c_isn, 0, mss + sack_ok, b""),
        (0.010, False, SYN | ACK, s_isn, c1, mss + sack_ok, b""),
        (0.010, True, ACK, c1, s1, b"", b""),
        (0.011, True, PSH | ACK, c1, s1, b"", get),
        (0.021, False, ACK, s1, c2, b"", b""),
        (0.022, False, PSH | ACK, s1, c2, b"", resp),
        (0.032, True, ACK, c2, s2, bad_sack, b""),
        (1.032, True, FIN | ACK, c2, s2, b"", b""),
        (1.042, False, ACK, s2, c2 + 1, b"", b""),
        (1.043, False, FIN | ACK, s2, c2 + 1, b"", b""),
        (1.053, True, ACK, c2 + 1, s2 + 1, b"", b""),
    ]


def case_resets_that_do_not_count():
    """Client 192.0.2.10, server 192.0.2.20:80, three connections one after the other, each
    ending with GET /, a 200 OK with Connection: close and a close the server starts.
    (a) port 40101: SYN, then a FIN without ACK whose Seq is the SYN's, then the server's
        SYN+ACK (Ack = ISN + 1) and the client's ACK: the FIN is dropped by every TCP state.
    (b) port 40102: SYN, then an RST/ACK whose Ack is the client's ISN (not ISN + 1): in
        SYN-SENT it is not acceptable (RFC 9293 3.10.7.3); then the real SYN+ACK.
    (c) port 40103: SYN, then an acceptable RST/ACK (Ack = ISN + 1); a SYN+ACK comes anyway,
        the client acknowledges it and the connection goes on.
    The RSTs have Seq 0, as a stack answering a SYN without ACK writes it.
    [(time, c>s?, flags, seq, ack, options, payload, client port)]"""
    get = b"GET / HTTP/1.1\r\nHost: 192.0.2.20\r\n\r\n"
    body = b"ok\n"
    resp = (b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(body)) + body
    recs = []

    def rest(t, port, c_isn, s_isn):
        c1, s1 = c_isn + 1, s_isn + 1
        c2, s2 = c1 + len(get), s1 + len(resp)
        return [
            (t + 0.010, False, SYN | ACK, s_isn, c1, b"", b"", port),
            (t + 0.020, True, ACK, c1, s1, b"", b"", port),
            (t + 0.021, True, PSH | ACK, c1, s1, b"", get, port),
            (t + 0.031, False, PSH | ACK, s1, c2, b"", resp, port),
            (t + 0.032, False, FIN | ACK, s2, c2, b"", b"", port),
            (t + 0.042, True, ACK, c2, s2 + 1, b"", b"", port),
            (t + 0.043, True, FIN | ACK, c2, s2 + 1, b"", b"", port),
            (t + 0.053, False, ACK, s2 + 1, c2 + 1, b"", b"", port),
        ]

    recs += [(0.000, True, SYN, 1000, 0, b"", b"", 40101),
             (0.001, True, FIN, 1000, 0, b"", b"", 40101)] + rest(0.000, 40101, 1000, 5000)
    recs += [(1.000, True, SYN, 2000, 0, b"", b"", 40102),
             (1.005, False, RST | ACK, 0, 2000, b"", b"", 40102)] + rest(1.000, 40102, 2000, 6000)
    recs += [(2.000, True, SYN, 3000, 0, b"", b"", 40103),
             (2.005, False, RST | ACK, 0, 3001, b"", b"", 40103)] + rest(2.000, 40103, 3000, 7000)
    return recs


CASES = {"sack-length-2": case_sack_length_2}
CASES["resets-that-do-not-count"] = case_resets_that_do_not_count


def case_idle_upgrade_tunnel_smtp():
    """Four connections from 192.0.2.10 to 192.0.2.20, each handshake 2 s after the last
    (docs/semantics.md, "Resets that do not count, and what else is never said"):
    (a) client port 40201 to 80: GET /a and GET /b (pipelined), the 200 to /a (Keep-Alive:
        timeout=5); 1.3 s later the client's FIN (a half-close: it has no more requests);
        the server then sends the 200 to /b and its own FIN. The idle time is 1.3 s: payload
        after the first FIN is part of the close.
    (b) 40202 to 80: GET /chat with Upgrade: websocket, 101 Switching Protocols, one
        WebSocket text frame each way, then the server closes first.
    (c) 40203 to 80: CONNECT example.test:443, 200 Connection Established, 16 opaque bytes
        each way, then the server closes first.
    (d) 40204 to 25 (SMTP): 220 greeting, EHLO, 250, QUIT, 221, the server closes first.
    [(time, c>s?, flags, seq, ack, options, payload, (client port, server port))]"""
    mss = b"\x02\x04\x05\xb4"
    out = []

    def conn(t0, ports, c_isn, s_isn, steps):
        """A handshake at t0, then steps [(dt, c>s?, flags, payload)] with the numbers
        following from the bytes and FINs sent so far."""
        seq = {True: c_isn + 1, False: s_isn + 1}
        out.append((t0, True, SYN, c_isn, 0, mss, b"", ports))
        out.append((t0 + 0.010, False, SYN | ACK, s_isn, c_isn + 1, mss, b"", ports))
        out.append((t0 + 0.010, True, ACK, seq[True], seq[False], b"", b"", ports))
        for dt, to_server, flags, payload in steps:
            out.append((round(t0 + dt, 6), to_server, flags, seq[to_server], seq[not to_server],
                        b"", payload, ports))
            seq[to_server] += len(payload) + (1 if flags & FIN else 0)

    get = b"GET /%s HTTP/1.1\r\nHost: 192.0.2.20\r\nUser-Agent: lab\r\n\r\n"
    ok = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n"
          b"Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n%s")
    conn(0.0, (40201, 80), 1000, 5000, [
        (0.011, True, PSH | ACK, get % b"a"),
        (0.012, True, PSH | ACK, get % b"b"),
        (0.021, False, ACK, b""),
        (0.022, False, PSH | ACK, ok % b"resource a\r\n"),
        (0.032, True, ACK, b""),
        (1.322, True, FIN | ACK, b""),
        (1.332, False, ACK, b""),
        (1.333, False, PSH | ACK, ok % b"resource b\r\n"),
        (1.343, True, ACK, b""),
        (1.344, False, FIN | ACK, b""),
        (1.354, True, ACK, b""),
    ])
    upgrade = (b"GET /chat HTTP/1.1\r\nHost: 192.0.2.20\r\nUpgrade: websocket\r\n"
               b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               b"Sec-WebSocket-Version: 13\r\n\r\n")
    switched = (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                b"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
    # a masked text frame "hi" (client), an unmasked text frame "hi" (server)
    ws_c, ws_s = b"\x81\x82\x01\x02\x03\x04" + bytes([ord("h") ^ 1, ord("i") ^ 2]), b"\x81\x02hi"
    conn(2.0, (40202, 80), 2000, 6000, [
        (0.011, True, PSH | ACK, upgrade),
        (0.021, False, PSH | ACK, switched),
        (0.031, True, PSH | ACK, ws_c),
        (0.041, False, PSH | ACK, ws_s),
        (0.051, True, ACK, b""),
        (0.541, False, FIN | ACK, b""),
        (0.551, True, ACK, b""),
        (0.552, True, FIN | ACK, b""),
        (0.562, False, ACK, b""),
    ])
    connect = b"CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n"
    established = b"HTTP/1.1 200 Connection Established\r\n\r\n"
    conn(4.0, (40203, 80), 3000, 7000, [
        (0.011, True, PSH | ACK, connect),
        (0.021, False, PSH | ACK, established),
        (0.031, True, PSH | ACK, bytes(range(0x10, 0x20))),
        (0.041, False, PSH | ACK, bytes(range(0x30, 0x40))),
        (0.051, True, ACK, b""),
        (0.751, False, FIN | ACK, b""),
        (0.761, True, ACK, b""),
        (0.762, True, FIN | ACK, b""),
        (0.772, False, ACK, b""),
    ])
    conn(6.0, (40204, 25), 4000, 8000, [
        (0.020, False, PSH | ACK, b"220 mail.example.test ESMTP\r\n"),
        (0.030, True, PSH | ACK, b"EHLO client.example.test\r\n"),
        (0.040, False, PSH | ACK, b"250 mail.example.test\r\n"),
        (0.050, True, PSH | ACK, b"QUIT\r\n"),
        (0.060, False, PSH | ACK, b"221 2.0.0 Bye\r\n"),
        (0.061, False, FIN | ACK, b""),
        (0.071, True, ACK, b""),
        (0.072, True, FIN | ACK, b""),
        (0.082, False, ACK, b""),
    ])
    return out


CASES["idle-upgrade-tunnel-smtp"] = case_idle_upgrade_tunnel_smtp


def pcapng_block(kind, body):
    body += b"\0" * (-len(body) % 4)
    return struct.pack("<II", kind, len(body) + 12) + body + struct.pack("<I", len(body) + 12)


def write_case(name, out):
    """The fixed capture NAME (CASES), into the pcapng file OUT: checksums right, times from
    2026-01-01 00:00:00 UTC."""
    client, server, cport, sport = bytes([192, 0, 2, 10]), bytes([192, 0, 2, 20]), 40100, 80
    cmac, smac = b"\x02\x00\x00\x00\x00\x0a", b"\x02\x00\x00\x00\x00\x14"
    t0 = 1_767_225_600
    blocks = [pcapng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)),
              pcapng_block(1, struct.pack("<HHI", 1, 0, 262144))]
    for ip_id, (t, to_server, flags, seq, ack, options, payload, *ports) in enumerate(CASES[name](), 1):
        # a case may give the client port, or both ports (the module docstring)
        given = ports[0] if ports else (cport, sport)
        c_port, s_port = given if isinstance(given, tuple) else (given, sport)
        src, dst = (client, server) if to_server else (server, client)
        ports = (c_port, s_port) if to_server else (s_port, c_port)
        doff = 5 + len(options) // 4
        tcp = struct.pack("!HHIIBBHHH", ports[0], ports[1], seq, ack, doff << 4, flags, 64240, 0, 0) + options + payload
        tcp = tcp[:16] + struct.pack("!H", tcp_checksum(src, dst, tcp)) + tcp[18:]
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), ip_id, 0x4000, 64, 6, 0, src, dst)
        ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
        frame = (smac + cmac if to_server else cmac + smac) + b"\x08\x00" + ip + tcp
        usec = t0 * 1_000_000 + round(t * 1_000_000)
        blocks.append(pcapng_block(6, struct.pack("<IIIII", 0, usec >> 32, usec & 0xFFFFFFFF,
                                                  len(frame), len(frame)) + frame))
    with open(out, "wb") as f:
        f.writelines(blocks)


def main():
    args = sys.argv[1:]
    if len(args) == 3 and args[0] == "--case" and args[1] in CASES:
        write_case(args[1], args[2])
    elif args and ":" in args[0]:
        for pair in args:
            seed, out = pair.split(":", 1)
            write_capture(int(seed), out)
    elif len(args) in (2, 3):
        write_capture(int(args[0]), args[1], int(args[2]) if len(args) > 2 else 0)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
