#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Facts that must hold on every packet of every capture, whatever the capture shows, checked
against tshark's own TCP and HTTP fields (docs/semantics.md, "Resets that do not count"):

  syn-close      a segment with SYN set is never a close step
  rst-ignored    an RST its receiver would not accept (note rst-not-acceptable) makes no reset
                 step and changes neither endpoint's state; nor does a FIN without ACK (note
                 fin-without-ack): both endpoints stay where the segment before left them (the
                 receiver's state after that segment's arrival, lab.state.*.short "A → B")
  switched       a 101 Switching Protocols, or a response that made the connection an upgrade
                 or a tunnel (lab.http.switched), is never persistent
  request-count  no request number above the connection's count (lab.final.requests)
  no-http        on a connection where Wireshark decoded no HTTP at all, no verdict speaks of
                 keep-alive or of an advertised timeout, and the class is not server-timeout
                 or server-idle
  idle           on the first FIN or RST of a connection, lab.conn.idle is the time from the
                 last payload before it (or the connection's first packet, if none) up to it;
                 0 when that segment carries payload itself

One tshark -2 run a capture (lab.final.* exists only after the first pass), English.

    check_invariants.py RUNNER PLUGIN GOLDEN_DIR CAPTURE...
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import cells, field_rows, finish  # noqa: E402
from golden_args import capture_args  # noqa: E402

FIELDS = ["frame.number", "frame.time_relative", "frame.protocols", "tcp.stream", "tcp.flags.syn",
          "tcp.flags.fin", "tcp.flags.reset", "tcp.len", "http.response.code",
          "lab.stream", "lab.note", "lab.step.close", "lab.step.reset", "lab.state.client.short", "lab.state.server.short",
          "lab.http.persistent", "lab.http.switched", "lab.http.request_index", "lab.final.requests",
          "lab.conn.idle", "lab.conn.verdict", "lab.conn.verdict.class", "lab.final.verdict",
          "lab.final.verdict.class"]
NOTE_RST_NOT_ACCEPTABLE = "8"
NOTE_FIN_WITHOUT_ACK = "10"
NOTE_NEW_ATTEMPT = "7"
CLASS_SERVER_TIMEOUT, CLASS_SERVER_IDLE = "4", "5"
KEEPALIVE_WORDS = ("keep-alive", "advertised", "persistent")
IDLE_TOLERANCE = 0.0005  # lab.conn.idle is a double of the packets' own time stamps


def rows(runner, plugin, capture, extra):
    return field_rows(runner, plugin, extra + ["-2", "-r", capture], FIELDS)


values = cells  # the values of one cell, a list


def is_true(cell):
    return any(v in ("1", "True") for v in values(cell))


def before_after(short):
    """("LISTEN", "SYN-RECEIVED") from "LISTEN → SYN-RECEIVED"; a state without an arrow is both."""
    before, _, after = short.partition(" → ")
    before = before.replace(" (assumed)", "").strip()
    return before, after.replace(" (assumed)", "").strip() or before


def check(capture, packets):
    name = os.path.basename(capture)
    bad = []
    by_stream = {}
    for p in packets:
        by_stream.setdefault(p["tcp.stream"], []).append(p)
        where = f"{name} frame {p['frame.number']}"
        if is_true(p["tcp.flags.syn"]) and p["lab.step.close"]:
            bad.append(f"{where}: syn-close: a SYN segment is close step {p['lab.step.close']}")
        if "101" in values(p["http.response.code"]) and is_true(p["lab.http.persistent"]):
            bad.append(f"{where}: switched: a 101 is called persistent")
        if any(v != "0" for v in values(p["lab.http.switched"])) and is_true(p["lab.http.persistent"]):
            bad.append(f"{where}: switched: an upgrade or tunnel is called persistent")
        final = values(p["lab.final.requests"])
        for index in values(p["lab.http.request_index"]):
            if final and int(index) > int(final[0]):
                bad.append(f"{where}: request-count: request #{index} on a connection of {final[0]}")

    for stream, pkts in by_stream.items():
        if stream == "":
            continue
        # rst-ignored: the states an ignored RST (or FIN without ACK) finds and leaves are the
        # ones the segment before it left
        last_after = None
        for p in pkts:
            shorts = (p["lab.state.client.short"], p["lab.state.server.short"])
            known = "" not in shorts
            before = tuple(before_after(v)[0] for v in shorts)
            after = tuple(before_after(v)[1] for v in shorts)
            if p["lab.note"] in (NOTE_RST_NOT_ACCEPTABLE, NOTE_FIN_WITHOUT_ACK):
                where = f"{name} frame {p['frame.number']}"
                if p["lab.step.reset"] or p["lab.step.close"]:
                    bad.append(f"{where}: rst-ignored: an ignored segment is a reset or close step")
                if known and before != after:
                    bad.append(f"{where}: rst-ignored: states change on it, {before} -> {after}")
                if known and last_after and before != last_after:
                    bad.append(f"{where}: rst-ignored: states {last_after} -> {before}")
            if known:
                last_after = after

        # no-http: a connection on which Wireshark decoded no HTTP
        if not any("http" in p["frame.protocols"].split(":") for p in pkts):
            for p in pkts:
                for field in ("lab.conn.verdict", "lab.final.verdict"):
                    text = p[field].lower()
                    if any(w in text for w in KEEPALIVE_WORDS):
                        bad.append(f"{name} frame {p['frame.number']}: no-http: {field} {p[field]!r}")
                for field in ("lab.conn.verdict.class", "lab.final.verdict.class"):
                    if p[field] in (CLASS_SERVER_TIMEOUT, CLASS_SERVER_IDLE):
                        bad.append(f"{name} frame {p['frame.number']}: no-http: {field} {p[field]}")

        # idle: only streams carrying one connection (no port reuse, no new attempt after a reset)
        if any(p["lab.note"] == NOTE_NEW_ATTEMPT for p in pkts):
            continue
        first_end = next((i for i, p in enumerate(pkts)
                          if is_true(p["tcp.flags.fin"]) or is_true(p["tcp.flags.reset"])), None)
        if first_end is None:
            continue
        end = pkts[first_end]
        idle = values(end["lab.conn.idle"])
        if not idle:
            continue  # not a close or reset step (an ignored RST, a FIN without ACK)
        t_end = float(end["frame.time_relative"])
        if int(end["tcp.len"] or 0) > 0:
            want = 0.0
        else:
            payload = [p for p in pkts[:first_end] if int(p["tcp.len"] or 0) > 0]
            t_from = float((payload[-1] if payload else pkts[0])["frame.time_relative"])
            want = t_end - t_from
        if abs(float(idle[0]) - want) > IDLE_TOLERANCE:
            bad.append(f"{name} frame {end['frame.number']}: idle: lab.conn.idle {idle[0]}, "
                       f"the capture shows {want:.6f} s")
    return bad



def main():
    runner, plugin, golden_dir = sys.argv[1:4]
    captures = sys.argv[4:]
    failures = []
    counted = 0
    for capture in captures:
        packets = list(rows(runner, plugin, capture, capture_args(golden_dir, capture)))
        if not packets:
            failures.append(f"{capture}: no packets")
        counted += len(packets)
        failures += check(capture, packets)
    finish(failures, f"{counted} packets of {len(captures)} captures: no SYN close step, no ignored RST with a "
                     f"step or a state change, no persistent upgrade or tunnel, no request above its "
                     f"connection's count, no keep-alive words without HTTP, idle from the last payload to "
                     f"the first FIN/RST")


if __name__ == "__main__":
    main()
