#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin's promises to its users, checked against the built plugin:
- tshark -G plugins lists it;
- every display-filter field of the contract (issue #2 and #4 tables) is registered;
- every registered lab.* field is documented in README.md with an example filter.

    check_contract.py RUNNER PLUGIN README
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import lab_fields, run  # noqa: E402

CONTRACT = [
    "lab.stream", "lab.dir", "lab.phase", "lab.step", "lab.step.handshake", "lab.step.close",
    "lab.step.reset", "lab.close.kind", "lab.state.client", "lab.state.server", "lab.seq.next",
    "lab.seq.ok", "lab.ack.expected", "lab.ack.ok",
    "lab.http.request_index", "lab.http.persistent", "lab.http.keepalive.timeout", "lab.http.note",
    "lab.conn.requests", "lab.conn.closer", "lab.conn.idle", "lab.conn.verdict", "lab.conn.nodata",
    "lab.conn.parallel",
]


def main():
    runner, plugin, readme = sys.argv[1:4]
    failures = []
    if "lab_handshake" not in run(runner, plugin, ["-G", "plugins"]):
        failures.append("tshark -G plugins does not list lab_handshake")
    registered = set(lab_fields(runner, plugin))
    for field in CONTRACT:
        if field not in registered:
            failures.append(f"contract field {field} is not registered")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    for field in sorted(registered):
        # documented = a table row naming the field in backquotes, and an example filter using it
        if not re.search(r"^\|\s*`" + re.escape(field) + r"`", text, re.M):
            failures.append(f"{field} has no row in the README field tables")
        if not re.search(r"`[^`\n]*\b" + re.escape(field) + r"\b[^`\n]*(==|!=|<|>|\bin\b|&&|\|\|)[^`\n]*`|`"
                         + re.escape(field) + r"`\s*\|[^\n]*`" + re.escape(field), text):
            failures.append(f"{field} has no example filter in the README")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"plugin listed; {len(CONTRACT)} contract fields registered; "
          f"all {len(registered)} lab.* fields documented with an example")


if __name__ == "__main__":
    main()
