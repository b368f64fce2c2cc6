#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A lab.* field has the same value whether or not the other lab.* fields are asked for.

In a tree nobody sees (tshark without -V or -T, a display filter, a column), the plugin
builds only the lines that some filter, column or colouring rule names (lab_tree.c,
wants()/unseen()); a line asked for alone, without the line it sits under, must still be
there with the same value. So each lab.* field is shown as a custom column twice: alone, and
with a display filter that names every lab.* field (and matches every frame: "frame || ..."),
so every line is built. The two listings must be identical, in a single pass and with -2.
(-T fields would not do: tshark builds a visible tree for it, where every line is built.)

    check_partial_fields.py RUNNER PLUGIN CAPTURE [GOLDEN]

One pair of runs per field, so CMake gives this check a few captures that between them show
every line, not all of them.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_redissection import lab_fields, run  # noqa: E402
from golden_args import golden_args  # noqa: E402


def column(runner, plugin, extra, capture, two_pass, field, dfilter):
    args = extra + (["-2"] if two_pass else []) + [
        "-r", capture, "-o", f'gui.column.format:"No.","%m","V","%Cus:{field}:0:R"']
    if dfilter:
        args += ["-Y", dfilter]
    return run(runner, plugin, args).splitlines()


def main():
    runner, plugin, capture = sys.argv[1:4]
    extra = golden_args(sys.argv[4] if len(sys.argv) > 4 else None)
    fields = lab_fields(runner, plugin)
    if len(fields) < 10:
        sys.exit(f"only {len(fields)} lab.* fields registered")
    everything = " || ".join(["frame"] + fields)
    failures, shown = [], 0
    for two_pass in (False, True):
        for field in fields:
            alone = column(runner, plugin, extra, capture, two_pass, field, None)
            among_all = column(runner, plugin, extra, capture, two_pass, field, everything)
            shown += sum(1 for line in among_all if len(line.split(None, 1)) > 1)
            if alone != among_all:
                diff = next((a, b) for a, b in zip(alone + [""] * len(among_all), among_all + [""] * len(alone))
                            if a != b)
                failures.append(f"{'-2' if two_pass else '1 pass'} {field}: {diff[0]!r} alone, "
                                f"{diff[1]!r} with every field")
    if shown == 0:
        failures.append("no lab.* value at all")
    if failures:
        print(f"{capture}: {len(failures)} fields differ")
        for f in failures[:20]:
            print("  " + f)
        sys.exit(1)
    print(f"{capture}: {len(fields)} fields, {shown} values the same alone as among all, 1 and 2 passes")


if __name__ == "__main__":
    main()
