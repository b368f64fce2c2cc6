#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks `tshark -z lab,ladder` on a real capture against a hand-written ladder spec.

    check_ladder.py RUNNER PLUGIN CAPTURE SPEC

The spec (tests/ladder/FORMAT.md) lists, per connection, the rows a reader must see and what
the analysis decides on them: the state each side enters, the step, the HTTP message. The
raw facts of every arrow (time, direction, flags, relative Seq/Ack/Len) are not in the spec:
they are compared with what tshark's own TCP dissector says *without the plugin*, so they
cannot be copied from the plugin. Folded runs are checked against the raw segment count and
payload bytes, idle rows against the raw time difference. With `svg: yes` the SVG files are
written to a temporary folder, parsed as XML and must have one arrow per segment row."""
import os
import re
import shutil
import sys
import tempfile
import xml.dom.minidom

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import run, tshark  # noqa: E402

TITLE = re.compile(r"^TCP stream (\d+), connection (\d+): client (\S+), server (\S+)$")
LABEL = re.compile(r"^(?P<flags>[A-Z, ]+?) Seq=(?P<seq>\d+)(?: Ack=(?P<ack>\d+))? Len=(?P<len>\d+)$")
FOLD = re.compile(r"^\u2026 (\d+) segments, (.*) \u2026$")
IDLE = re.compile(r"^\u22ee idle (\d+\.\d) s$")
FLAG_ORDER = [("F", "FIN"), ("S", "SYN"), ("R", "RST"), ("P", "PSH"), ("A", "ACK")]


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def parse_spec(path):
    spec = {"args": [], "z": "lab,ladder", "items": [], "messages": [], "svg": False, "rows": False, "exit": "0"}
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, _, rest = line.partition(" ")
            rest = rest.strip()
            if key == "args:":
                spec["args"] = rest.split()
            elif key == "z:":
                spec["z"] = rest
            elif key == "svg:":
                spec["svg"] = rest == "yes"
            elif key == "rows:":
                spec["rows"] = rest == "yes"
            elif key == "exit:":
                spec["exit"] = rest
            elif key == "message:":
                spec["messages"].append(rest)
            elif key in ("conn", "start", "seg", "fold", "idle", "end", "note"):
                spec["items"].append((key, rest, number))
            else:
                fail(f"{path}:{number}: cannot read {line!r}")
    return spec


def raw_packets(runner, capture, args):
    """frame -> facts, from tshark without any plugin."""
    fields = ["frame.number", "frame.time_relative", "tcp.stream", "tcp.srcport", "tcp.dstport",
              "tcp.flags", "tcp.seq", "tcp.ack", "tcp.len"]
    cmd = ["-r", capture, "-o", "tcp.relative_sequence_numbers:TRUE", "-T", "fields",
           "-E", "occurrence=f", "-Y", "tcp"] + args
    for f in fields:
        cmd += ["-e", f]
    out = run(runner, "none", cmd)
    packets = {}
    for line in out.splitlines():
        c = line.split("\t")
        flags = int(c[5], 16)
        names = [n for bit, n in zip([1, 2, 4, 8, 16], ["FIN", "SYN", "RST", "PSH", "ACK"]) if flags & bit]
        packets[int(c[0])] = dict(time=float(c[1]), stream=int(c[2]), src=int(c[3]), dst=int(c[4]),
                                  flags=", ".join(names) or "-", seq=int(c[6]), ack=int(c[7]),
                                  len=int(c[8]), has_ack=bool(flags & 16))
    return packets


def amount(n):
    return f"{n} bytes" if n < 10000 else f"{n / 1000:.1f} kB"


def parse_ladder(text):
    """The report as a list of (kind, fields) items."""
    items = []
    for line in text.splitlines():
        m = TITLE.match(line)
        if m:
            items.append(("conn", dict(stream=int(m[1]), gen=int(m[2]), client=m[3], server=m[4])))
            continue
        if line.count("|") < 2:
            if line.startswith("still open"):
                items.append(("end", "open"))
            continue
        left, mid, right = line.split("|", 2)
        time, frame, cstate = left[0:9].strip(), left[9:17].strip(), left[19:32].strip()
        sstate, step = right[1:14].strip(), right[15:].strip()
        mid_s = mid.strip()
        if frame == "at start":
            items.append(("start", dict(client=cstate or "-", server=sstate or "-")))
        elif not frame and IDLE.match(mid_s):
            items.append(("idle", dict(seconds=float(IDLE.match(mid_s)[1]))))
        elif "-" in frame and FOLD.match(mid_s):
            first, last = (int(x) for x in frame.split("-"))
            m = FOLD.match(mid_s)
            items.append(("fold", dict(time=time, first=first, last=last, count=int(m[1]), what=m[2])))
        else:
            to_right = mid.endswith(">")
            body = mid.strip("<>").strip("-").strip()
            m = LABEL.match(body)
            if not m:
                fail(f"cannot read the arrow {mid!r}")
            items.append(("seg", dict(time=time, frame=int(frame), c2s=to_right, flags=m["flags"],
                                      seq=int(m["seq"]), ack=None if m["ack"] is None else int(m["ack"]),
                                      len=int(m["len"]), client=cstate or "-", server=sstate or "-",
                                      step=step or "-")))
    return items


def check_raw(items, packets):
    """Every arrow, fold and idle row against the plugin-free packets."""
    client_port = None
    stream = None
    previous_last = None
    pending_idle = None
    for kind, f in items:
        if kind == "conn":
            client_port = int(f["client"].rsplit(":", 1)[1])
            stream = f["stream"]
            previous_last = None
            continue
        if kind == "idle":
            pending_idle = f["seconds"]
            continue
        if kind not in ("seg", "fold"):
            continue
        first = f["frame"] if kind == "seg" else f["first"]
        if pending_idle is not None:
            gap = packets[first]["time"] - packets[previous_last]["time"]
            if abs(gap - pending_idle) > 0.051:
                fail(f"idle {pending_idle} s before frame {first}: the packets say {gap:.3f} s")
            pending_idle = None
        elif previous_last is not None and packets[first]["time"] - packets[previous_last]["time"] >= 1.0:
            fail(f"no idle row between frames {previous_last} and {first}")
        if kind == "seg":
            p = packets.get(f["frame"])
            if p is None or p["stream"] != stream:
                fail(f"frame {f['frame']} is not a TCP segment of stream {stream}")
            want = dict(time=f"{p['time']:.3f}", c2s=p["src"] == client_port, flags=p["flags"], seq=p["seq"],
                        ack=p["ack"] if p["has_ack"] else None, len=p["len"])
            for k, v in want.items():
                if f[k] != v:
                    fail(f"frame {f['frame']}: {k} is {f[k]!r} in the ladder, {v!r} in the packet")
            previous_last = f["frame"]
        else:
            frames = [n for n in range(f["first"], f["last"] + 1) if n in packets and packets[n]["stream"] == stream]
            if len(frames) != f["count"]:
                fail(f"fold {f['first']}-{f['last']}: {f['count']} segments, the capture has {len(frames)}")
            sums = [sum(packets[n]["len"] for n in frames if (packets[n]["src"] == client_port) == (d == 0))
                    for d in (0, 1)]
            parts = [f"{amount(b)} {'client → server' if d == 0 else 'server → client'}"
                     for d, b in enumerate(sums) if b]
            what = ", ".join(parts) or "ACKs only"
            if f["what"] != what:
                fail(f"fold {f['first']}-{f['last']}: says {f['what']!r}, the packets carry {what!r}")
            if f["time"] != f"{packets[f['first']]['time']:.3f}":
                fail(f"fold {f['first']}-{f['last']}: time {f['time']}")
            previous_last = f["last"]


def check_spec(items, spec):
    got = []
    for kind, f in items:
        if kind == "conn":
            got.append(("conn", f"{f['stream']} {f['gen']} {f['client']} {f['server']}"))
        elif kind == "start":
            got.append(("start", f"{f['client']} {f['server']}"))
        elif kind == "seg":
            got.append(("seg", f"{f['frame']} {f['client']} {f['server']} {f['step']}"))
        elif kind == "fold":
            got.append(("fold", f"{f['first']} {f['last']} {f['count']}"))
        elif kind == "idle":
            got.append(("idle", f"{f['seconds']:.1f}"))
        elif kind == "end":
            got.append(("end", f))
    want = [(k, " ".join(r.split())) for k, r, _ in spec["items"] if k != "note"]
    got = [(k, " ".join(r.split())) for k, r in got]
    for i, (w, g) in enumerate(zip(want, got)):
        if w != g:
            line = [n for k, r, n in spec["items"] if k != "note"][i]
            fail(f"spec line {line}: expected {w[0]} {w[1]!r}, the ladder has {g[0]} {g[1]!r}")
    if len(want) != len(got):
        extra = got[len(want):] or want[len(got):]
        fail(f"{len(want)} rows expected, {len(got)} in the ladder; first difference: {extra[0]}")


def check_rows(runner, plugin, capture, args, items):
    """The GUI table (-z lab,rows) shows the same states and steps as the text ladder: every
    arrow of the ladder appears with the same cells; a segment folded in the ladder has no
    state and no step in the table either."""
    res = tshark(runner, plugin, ["-q", "-r", capture] + args + ["-z", "lab,rows"])
    if res.returncode != 0:
        fail(f"-z lab,rows: exit status {res.returncode}\n{res.stderr}")
    table = {}
    for line in res.stdout.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) >= 7 and cells[0].isdigit() and cells[2].isdigit():
            table[int(cells[2])] = dict(client=cells[3] or "-", server=cells[5] or "-", step=cells[6] or "-")
    if not table and any(k == "seg" for k, _ in items):
        fail("-z lab,rows printed no rows")
    seen = set()
    for kind, f in items:
        if kind == "seg":
            row = table.get(f["frame"])
            want = dict(client=f["client"], server=f["server"], step=f["step"])
            # the table names requests by number only (it has no HTTP tap)
            want["step"] = re.sub(r"(^|; )[A-Z]+ \S* \(request (\d+)\)", r"\1HTTP request \2", want["step"])
            if row != want:
                fail(f"-z lab,rows, frame {f['frame']}: {row}, the ladder has {want}")
            seen.add(f["frame"])
        elif kind == "fold":
            for n in range(f["first"], f["last"] + 1):
                row = table.get(n)
                if row is not None and row != dict(client="-", server="-", step="-"):
                    fail(f"-z lab,rows, frame {n} (folded in the ladder): {row}")
                seen.add(n)
    if set(table) - seen:
        fail(f"-z lab,rows has frames the ladder does not: {sorted(set(table) - seen)}")


def main():
    runner, plugin, capture, spec_path = sys.argv[1:5]
    spec = parse_spec(spec_path)
    tmp = None
    z = spec["z"]
    if spec["svg"]:
        tmp = tempfile.mkdtemp(prefix="lab-ladder-")
        os.chmod(tmp, 0o777)  # tshark may run as `nobody` (tests/run-tshark.sh)
        z = z.replace("svg=TMP", f"svg={tmp}")
    try:
        res = tshark(runner, plugin, ["-q", "-r", capture] + spec["args"] + ["-z", z])
        out = res.stdout + res.stderr
        if res.returncode < 0 or res.returncode >= 128:
            fail(f"tshark died (status {res.returncode}):\n{out}")
        if spec["exit"] == "0" and res.returncode != 0:
            fail(f"tshark exit status {res.returncode}:\n{out}")
        for m in spec["messages"]:
            if m not in out:
                fail(f"message {m!r} not in the output:\n{out}")
        items = parse_ladder(res.stdout)
        check_raw(items, raw_packets(runner, capture, spec["args"]))
        if spec["items"]:
            check_spec(items, spec)
        if spec["rows"]:
            check_rows(runner, plugin, capture, spec["args"], items)
        if spec["svg"]:
            written = re.findall(r"^SVG written: (.*)$", res.stdout, re.M)
            conns = [f for k, f in items if k == "conn"]
            if len(written) != len(conns):
                fail(f"{len(conns)} ladders, {len(written)} SVG files")
            segs_per_conn = []
            for kind, _ in items:
                if kind == "conn":
                    segs_per_conn.append(0)
                elif kind == "seg":
                    segs_per_conn[-1] += 1
            for path, n in zip(written, segs_per_conn):
                doc = xml.dom.minidom.parse(path)
                root = doc.documentElement
                if root.tagName != "svg" or root.getAttribute("xmlns") != "http://www.w3.org/2000/svg":
                    fail(f"{path}: not an SVG document")
                arrows = [g for g in doc.getElementsByTagName("g") if g.getAttribute("class") == "seg"]
                if len(arrows) != n:
                    fail(f"{path}: {len(arrows)} arrows, the text ladder has {n}")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print("ok")


if __name__ == "__main__":
    main()
