#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Single-pass tshark and two-pass tshark (-2) must show the same Lab Handshake subtree on
every packet: every lab.* field value and every line of the subtree's text.

The one thing only -2 shows is the "Connection (whole capture)" summary (the lab.final.*
fields), which by design exists only once the first pass is over: single pass must not show
it at all, and it is left out of the comparison. Every other field, lab.conn.* included,
must be identical on every packet.

    check_redissection.py RUNNER PLUGIN CAPTURE [GOLDEN]

GOLDEN, if it exists, supplies the capture's extra tshark arguments (its `args:` line).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_args import golden_args  # noqa: E402
from labcheck import lab_fields, run  # noqa: E402


SUMMARY_TITLE = "[Connection (whole capture)"


def lab_blocks(text):
    """{frame number: the lines of its Lab Handshake subtree} from `-V -O lab` output,
    without the whole-capture connection summary."""
    blocks, frame, inside, skip_indent = {}, None, False, None
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        if skip_indent is not None and indent > skip_indent:
            continue
        skip_indent = None
        if line.startswith("Frame "):
            frame = int(line.split()[1].rstrip(":"))
            inside = False
        elif line.startswith("[Lab Handshake") or line.startswith("Lab Handshake"):
            inside = True
            blocks.setdefault(frame, []).append(line)
        elif inside and line.startswith(" "):
            if line.lstrip().startswith(SUMMARY_TITLE):
                skip_indent = indent
                continue
            blocks[frame].append(line)
        else:
            inside = False
    return blocks


def main():
    runner, plugin, capture = sys.argv[1:4]
    extra = golden_args(sys.argv[4] if len(sys.argv) > 4 else None)
    fields = list(lab_fields(runner, plugin))
    if len(fields) < 10:
        sys.exit(f"only {len(fields)} lab.* fields registered")
    field_args = ["-T", "fields", "-E", "occurrence=a", "-e", "frame.number"]
    for f in fields:
        field_args += ["-e", f]
    one = run(runner, plugin, extra + ["-r", capture] + field_args)
    two = run(runner, plugin, extra + ["-2", "-r", capture] + field_args)
    final_cols = [i + 1 for i, f in enumerate(fields) if f == "lab.final" or f.startswith("lab.final.")]
    if not final_cols:
        failures = ["no lab.final.* fields registered"]
    else:
        failures = []
    for a, b in zip(one.splitlines(), two.splitlines()):
        ca, cb = a.split("\t"), b.split("\t")
        if any(ca[i] for i in final_cols if i < len(ca)):
            failures.append(f"frame {ca[0]}: a lab.final.* field in single pass")
        for i in final_cols:  # whole-capture facts: only after the first pass
            for c in (ca, cb):
                if i < len(c):
                    c[i] = ""
        if ca != cb:
            failures.append(f"fields differ on frame {ca[0]}:\n  1 pass: {a}\n  2 pass: {b}")
    if len(one.splitlines()) != len(two.splitlines()):
        failures.append("different frame counts")

    tree_one = lab_blocks(run(runner, plugin, extra + ["-r", capture, "-V", "-O", "lab"]))
    tree_two = lab_blocks(run(runner, plugin, extra + ["-2", "-r", capture, "-V", "-O", "lab"]))
    if not tree_one:
        failures.append("no Lab Handshake subtree found at all")
    for frame in sorted(set(tree_one) | set(tree_two)):
        if tree_one.get(frame) != tree_two.get(frame):
            failures.append(f"subtree text differs on frame {frame}")
    if failures:
        print(f"{capture}: {len(failures)} differences")
        for f in failures[:20]:
            print("  " + f)
        sys.exit(1)
    print(f"{capture}: {len(one.splitlines())} frames, {len(fields)} lab fields and "
          f"{sum(len(b) for b in tree_one.values())} subtree lines identical in 1 and 2 passes")


if __name__ == "__main__":
    main()
