#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every display filter the documentation tells users to type must be valid: each
backquoted snippet in the given Markdown files that uses a lab.* field is compiled by tshark
(with the plugin) against a bundled capture.

    check_doc_filters.py RUNNER PLUGIN CAPTURE FILE.md...
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import tshark  # noqa: E402

OPERATORS = re.compile(r"==|!=|>=|<=|>|<|\bcontains\b|\bmatches\b|&&|\|\||\bin\b")


def snippets(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for s in re.findall(r"`([^`\n]+)`", text):
        s = s.strip()
        # a lone field name, or an expression on lab.* fields
        if re.fullmatch(r"lab(\.[a-z_0-9]+)*", s) or ("lab." in s and OPERATORS.search(s)):
            if not s.startswith(("tshark", "lab_", "-")):
                yield s


def valid(runner, plugin, capture, expr):
    out = tshark(runner, plugin, ["-r", capture, "-Y", expr, "-c", "1"])
    return out.returncode == 0, out.stderr.strip()


def main():
    runner, plugin, capture = sys.argv[1:4]
    filters = sorted({s for path in sys.argv[4:] for s in snippets(path)})
    if not filters:
        sys.exit("no filters found")
    combined = " || ".join(f"({s})" for s in filters)
    ok, _ = valid(runner, plugin, capture, combined)
    bad = []
    if not ok:
        for s in filters:
            good, err = valid(runner, plugin, capture, s)
            if not good:
                bad.append(f"{s!r}: {err.splitlines()[0] if err else 'rejected'}")
    if bad:
        print("\n".join(bad))
        sys.exit(1)
    print(f"{len(filters)} documented filters compile")


if __name__ == "__main__":
    main()
