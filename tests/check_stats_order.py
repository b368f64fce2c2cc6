#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""`tshark -z lab,tree` lists its nodes in the order the README's Statistics section shows
(the order Statistics → Lab Handshake shows too: the tree is sorted by name in both).

    check_stats_order.py RUNNER PLUGIN README CAPTURE...
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import run  # noqa: E402


def readme_order(path):
    text = open(path, encoding="utf-8").read()
    section = text[text.index("### Statistics"):]
    block = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    return [(len(l) - len(l.lstrip(" ")), l.strip()) for l in block.splitlines() if l.strip()]


def tshark_order(runner, plugin, capture):
    out = run(runner, plugin, ["-q", "-z", "lab,tree", "-r", capture])
    lines, inside = [], False
    for line in out.splitlines():
        if line.startswith("-----"):
            inside = not inside
            continue
        if inside and line.strip():
            indent = len(line) - len(line.lstrip(" "))
            lines.append((indent, re.split(r"\s{2,}", line.strip())[0]))
    return lines


def main():
    runner, plugin, readme = sys.argv[1:4]
    expected = readme_order(readme)
    failures = []
    for capture in sys.argv[4:]:
        got = tshark_order(runner, plugin, capture)
        if not got:
            failures.append(f"{capture}: no statistics tree")
        missing = [n for n in got if n not in expected]
        if missing:
            failures.append(f"{capture}: nodes the README does not list: {missing}")
        shown = [n for n in expected if n in got]
        if [n for n in got if n in expected] != shown:
            failures.append(f"{capture}: order {[n for _, n in got]} is not the README's")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"{len(sys.argv) - 4} captures: lab,tree nodes in the README's order")


if __name__ == "__main__":
    main()
