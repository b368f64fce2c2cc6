# SPDX-License-Identifier: GPL-2.0-or-later
"""What the tshark checks (tests/check_*.py) share: running tshark through tests/run-tshark.sh
with the plugin under test, and the lists of the plugin's fields and values that tshark -G
prints, and the numbers of -z io,stat. A check imports it with its own folder on sys.path:

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from labcheck import run  # noqa: E402

RUNNER is tests/run-tshark.sh, PLUGIN the built plugin (or "none": tshark without it), as
tests/CMakeLists.txt passes them. tshark gets this process's environment; run-tshark.sh
decides what reaches tshark itself.
"""
import os
import re
import subprocess
import sys


def tshark(runner, plugin, args, profile=None):
    """tshark's finished process (stdout and stderr as text), whatever its exit status.
    profile: a configuration profile folder run-tshark.sh copies in (LAB_TSHARK_PROFILE), to
    be used with -C and its name."""
    env = None if profile is None else dict(os.environ, LAB_TSHARK_PROFILE=profile)
    return subprocess.run([runner, plugin] + list(args), capture_output=True, text=True, env=env)


def run(runner, plugin, args, profile=None):
    """tshark's standard output. A tshark that fails ends the check (exit status 1) with a
    sentence naming its arguments, its exit status and the start of what it wrote on stderr."""
    res = tshark(runner, plugin, args, profile)
    if res.returncode != 0:
        sys.exit(f"tshark {' '.join(args)} failed ({res.returncode}): {res.stderr.strip()[:500]}")
    return res.stdout


def lab_fields(runner, plugin):
    """{name: type} of every lab.* field tshark -G fields lists (expert infos included), in
    the order it lists them; list() of it gives the names."""
    fields = {}
    for line in run(runner, plugin, ["-G", "fields"]).splitlines():
        parts = line.split("\t")
        if len(parts) >= 4 and parts[0] == "F" and parts[2].startswith("lab."):
            fields[parts[2]] = parts[3]
    return fields


def lab_values(runner, plugin):
    """[(field, number, name)] of every value_string entry of a lab.* field that tshark -G
    values lists, in its order (the number as tshark prints it)."""
    values = []
    for line in run(runner, plugin, ["-G", "values"]).splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[0] == "V" and parts[1].startswith("lab."):
            values.append((parts[1], parts[2], parts[3]))
    return values


IO_STAT_ROW = re.compile(r"^\|\s*[0-9.]+ <> ")


def io_stat_cells(text):
    """The numbers of the one interval row of `-z io,stat,0,EXPR,...` output (two a filter:
    its frames and its bytes), or None when there is not exactly one such row."""
    rows = [line for line in text.splitlines() if IO_STAT_ROW.match(line)]
    if len(rows) != 1:
        return None
    return [int(c) for c in rows[0].strip().strip("|").split("|")[1:]]


def io_stat(runner, plugin, args, exprs):
    """[(frames, bytes)] for each display filter in exprs, in order, from one tshark run with
    args and `-q -z io,stat,0,...`. Output that cannot be read ends the check."""
    text = run(runner, plugin, args + ["-q", "-z", "io,stat,0," + ",".join(exprs)])
    cells = io_stat_cells(text)
    if cells is None:
        sys.exit(f"cannot read io,stat output:\n{text}")
    if len(cells) != 2 * len(exprs):
        sys.exit(f"expected {2 * len(exprs)} io,stat cells, got {len(cells)}")
    return [tuple(cells[2 * i:2 * i + 2]) for i in range(len(exprs))]


def finish(failures, passed):
    """The end of a check: the failures, a line each, and exit status 1; or the one line
    PASSED says when there are none."""
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(passed)


def field_rows(runner, plugin, args, fields):
    """[{field: cell}] of `tshark ARGS -T fields -e FIELD...`, one dict a frame, every field
    in it (a missing one is ""); all occurrences, joined with "|" (cells(text) splits them)."""
    cmd = list(args) + ["-T", "fields", "-E", "separator=\t", "-E", "aggregator=|", "-E", "occurrence=a"]
    for f in fields:
        cmd += ["-e", f]
    rows = []
    for line in run(runner, plugin, cmd).splitlines():
        cols = line.split("\t")
        cols += [""] * (len(fields) - len(cols))
        rows.append(dict(zip(fields, cols)))
    return rows


def cells(text):
    """The values of a field_rows() cell: a list, empty when the field was absent."""
    return [v for v in text.split("|") if v != ""]
