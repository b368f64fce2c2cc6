#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Times tshark with and without the plugin on the benchmark captures (stdlib only).

  measure.py --runner DIR --big CAP --small CAP --reps N --out results.md [--meta K=V ...]

DIR is prepared by run.sh: DIR/home-with holds a personal plugin folder with only
lab_handshake.so, DIR/home-without the same folder empty, and DIR/home-before (only when
run.sh was given PLUGIN_BEFORE) another build of the plugin, measured in the same interleaved
repetitions (without, before, with, ...) for a before/after comparison under the same load. Every tshark runs as `nobody`
(when we are root) with `env -i`, LC_ALL=C.UTF-8 and one of those HOMEs, under
/usr/bin/time -v, its standard output going to /dev/null. The runs of one repetition are
interleaved (without, with, without, ...) so that drift of the machine hits both sides alike;
each figure is the median of N repetitions.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

SEL_TCP = "tcp.flags.syn==1 || tcp.flags.fin==1 || tcp.flags.reset==1"

# (key, title, tshark args without the plugin, tshark args with it)
MODES = [
    ("single", "tshark -r CAP (single pass, no filter)",
     ["-r", "{cap}"], ["-r", "{cap}"]),
    ("twopass", "tshark -2 -r CAP -Y FILTER (lab.step vs. SYN/FIN/RST filter)",
     ["-2", "-r", "{cap}", "-Y", SEL_TCP], ["-2", "-r", "{cap}", "-Y", "lab.step"]),
    ("twopass_same", "tshark -2 -r CAP -Y \"" + SEL_TCP + "\" (same filter both sides)",
     ["-2", "-r", "{cap}", "-Y", SEL_TCP], ["-2", "-r", "{cap}", "-Y", SEL_TCP]),
]


def tshark_cmd(home, args):
    env = ["env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", f"HOME={home}", "LC_ALL=C.UTF-8", "tshark"]
    if os.geteuid() == 0:
        return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] + env + args
    return env + args


def timed(home, args):
    """(wall seconds, peak RSS in KiB, CPU seconds user+sys) of one tshark run; stdout to /dev/null."""
    cmd = ["/usr/bin/time", "-v"] + tshark_cmd(home, args)
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    if p.returncode != 0:
        sys.exit(f"measure.py: failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    rss, cpu = None, 0.0
    for line in p.stderr.splitlines():
        line = line.strip()
        if line.startswith("Maximum resident set size (kbytes):"):
            rss = int(line.split(":")[1])
        elif line.startswith("User time (seconds):") or line.startswith("System time (seconds):"):
            cpu += float(line.split(":")[1])
    if rss is None:
        sys.exit("measure.py: no 'Maximum resident set size' in /usr/bin/time -v output")
    return wall, rss, cpu


def count_lines(home, args):
    cmd = tshark_cmd(home, args)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return p.stdout.count(b"\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runner", required=True)
    ap.add_argument("--big", required=True)
    ap.add_argument("--small", required=True)
    ap.add_argument("--big-info", default="")
    ap.add_argument("--small-info", default="")
    ap.add_argument("--reps", type=int, default=3, help="repetitions on the big capture")
    ap.add_argument("--reps-small", type=int, default=5, help="repetitions on the small capture")
    ap.add_argument("--big-modes", default="",
                    help="comma-separated modes to run on the big capture (default: all); the others are "
                         "left out of the big rows and the growth table (for a busy machine)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--meta", action="append", default=[])
    a = ap.parse_args()

    homes = {"without": os.path.join(a.runner, "home-without"), "with": os.path.join(a.runner, "home-with")}
    sides = ("without", "with")
    if os.path.isdir(os.path.join(a.runner, "home-before")):
        homes["before"] = os.path.join(a.runner, "home-before")
        sides = ("without", "before", "with")
    caps = {"small": a.small, "big": a.big}
    runs = {}   # (size, mode, side) -> [(wall, rss)]

    def fmt_args(args, cap):
        return [x.format(cap=cap) for x in args]

    started = time.monotonic()
    loads = [os.getloadavg()[0]]
    reps = {"small": a.reps_small, "big": a.reps}
    for size in ("small", "big"):
        cap = caps[size]
        # warm the page cache and tshark's own start-up files
        with open(cap, "rb") as f:
            while f.read(1 << 24):
                pass
        timed(homes["with"], ["-r", cap, "-c", "10"])
        for rep in range(reps[size]):
            for key, _title, args_without, args_with in MODES:
                if size == "big" and a.big_modes and key not in a.big_modes.split(","):
                    continue
                for side in sides:
                    if key == "twopass_same" and side == "without":
                        continue  # the same command as twopass/without: reuse it
                    args = args_without if side == "without" else args_with
                    w, r, c = timed(homes[side], fmt_args(args, cap))
                    runs.setdefault((size, key, side), []).append((w, r, c))
                    loads.append(os.getloadavg()[0])
                    print(f"  {size:5} rep {rep + 1}/{reps[size]} {key:12} {side:7} {w:7.2f} s wall {c:7.2f} s CPU "
                          f"{r / 1024:8.1f} MiB  (load {loads[-1]:.2f})", file=sys.stderr, flush=True)
        for rep_runs in runs.get((size, "twopass", "without"), []):
            runs.setdefault((size, "twopass_same", "without"), []).append(rep_runs)

    # displayed packets per filter, on the small capture (the mix is the same in both)
    shown = {
        "lab.step": count_lines(homes["with"], ["-2", "-r", caps["small"], "-Y", "lab.step"]),
        SEL_TCP: count_lines(homes["without"], ["-2", "-r", caps["small"], "-Y", SEL_TCP]),
    }
    elapsed = time.monotonic() - started

    def med(size, key, side, i):
        return statistics.median(x[i] for x in runs[(size, key, side)])

    def have(size, key):
        return (size, key, "with") in runs

    W, R, C = 0, 1, 2
    lines = []
    lines.append("# Lab Handshake benchmark results\n")
    for m in a.meta:
        k, _, v = m.partition("=")
        lines.append(f"- {k}: {v}")
    lines.append(f"- big capture: {a.big_info}")
    lines.append(f"- small capture: {a.small_info}")
    lines.append(f"- medians of {a.reps} runs (big) / {a.reps_small} runs (small); measuring took {elapsed / 60:.1f} min; "
                 f"1-min load average during the runs: {min(loads):.2f} to {max(loads):.2f} (2.0 = both cores busy; "
                 f"tshark itself counts for about 1)\n")
    lines.append("Wall = elapsed time, CPU = user + system time of tshark (less sensitive to other load on the "
                 "machine), RSS = peak resident set size (`/usr/bin/time -v`).\n")
    lines.append("| capture | command | wall without | wall with | **wall ratio** | CPU without | CPU with | CPU ratio "
                 "| RSS without | RSS with | **RSS ratio** |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in ("big", "small"):
        for key, title, *_ in MODES:
            if not have(size, key):
                continue
            tw, tp = med(size, key, "without", W), med(size, key, "with", W)
            cw, cp = med(size, key, "without", C), med(size, key, "with", C)
            rw, rp = med(size, key, "without", R), med(size, key, "with", R)
            lines.append(f"| {size} | {title} | {tw:.2f} s | {tp:.2f} s | **{tp / tw:.3f}** | {cw:.2f} s | {cp:.2f} s | "
                         f"{cp / cw:.3f} | {rw / 1024:.0f} MiB | {rp / 1024:.0f} MiB | **{rp / rw:.3f}** |")
    lines.append("")
    if "before" in homes:
        lines.append("Before (PLUGIN_BEFORE) and after (this build), each against the same runs without the plugin:\n")
        lines.append("| capture | command | wall ratio before | **wall ratio after** | CPU ratio before | CPU ratio after "
                     "| RSS ratio before | **RSS ratio after** |")
        lines.append("|---|---|---:|---:|---:|---:|---:|---:|")
        for size in ("big", "small"):
            for key, title, *_ in MODES:
                if not have(size, key):
                    continue
                r = {(side, i): med(size, key, side, i) / med(size, key, "without", i)
                     for side in ("before", "with") for i in (W, R, C)}
                lines.append(f"| {size} | {key} | {r['before', W]:.3f} | **{r['with', W]:.3f}** | {r['before', C]:.3f} | "
                             f"{r['with', C]:.3f} | {r['before', R]:.3f} | **{r['with', R]:.3f}** |")
        lines.append("")
    lines.append("Growth of the plugin's cost (median with minus median without) from the small to the big capture "
                 "(10x the packets and the streams; linear = 10x):\n")
    lines.append("| command | wall cost small | wall cost big | **wall growth** | CPU cost small | CPU cost big | CPU growth "
                 "| CPU per packet (big) | RSS cost small | RSS cost big | **RSS growth** | RSS per packet (big) |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    npk = {"big": 0, "small": 0}
    for size, info in (("big", a.big_info), ("small", a.small_info)):
        try:
            npk[size] = int(info.split()[0])
        except (ValueError, IndexError):
            pass

    def ratio(x, y):
        return f"{x / y:.1f}x" if y > 0 else "n/a"

    for key, title, *_ in MODES:
        if not (have("big", key) and have("small", key)):
            continue
        d = {(s, i): med(s, key, "with", i) - med(s, key, "without", i) for s in ("small", "big") for i in (W, R, C)}
        per_c = f"{d['big', C] / npk['big'] * 1e6:.2f} µs" if npk["big"] else "-"
        per_r = f"{d['big', R] * 1024 / npk['big']:.0f} B" if npk["big"] else "-"
        lines.append(f"| {title} | {d['small', W]:.2f} s | {d['big', W]:.2f} s | **{ratio(d['big', W], d['small', W])}** | "
                     f"{d['small', C]:.2f} s | {d['big', C]:.2f} s | {ratio(d['big', C], d['small', C])} | {per_c} | "
                     f"{d['small', R] / 1024:.0f} MiB | {d['big', R] / 1024:.0f} MiB | **{ratio(d['big', R], d['small', R])}** | {per_r} |")
    lines.append("")
    lines.append("Packets shown by the -2 filters on the small capture: "
                 + ", ".join(f"`{k}`: {v}" for k, v in shown.items()) + "\n")
    lines.append("Targets (issue #14): single pass wall ratio <= 1.15 and RSS ratio <= 1.10; with -2 -Y "
                 "wall ratio <= 1.08 and RSS ratio <= 1.10; growth ~10x (linear).\n")
    lines.append("All runs (wall s / CPU s / peak RSS MiB), in the order they ran; "
                 "twopass_same/without is the same runs as twopass/without:\n")
    lines.append("| capture | command | side | runs |")
    lines.append("|---|---|---|---|")
    for size in ("big", "small"):
        for key, title, *_ in MODES:
            if not have(size, key):
                continue
            for side in sides:
                rr = ", ".join(f"{w:.2f}/{c:.2f}/{r / 1024:.0f}" for w, r, c in runs[(size, key, side)])
                lines.append(f"| {size} | {key} | {side} | {rr} |")
    text = "\n".join(lines) + "\n"
    with open(a.out, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
