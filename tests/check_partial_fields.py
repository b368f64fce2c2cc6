#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A lab.* field has the same value whether or not the other lab.* fields are asked for.

In a tree nobody sees (tshark without -V or -T fields/pdml, a display filter, a column), the
plugin builds only the lines that some filter, column or colouring rule names (lab_tree.c,
wants()/unseen()); a line asked for without the line it sits under must still be there with
the same value. Each lab.* field is shown as a custom column twice: in a group of fields none
of which is an ancestor of another (so no field's parent line is asked for), and with a
display filter that names every lab.* field (and matches every frame: "frame || ..."), so
every line is built. The two listings must be identical, in a single pass and with -2.

Which line sits under which is read from one -T pdml run (a visible tree, every line built);
a field is also kept apart from every field whose name starts with its own name and a dot.
Whether a line is built depends only on its own field being referenced (wants() asks per
field), so a group stands for each of its fields asked alone, in a handful of runs instead of
one pair per field.

    check_partial_fields.py RUNNER PLUGIN CAPTURE [GOLDEN]
"""
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_args import golden_args  # noqa: E402
from labcheck import lab_fields, run  # noqa: E402


def tree_ancestors(runner, plugin, extra, capture):
    """{field: the set of lab.* fields whose lines it was seen under} from -T pdml."""
    above = {}
    root = ET.fromstring(run(runner, plugin, extra + ["-r", capture, "-T", "pdml"]))

    def walk(node, path):
        name = node.get("name", "")
        here = path
        if name.startswith("lab."):
            above.setdefault(name, set()).update(path)
            here = path + [name]
        for child in node:
            walk(child, here)

    walk(root, [])
    return above


def related(a, b, above):
    return (a in above.get(b, ()) or b in above.get(a, ())
            or a.startswith(b + ".") or b.startswith(a + "."))


def groups_of(fields, above):
    groups = []
    for field in fields:
        for group in groups:
            if not any(related(field, other, above) for other in group):
                group.append(field)
                break
        else:
            groups.append([field])
    return groups


def columns(runner, plugin, extra, capture, two_pass, fields, dfilter):
    """{field: [its column, frame by frame]}; -T tabs keeps empty columns apart."""
    fmt = ",".join(['"No.","%m"'] + [f'"{f}","%Cus:{f}:0:R"' for f in fields])
    args = extra + (["-2"] if two_pass else []) + [
        "-r", capture, "-T", "tabs", "-o", f"gui.column.format:{fmt}"]
    if dfilter:
        args += ["-Y", dfilter]
    rows = [line.split("\t") for line in run(runner, plugin, args).splitlines()]
    out = {f: [] for f in fields}
    for row in rows:
        row = [cell.strip() for cell in row]
        if len(row) != len(fields) + 1:
            sys.exit(f"a listing line has {len(row)} columns, not {len(fields) + 1}: {row!r}")
        for i, f in enumerate(fields):
            out[f].append((row[0], row[i + 1]))
    return out


def main():
    runner, plugin, capture = sys.argv[1:4]
    extra = golden_args(sys.argv[4] if len(sys.argv) > 4 else None)
    fields = list(lab_fields(runner, plugin))
    if len(fields) < 10:
        sys.exit(f"only {len(fields)} lab.* fields registered")
    above = tree_ancestors(runner, plugin, extra, capture)
    groups = groups_of(fields, above)
    everything = " || ".join(["frame"] + fields)
    failures, shown = [], 0
    for two_pass in (False, True):
        among_all = columns(runner, plugin, extra, capture, two_pass, fields, everything)
        for group in groups:
            alone = columns(runner, plugin, extra, capture, two_pass, group, None)
            for field in group:
                shown += sum(1 for _, value in among_all[field] if value)
                if alone[field] != among_all[field]:
                    diff = next((a, b) for a, b in zip(alone[field] + [("", "")] * len(among_all[field]),
                                                       among_all[field] + [("", "")] * len(alone[field]))
                                if a != b)
                    failures.append(f"{'-2' if two_pass else '1 pass'} {field}: frame {diff[0][0]} "
                                    f"{diff[0][1]!r} without its parent lines, frame {diff[1][0]} "
                                    f"{diff[1][1]!r} with every field")
    if shown == 0:
        failures.append("no lab.* value at all")
    if failures:
        print(f"{capture}: {len(failures)} fields differ")
        for f in failures[:20]:
            print("  " + f)
        sys.exit(1)
    print(f"{capture}: {len(fields)} fields in {len(groups)} groups, {shown} values the same "
          f"without their parent lines as among all, 1 and 2 passes")


if __name__ == "__main__":
    main()
