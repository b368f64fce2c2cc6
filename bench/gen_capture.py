#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Builds a large benchmark capture from recorded template connections (stdlib only).

Each template is a classic pcap holding one real TCP connection recorded on loopback
(bench/record-templates.sh): Ethernet + IPv4 + TCP, the client being the sender of the SYN.
The output replays N copies of the short template and M copies of the keep-alive template.
Each copy gets:
  * its own client address (127.1.x.y, 2000 client hosts) and client port, so every copy
    is its own TCP stream (no port reuse);
  * its own random initial sequence numbers for both sides (seq/ack rewritten consistently);
  * its own start time: short connections arrive as a Poisson process (ARRIVALS_PER_S),
    keep-alive connections start uniformly over the same span, and their think times (gaps
    of 10 ms or more) are stretched by a per-copy factor of 1-40, so they stay open for
    seconds while thousands of short connections come and go;
  * correct IPv4 header and TCP checksums (recomputed).
All copies are merged in time order. Everything is drawn from random.Random(seed), so the
same templates and arguments always give the same bytes.

  * optionally (--server-port P) the server's port P instead of the recorded 8000. With
    P = 80 tshark finds HTTP through its port table instead of its heuristic.

  * optionally (--opaque) payload bytes that no dissector recognises (every byte 'x', the
    lengths unchanged): then only TCP runs. Without it tshark decodes every connection as
    HTTP (its TCP heuristic finds the requests and responses even on port 8000).

  gen_capture.py --templates DIR --short N --long M --seed S [--server-port P] [--opaque] --out FILE
"""
import argparse
import array
import random
import struct
import sys

ARRIVALS_PER_S = 800.0          # new short connections per second
EPOCH = 1_700_000_000           # capture start (seconds)
HOSTS = 2000                    # client hosts
STRETCH_MIN_GAP_US = 10_000     # gaps at least this long are think times


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        sys.exit(f"{path}: not a classic pcap file")
    nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    linktype = struct.unpack(e + "I", data[20:24])[0]
    if linktype != 1:
        sys.exit(f"{path}: link type {linktype}, expected Ethernet (1)")
    pkts, off = [], 24
    while off + 16 <= len(data):
        sec, frac, incl, _orig = struct.unpack(e + "IIII", data[off:off + 16])
        off += 16
        ts_us = sec * 1_000_000 + (frac // 1000 if nano else frac)
        pkts.append((ts_us, data[off:off + incl]))
        off += incl
    return pkts


class Template:
    """One recorded connection: per packet its relative time, direction and frame bytes."""

    def __init__(self, path):
        raw = read_pcap(path)
        if not raw:
            sys.exit(f"{path}: empty")
        self.packets = []   # (rel_us, from_client, frame bytes, ip offset, ihl, tcp offset)
        client = server = None
        isn = {}
        t0 = raw[0][0]
        for ts, frame in raw:
            if len(frame) < 14 + 20 + 20 or struct.unpack("!H", frame[12:14])[0] != 0x0800:
                sys.exit(f"{path}: a frame that is not Ethernet/IPv4")
            ip = 14
            ihl = (frame[ip] & 0x0F) * 4
            if frame[ip + 9] != 6:
                sys.exit(f"{path}: a packet that is not TCP")
            tcp = ip + ihl
            src = (frame[ip + 12:ip + 16], struct.unpack("!H", frame[tcp:tcp + 2])[0])
            dst = (frame[ip + 16:ip + 20], struct.unpack("!H", frame[tcp + 2:tcp + 4])[0])
            flags = frame[tcp + 13]
            seq = struct.unpack("!I", frame[tcp + 4:tcp + 8])[0]
            if client is None:
                if flags & 0x12 != 0x02:
                    sys.exit(f"{path}: the first packet is not a SYN")
                client, server = src, dst
            from_client = src == client
            if not from_client and src != server:
                sys.exit(f"{path}: more than one connection")
            if flags & 0x02:
                isn.setdefault(from_client, seq)
            self.packets.append((ts - t0, from_client, frame, ip, ihl, tcp))
        if len(isn) != 2:
            sys.exit(f"{path}: no complete handshake")
        self.isn_client, self.isn_server = isn[True], isn[False]
        self.server_port = server[1]
        self.duration_us = self.packets[-1][0]


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(array.array("H", data))     # native order; folded and swapped below
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def emit_packet(tpl, idx, inst, server_port=None, opaque=False):
    """The frame of template packet idx for one copy (a fresh bytearray)."""
    _rel, from_client, frame, ip, ihl, tcp = tpl.packets[idx]
    f = bytearray(frame)
    caddr, cport, isn_c, isn_s = inst
    if server_port is not None:
        struct.pack_into("!H", f, tcp + 2 if from_client else tcp, server_port)
    if from_client:
        f[ip + 12:ip + 16] = caddr
        struct.pack_into("!H", f, tcp, cport)
        my_old, my_new, peer_old, peer_new = tpl.isn_client, isn_c, tpl.isn_server, isn_s
    else:
        f[ip + 16:ip + 20] = caddr
        struct.pack_into("!H", f, tcp + 2, cport)
        my_old, my_new, peer_old, peer_new = tpl.isn_server, isn_s, tpl.isn_client, isn_c
    if opaque:
        payload = tcp + (f[tcp + 12] >> 4) * 4
        end = ip + struct.unpack_from("!H", f, ip + 2)[0]
        f[payload:end] = b"x" * (end - payload)
    seq, ack = struct.unpack_from("!II", f, tcp + 4)
    seq = (seq - my_old + my_new) & 0xFFFFFFFF
    if f[tcp + 13] & 0x10:
        ack = (ack - peer_old + peer_new) & 0xFFFFFFFF
    struct.pack_into("!II", f, tcp + 4, seq, ack)
    # IPv4 header checksum
    f[ip + 10:ip + 12] = b"\0\0"
    struct.pack_into("=H", f, ip + 10, checksum(bytes(f[ip:ip + ihl])))
    # TCP checksum over the pseudo-header and the segment
    ip_total = struct.unpack_from("!H", f, ip + 2)[0]
    seg_len = ip_total - ihl
    f[tcp + 16:tcp + 18] = b"\0\0"
    pseudo = bytes(f[ip + 12:ip + 20]) + struct.pack("!BBH", 0, 6, seg_len)
    struct.pack_into("=H", f, tcp + 16, checksum(pseudo + bytes(f[tcp:tcp + seg_len])))
    return f


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--templates", required=True)
    ap.add_argument("--short", type=int, required=True)
    ap.add_argument("--long", type=int, required=True)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--server-port", type=int, default=None,
                    help="the server's TCP port in the output (default: as recorded, 8000)")
    ap.add_argument("--opaque", action="store_true",
                    help="replace every payload byte by 'x', so that only TCP decodes the capture")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    short = Template(f"{a.templates}/short.pcap")
    keep = Template(f"{a.templates}/keepalive.pcap")
    rng = random.Random(a.seed)

    # Start times (µs from EPOCH) and per-copy timelines.
    insts = []   # (template, rel_times, start_us, inst tuple)
    t = 0.0
    starts_short = []
    for _ in range(a.short):
        t += rng.expovariate(ARRIVALS_PER_S)
        starts_short.append(int(t * 1_000_000))
    span_us = max(starts_short[-1] if starts_short else 0, 1)
    starts_long = sorted(rng.randrange(span_us) for _ in range(a.long))
    kinds = [(s, 0) for s in starts_short] + [(s, 1) for s in starts_long]
    kinds.sort()
    for i, (start, kind) in enumerate(kinds):
        h = i % HOSTS
        caddr = bytes((127, 1, h // 250, h % 250 + 1))
        cport = 20000 + (i // HOSTS) % 40000
        isn_c, isn_s = rng.getrandbits(32), rng.getrandbits(32)
        tpl = keep if kind else short
        if kind:
            factor = rng.uniform(1.0, 40.0)
            rel, prev_orig, prev_new = [], 0, 0
            for r, *_ in tpl.packets:
                gap = r - prev_orig
                if gap >= STRETCH_MIN_GAP_US:
                    gap = int(gap * factor)
                prev_new += gap
                prev_orig = r
                rel.append(prev_new)
        else:
            rel = [r for r, *_ in tpl.packets]
        insts.append((tpl, rel, start, (caddr, cport, isn_c, isn_s)))

    order = []
    for ci, (tpl, rel, start, _inst) in enumerate(insts):
        for pi, r in enumerate(rel):
            order.append((start + r, ci, pi))
    order.sort()

    with open(a.out, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        buf = []
        for ts, ci, pi in order:
            tpl, _rel, _start, inst = insts[ci]
            f = emit_packet(tpl, pi, inst, a.server_port, a.opaque)
            sec, usec = divmod(ts, 1_000_000)
            buf.append(struct.pack("<IIII", EPOCH + sec, usec, len(f), len(f)))
            buf.append(f)
            if len(buf) >= 20000:
                out.write(b"".join(buf))
                buf.clear()
        out.write(b"".join(buf))
    print(f"{a.out}: {len(order)} packets, {len(insts)} TCP streams "
          f"({a.short} short x {len(short.packets)} packets, {a.long} keep-alive x {len(keep.packets)} packets), "
          f"{order[-1][0] / 1e6:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
