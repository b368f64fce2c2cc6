#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every count `tshark -z lab,tree` prints (plugin/lab_stats.c) equals what the packets' own
fields say, worked out here from one `tshark -2 -T fields` run of the capture: the plugin's
per-packet fields and tshark's raw TCP and HTTP fields.

Connections are found from TCP alone: one tcp.stream is one connection, and a bare SYN (SYN
without ACK or RST) starts the next one when the stream's connection has finished or the SYN
has another ISN than its sender's earlier SYN in that connection (port reuse). A connection
finishes at its first accepted RST (a frame that is a reset step; an RST its receiver ignores
makes none), or at the first segment after which each side's FIN (with ACK) has been
acknowledged by the other side (an Ack at or past the FIN's Seq + Len + 1). The client is
the bare SYN's sender, else the other side of a SYN/ACK, else the higher port.

  Connections seen                 the connections
    handshake completed            frames that are handshake step 3; checked against TCP: the
                                   connections where the client acknowledges the ISN + 1 of a
                                   SYN/ACK that acknowledged its SYN (Fast Open data included);
                                   with nothing captured from the server, where the client
                                   sends an ACK after its SYN
    refused (SYN answered by RST)  reset steps of context "refused"; checked against TCP: the
                                   connections with no SYN/ACK where an RST/ACK from the other
                                   side acknowledges the SYN's ISN + 1
    handshake not captured         connections whose first frame has roles guessed
                                   (lab.dir.guessed); checked against TCP: connections whose
                                   first segment has no SYN
  Connections finished             the connections that finish (above); on the finishing frame
                                   the plugin must show a close or reset step and lab.conn.*
    by who closed first            lab.conn.closer on the finishing frame; checked against
                                   TCP: the sender of the first FIN or accepted RST, "both"
                                   when the second FIN does not acknowledge the first
    by verdict                     lab.conn.verdict.class on the finishing frame, and the same
                                   as lab.final.verdict.class on the connection's last frame
    by number of HTTP requests     lab.conn.requests on the finishing frame, equal to the
                                   number of HTTP requests (http.request.method) up to that
                                   frame; the ranges, their total, average, minimum, maximum
    by close kind                  "abort" when a reset finishes the connection, else
                                   lab.close.kind on the finishing frame; checked against TCP:
                                   simultaneous when the second FIN does not acknowledge the
                                   first, three-way when the first FIN is first acknowledged
                                   by the other side's FIN, half-closed when the other side
                                   sends data after acknowledging it, else four-way
  Connection phase of each TCP segment   frames by lab.phase; in all, every TCP frame that
                                   tshark did not find malformed

A node the tree leaves out counts 0; the ranges of the requests node are always printed.
English labels (the values' names from tshark -G values).

    check_stats_numbers.py RUNNER PLUGIN GOLDEN_DIR CAPTURE...
"""
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import cells, field_rows, lab_values, run  # noqa: E402
from golden_args import golden_args  # noqa: E402

FIELDS = ["frame.number", "tcp.stream", "ip.src", "ipv6.src", "tcp.srcport", "tcp.flags.syn", "tcp.flags.ack",
          "tcp.flags.fin", "tcp.flags.reset", "tcp.seq_raw", "tcp.ack_raw", "tcp.len", "http.request.method",
          "lab.stream", "lab.phase", "lab.dir.guessed", "lab.step.handshake", "lab.step.close", "lab.step.reset",
          "lab.step.reset.context", "lab.close.kind", "lab.conn.closer", "lab.conn.verdict.class",
          "lab.conn.requests", "lab.final.verdict.class", "_ws.malformed"]

# The node labels of plugin/lab_stats.c in English (core/lab_msg_en.c).
CONNS = "Connections seen (first packet)"
HANDSHAKE_DONE = "handshake completed"
REFUSED = "refused (SYN answered by RST)"
NO_HANDSHAKE = "handshake not captured"
FINISHED = "Connections finished (close complete or reset)"
BY_CLOSER = "by who closed first"
BY_VERDICT = "by verdict"
BY_REQUESTS = "by number of HTTP requests"
BY_KIND = "by close kind"
PHASES = "Connection phase of each TCP segment"
RANGES = [("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3", 3, 3), ("4", 4, 4), ("5-9", 5, 9), ("10-", 10, None)]
RST_CONTEXT_REFUSED = "0"
KIND_FOUR_WAY, KIND_THREE_WAY, KIND_ABORT = "1", "2", "4"


def flag(row, name):
    return row[name] in ("1", "True")


def after_or_at(ack, seq):
    """ack is at or past seq, in 32-bit sequence space."""
    return (int(ack) - int(seq)) % (1 << 32) < (1 << 31)


def tree_counts(runner, plugin, capture, extra):
    """{(parent names..., name): {column: cell}} of the lab,tree output: the nodes from the
    indentation of each line, the cells (Count, Average, Min Val, Max Val, ...) cut at the
    columns where the header line ("Topic / Item  Count  Average ...") starts its names."""
    out = run(runner, plugin, extra + ["-q", "-z", "lab,tree", "-r", capture])
    nodes, path, inside, columns = {}, [], False, None
    for line in out.splitlines():
        if line.startswith("Topic / Item"):
            columns = [(m.start(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", line)]
            continue
        if line.startswith("-----"):
            inside = not inside
            continue
        if not inside or not line.strip():
            continue
        if columns is None or len(columns) < 2 or columns[1][1] != "Count":
            sys.exit(f"{capture}: no \"Topic / Item  Count ...\" header before the nodes:\n{out}")
        depth = len(line) - len(line.lstrip(" "))
        path = path[:depth] + [line[:columns[1][0]].strip()]
        bounds = [c[0] for c in columns[1:]] + [None]
        key = tuple(path)
        if key in nodes:
            sys.exit(f"{capture}: node {' / '.join(key)} printed twice")
        nodes[key] = {name: line[bounds[i]:bounds[i + 1]].strip() for i, (_, name) in enumerate(columns[1:])}
    return nodes


class Conn:
    def __init__(self, stream, first):
        self.stream = stream
        self.frames = [first]
        self.syn = first if is_bare_syn(first) else None
        self.isn = {endpoint(first): first["tcp.seq_raw"]} if self.syn else {}  # endpoint -> its SYN's
        self.finish = None       # the finishing frame
        self.finish_index = None
        self.fin = {}            # endpoint -> (end of its first FIN, its frame)
        self.fin_acked = {}      # endpoint -> the frame that first acknowledged it

    def add(self, row):
        self.frames.append(row)


def endpoint(row):
    return (row["ip.src"] or row["ipv6.src"]) + "/" + row["tcp.srcport"]


def is_bare_syn(row):
    return flag(row, "tcp.flags.syn") and not flag(row, "tcp.flags.ack") and not flag(row, "tcp.flags.reset")


def connections(rows):
    by_stream, conns = {}, []
    for row in rows:
        if row["tcp.stream"] == "":
            continue
        c = by_stream.get(row["tcp.stream"])
        if c is not None and is_bare_syn(row) and (
                c.finish is not None or c.isn.get(endpoint(row), row["tcp.seq_raw"]) != row["tcp.seq_raw"]):
            c = None
        if c is None:
            c = Conn(row["tcp.stream"], row)
            by_stream[row["tcp.stream"]] = c
            conns.append(c)
        else:
            c.add(row)
            if is_bare_syn(row):
                c.isn.setdefault(endpoint(row), row["tcp.seq_raw"])
                if c.syn is None:
                    c.syn = row
        track_finish(c, row)
    return conns


def track_finish(c, row):
    if c.finish is not None:
        return
    me = endpoint(row)
    if row["lab.step.reset"] != "":
        c.finish = row
        return
    if flag(row, "tcp.flags.ack"):
        for other, (end, _) in c.fin.items():
            if other != me and other not in c.fin_acked and after_or_at(row["tcp.ack_raw"], end):
                c.fin_acked[other] = row
    if flag(row, "tcp.flags.fin") and flag(row, "tcp.flags.ack") and me not in c.fin:
        end = (int(row["tcp.seq_raw"]) + int(row["tcp.len"] or 0) + 1) % (1 << 32)
        c.fin[me] = (end, row)
    if len(c.fin) == 2 and len(c.fin_acked) == 2:
        c.finish = row


def is_synack(row):
    return flag(row, "tcp.flags.syn") and flag(row, "tcp.flags.ack") and not flag(row, "tcp.flags.reset")


def acks_syn(synack, syn):
    """synack acknowledges syn (and possibly the data a Fast Open SYN carries)."""
    isn1 = (int(syn["tcp.seq_raw"]) + 1) % (1 << 32)
    return (int(synack["tcp.ack_raw"]) - isn1) % (1 << 32) <= int(syn["tcp.len"] or 0)


def client_of(c):
    if c.syn is not None:
        return endpoint(c.syn)
    synack = next((r for r in c.frames if is_synack(r)), None)
    others = [endpoint(r) for r in c.frames if synack is not None and endpoint(r) != endpoint(synack)]
    if others:
        return others[0]
    # no SYN: the plugin's guess, server = the lower port (docs/semantics.md)
    ports = {endpoint(r): int(r["tcp.srcport"]) for r in c.frames}
    return max(ports, key=lambda e: ports[e])


def tcp_handshake_done(c):
    """The client acknowledges the ISN + 1 of a SYN/ACK (that acknowledged its SYN, when the
    SYN is captured); a capture of the client's side alone (no segment from the server): its
    first ACK after its SYN (the plugin's step 3, note synack-not-captured)."""
    client = client_of(c)
    if all(endpoint(r) == client for r in c.frames):
        return c.syn is not None and any(
            flag(r, "tcp.flags.ack") and not flag(r, "tcp.flags.syn") and not flag(r, "tcp.flags.reset")
            for r in c.frames)
    synack = None
    for r in c.frames:
        me = endpoint(r)
        if me != client and is_synack(r) and (c.syn is None or acks_syn(r, c.syn)):
            synack = r
        elif (synack is not None and me == client and flag(r, "tcp.flags.ack") and not flag(r, "tcp.flags.syn")
              and not flag(r, "tcp.flags.reset")
              and int(r["tcp.ack_raw"]) == (int(synack["tcp.seq_raw"]) + 1) % (1 << 32)):
            return True
    return False


def tcp_refused(c):
    """No SYN/ACK, and an RST/ACK from the other side acknowledges the SYN's ISN + 1."""
    if c.syn is None or any(flag(r, "tcp.flags.syn") and flag(r, "tcp.flags.ack") for r in c.frames):
        return False
    client, isn = endpoint(c.syn), int(c.syn["tcp.seq_raw"])
    return any(endpoint(r) != client and flag(r, "tcp.flags.reset") and flag(r, "tcp.flags.ack")
               and int(r["tcp.ack_raw"]) == (isn + 1) % (1 << 32) for r in c.frames)


def first_fin(c):
    return min((row for _, row in c.fin.values()), key=lambda r: int(r["frame.number"]))


def simultaneous(c):
    """Each side sent its FIN before the other's reached it: the second FIN does not
    acknowledge the first."""
    if len(c.fin) < 2:
        return False
    first = first_fin(c)
    second = next(row for _, row in c.fin.values() if row is not first)
    return not after_or_at(second["tcp.ack_raw"], c.fin[endpoint(first)][0])


def tcp_closer(c):
    """The sender of the first FIN or accepted RST: "client" or "server"; "both" for a
    simultaneous close."""
    client = client_of(c)
    if c.finish is not None and c.finish["lab.step.reset"] == "" and simultaneous(c):
        return "both"
    for r in c.frames:
        if (flag(r, "tcp.flags.fin") and flag(r, "tcp.flags.ack")) or r["lab.step.reset"] != "":
            return "client" if endpoint(r) == client else "server"
    return None


def tcp_close_kind(c):
    """For a connection a FIN close finished: simultaneous when the second FIN does not
    acknowledge the first; three-way when the first FIN is first acknowledged by the other
    side's FIN; half-closed when the other side sends data after acknowledging it; else
    four-way."""
    if simultaneous(c):
        return "simultaneous"
    first = first_fin(c)
    closer = endpoint(first)
    acker = c.fin_acked[closer]
    if flag(acker, "tcp.flags.fin"):
        return "three-way"
    seen_ack = False
    for r in c.frames:
        if r is acker:
            seen_ack = True
        if seen_ack and endpoint(r) != closer:
            if flag(r, "tcp.flags.fin"):
                break
            if int(r["tcp.len"] or 0) > 0:
                return "half-closed"
    return "four-way"


def expected_tree(rows, conns, names, capture, failures):
    def name(field, value):
        return names.get((field, value), f"{field}={value}")

    exp = Counter()
    lab_rows = [r for r in rows if r["lab.stream"] != ""]
    tcp_rows = [r for r in rows if r["tcp.stream"] != "" and r["_ws.malformed"] == ""]
    if len(lab_rows) != len(tcp_rows):
        failures.append(f"{capture}: {len(tcp_rows)} TCP frames (not malformed), {len(lab_rows)} with lab fields")

    # Connections seen and its children
    exp[(CONNS,)] = len(conns)
    exp[(CONNS, HANDSHAKE_DONE)] = sum(r["lab.step.handshake"] == "3" for r in rows)
    tcp_done = sum(tcp_handshake_done(c) for c in conns)
    if tcp_done != exp[(CONNS, HANDSHAKE_DONE)]:
        failures.append(f"{capture}: {exp[(CONNS, HANDSHAKE_DONE)]} frames are handshake step 3, "
                        f"but TCP completes {tcp_done} handshakes")
    exp[(CONNS, REFUSED)] = sum(r["lab.step.reset"] != "" and r["lab.step.reset.context"] == RST_CONTEXT_REFUSED
                                for r in rows)
    tcp_ref = sum(tcp_refused(c) for c in conns)
    if tcp_ref != exp[(CONNS, REFUSED)]:
        failures.append(f"{capture}: {exp[(CONNS, REFUSED)]} refused reset steps, but TCP shows {tcp_ref} refusals")
    exp[(CONNS, NO_HANDSHAKE)] = sum(flag(c.frames[0], "lab.dir.guessed") for c in conns)
    tcp_nosyn = sum(not flag(c.frames[0], "tcp.flags.syn") for c in conns)
    if tcp_nosyn != exp[(CONNS, NO_HANDSHAKE)]:
        failures.append(f"{capture}: {exp[(CONNS, NO_HANDSHAKE)]} connections start with roles guessed, "
                        f"but {tcp_nosyn} start without SYN")

    # Connections finished and its four breakdowns
    requests = []
    for c in conns:
        f = c.finish
        if f is None:
            continue
        where = f"{capture}: frame {f['frame.number']} (finishes tcp.stream {c.stream})"
        if f["lab.step.close"] == "" and f["lab.step.reset"] == "":
            failures.append(f"{where}: neither a close nor a reset step")
        if f["lab.conn.verdict.class"] == "":
            failures.append(f"{where}: no lab.conn summary")
            continue
        exp[(FINISHED,)] += 1
        for node in (BY_CLOSER, BY_VERDICT, BY_REQUESTS, BY_KIND):
            exp[(FINISHED, node)] += 1

        closer = name("lab.conn.closer", f["lab.conn.closer"])
        if tcp_closer(c) != closer:
            failures.append(f"{where}: closer {closer}, but TCP's first FIN or RST is from the {tcp_closer(c)}")
        exp[(FINISHED, BY_CLOSER, closer)] += 1

        verdict = f["lab.conn.verdict.class"]
        last = c.frames[-1]["lab.final.verdict.class"]
        if last != verdict:
            failures.append(f"{where}: verdict class {name('lab.conn.verdict.class', verdict)} there, "
                            f"{name('lab.final.verdict.class', last)} on the connection's last frame")
        exp[(FINISHED, BY_VERDICT, name("lab.conn.verdict.class", verdict))] += 1

        n = int(f["lab.conn.requests"])
        upto = c.frames[:c.frames.index(f) + 1]
        http = sum(len(cells(r["http.request.method"])) for r in upto)
        if http != n:
            failures.append(f"{where}: {n} requests, but HTTP shows {http} up to there")
        requests.append(n)
        for label, lo, hi in RANGES:
            if n >= lo and (hi is None or n <= hi):
                exp[(FINISHED, BY_REQUESTS, label)] += 1

        if f["lab.step.reset"] != "":
            kind = KIND_ABORT
        else:
            kind = f["lab.close.kind"]
            tk = tcp_close_kind(c)
            if tk != name("lab.close.kind", kind):
                failures.append(f"{where}: close kind {name('lab.close.kind', kind)}, but TCP shows a {tk} close")
        exp[(FINISHED, BY_KIND, name("lab.close.kind", kind))] += 1

    for label, _, _ in RANGES:  # a range node is printed with 0 too
        exp[(FINISHED, BY_REQUESTS, label)] += 0

    # Connection phase of each TCP segment
    exp[(PHASES,)] = len(lab_rows)
    for r in lab_rows:
        exp[(PHASES, name("lab.phase", r["lab.phase"]))] += 1
    return exp, requests


def main():
    runner, plugin, golden_dir = sys.argv[1:4]
    names = {(f, num): label for f, num, label in lab_values(runner, plugin)}
    failures, checked = [], 0
    for capture in sys.argv[4:]:
        base = os.path.splitext(os.path.basename(capture))[0]
        extra = golden_args(os.path.join(golden_dir, base + ".golden"))
        rows = field_rows(runner, plugin, extra + ["-2", "-r", capture], FIELDS)
        conns = connections(rows)
        exp, requests = expected_tree(rows, conns, names, base, failures)
        got = tree_counts(runner, plugin, capture, extra)
        for key in sorted(set(exp) | set(got)):
            want = exp.get(key, 0)
            have = int(got[key]["Count"]) if key in got else 0
            checked += 1
            if want != have:
                failures.append(f"{base}: {' / '.join(key)}: the tree says {have}, the packets say {want}")
        node = got.get((FINISHED, BY_REQUESTS))
        if requests and node:
            want = [f"{sum(requests) / len(requests):.2f}", str(min(requests)), str(max(requests))]
            have = [node.get("Average"), node.get("Min Val"), node.get("Max Val")]
            if have != want:
                failures.append(f"{base}: {BY_REQUESTS}: average/min/max {have}, the packets say {want}")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"{len(sys.argv) - 4} captures, {checked} lab,tree counts: each as the packets' fields say")


if __name__ == "__main__":
    main()
