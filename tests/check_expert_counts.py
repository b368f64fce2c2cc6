#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Analyze → Expert Information counts every event once.

On one capture, `tshark -z expert` (every severity) with the plugin and without it:
- every entry that is not the plugin's is the same, with the same frequency, with and without
  the plugin (the plugin changes nothing TCP or HTTP report);
- the plugin's entries are only those README's expert table lists (what TCP analysis does
  not say, or a refusal explaining TCP's RST entry), each as often as its field matches;
- duplicate ACKs, retransmissions, gaps, out-of-order segments, keep-alives, ACKs of unseen
  segments and RSTs appear in Expert Information exactly as often as tshark's own
  tcp.analysis flags (and tcp.flags.reset) match frames: no second count from the plugin.

    check_expert_counts.py RUNNER PLUGIN CAPTURE [GOLDEN]
"""
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_args import golden_args  # noqa: E402
from labcheck import io_stat, run  # noqa: E402

LAB = "Lab Handshake"
# summary prefix of each expert info the plugin may raise -> the filter that counts its frames
LAB_ALLOWED = {
    "Connection refused": "lab.reset.refused",
    "Acknowledgment below an earlier one": "lab.ack.old",
    "Handshake not captured": "lab.midstream",
    "Request on a connection already declared non-persistent": "lab.http.reuse_after_close",
    "The server closed after": "lab.conn.timeout_mismatch",
}
# Expert Information summaries (prefix) -> tshark's own frame filter for the same event
TCP_EVENTS = {
    "Duplicate ACK": ("duplicate ACKs", "tcp.analysis.duplicate_ack"),
    "This frame is a (suspected) retransmission": ("retransmissions", "tcp.analysis.retransmission"),
    "This frame is a (suspected) fast retransmission": ("fast retransmissions", "tcp.analysis.fast_retransmission"),
    "Previous segment(s) not captured": ("gaps", "tcp.analysis.lost_segment"),
    "This frame is a (suspected) out-of-order segment": ("out-of-order", "tcp.analysis.out_of_order"),
    "This frame is a (suspected) spurious retransmission": ("spurious retransmissions", "tcp.analysis.spurious_retransmission"),
    "TCP keep-alive segment": ("keep-alives", "tcp.analysis.keep_alive"),
    "ACKed segment that wasn't captured": ("ACKs of unseen segments", "tcp.analysis.ack_lost_segment"),
    "Connection reset (RST)": ("RSTs", "tcp.flags.reset == 1"),
}
ROW = re.compile(r"^\s*(\d+)\s+(\S+)\s+(Lab Handshake|\S+)\s+(.*?)\s*$")


def expert_rows(runner, plugin, extra, capture):
    rows = collections.Counter()
    for line in run(runner, plugin, extra + ["-q", "-r", capture, "-z", "expert"]).splitlines():
        m = ROW.match(line)
        if m:
            rows[(m.group(2), m.group(3), m.group(4))] += int(m.group(1))
    return rows


def frame_counts(runner, plugin, extra, capture, exprs):
    """{expr: frames matching it}, all in one tshark run (one io,stat column per filter)."""
    counts = io_stat(runner, plugin, extra + ["-r", capture], exprs)
    return {e: frames for e, (frames, _bytes) in zip(exprs, counts)}


def main():
    runner, plugin, capture = sys.argv[1:4]
    extra = golden_args(sys.argv[4] if len(sys.argv) > 4 else None)
    with_plugin = expert_rows(runner, plugin, extra, capture)
    without = expert_rows(runner, "none", extra, capture)
    failures = []

    others = collections.Counter({k: v for k, v in with_plugin.items() if k[1] != LAB})
    if others != without:
        diff = (others - without) + (without - others)
        failures.append(f"the plugin changes other protocols' expert infos: {dict(diff)}")

    counts = frame_counts(runner, plugin, extra, capture,
                          list(LAB_ALLOWED.values()) + [expr for _label, expr in TCP_EVENTS.values()])
    lab_by_kind = collections.Counter()
    for (_group, proto, summary), n in with_plugin.items():
        if proto != LAB:
            continue
        kind = next((k for k in LAB_ALLOWED if summary.startswith(k)), None)
        if kind is None:
            failures.append(f"plugin expert info not in the README table: {summary!r} ×{n}")
        else:
            lab_by_kind[kind] += n
    for kind, expr in LAB_ALLOWED.items():
        frames = counts[expr]
        if lab_by_kind[kind] != frames:
            failures.append(f"{kind!r}: {lab_by_kind[kind]} expert entries, {frames} frames match {expr}")

    summary_line = []
    for prefix, (label, expr) in TCP_EVENTS.items():
        listed = sum(n for (_g, _p, s), n in with_plugin.items() if s.startswith(prefix))
        frames = counts[expr]
        if listed != frames:
            failures.append(f"{prefix!r}: Expert Information lists {listed}, tshark's {expr} matches {frames} frames")
        if frames:
            summary_line.append(f"{label} {frames}")

    if failures:
        print(f"{capture}:")
        print("\n".join("  " + f for f in failures))
        sys.exit(1)
    print(f"{capture}: expert infos counted once ({', '.join(summary_line) or 'no TCP analysis events'}); "
          f"plugin adds {sum(lab_by_kind.values())}")


if __name__ == "__main__":
    main()
