#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A display filter on a lab.* field gives the same answer in the first pass (a filter typed
while the GUI is still reading the file, single-pass tshark) as after it (View → Reload,
tshark -2).

For every registered lab.* field the filter "FIELD" (present), for every enum value
"FIELD == NAME" and for every boolean "FIELD == 1" are evaluated by tshark's io,stat tap — each
filter as its own tap, evaluated in the pass that dissects the packets — once in single pass
and once with -2. Each filter's frame count and byte sum (a fingerprint of which frames:
check_redissection.py compares the values frame by frame) must agree.
The whole-capture fields lab.final.* are the documented exception: they exist only once the
first pass is over, so in single pass they must match no frame at all (never a different set).

    check_filter_stability.py RUNNER PLUGIN CAPTURE [GOLDEN]

GOLDEN, if it exists, supplies the capture's extra tshark arguments (its `args:` line).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_args import golden_args  # noqa: E402
from labcheck import io_stat, lab_fields, lab_values  # noqa: E402

AFTER_FIRST_PASS_ONLY = ("lab.final",)


def filters(runner, plugin):
    kinds = lab_fields(runner, plugin)
    out = list(kinds)
    out += [f'{field} == "{name}"' for field, _number, name in lab_values(runner, plugin)]
    out += [f"{f} == 1" for f, k in kinds.items() if k == "FT_BOOLEAN"]
    return out


def main():
    runner, plugin, capture = sys.argv[1:4]
    extra = golden_args(sys.argv[4] if len(sys.argv) > 4 else None)
    exprs = filters(runner, plugin)
    if len(exprs) < 20:
        sys.exit(f"only {len(exprs)} filters")
    # [(frames, bytes)] a filter, single pass and -2
    one = io_stat(runner, plugin, extra + ["-r", capture], exprs)
    two = io_stat(runner, plugin, extra + ["-2", "-r", capture], exprs)
    failures, matched = [], 0
    for e, a, b in zip(exprs, one, two):
        later_only = e.split()[0].startswith(AFTER_FIRST_PASS_ONLY)
        if later_only:
            if a[0] != 0:
                failures.append(f"{e}: matches {a[0]} frames in the first pass (must be none)")
        elif a != b:
            failures.append(f"{e}: first pass {a[0]} frames, after it {b[0]} (bytes {a[1]}/{b[1]})")
        matched += b[0] > 0
    if failures:
        print(f"{capture}: {len(failures)} filters change their answer")
        print("\n".join("  " + f for f in failures[:30]))
        sys.exit(1)
    print(f"{capture}: {len(exprs)} filters ({matched} matching something) give the same frames "
          f"in the first pass and after it; lab.final.* only after it")


if __name__ == "__main__":
    main()
