# SPDX-License-Identifier: GPL-2.0-or-later
"""What the tshark checks (tests/check_*.py) share: running tshark through tests/run-tshark.sh
with the plugin under test, and the lists of the plugin's fields and values that tshark -G
prints. A check imports it with its own folder on sys.path:

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from labcheck import run  # noqa: E402

RUNNER is tests/run-tshark.sh, PLUGIN the built plugin (or "none": tshark without it), as
tests/CMakeLists.txt passes them. tshark gets this process's environment; run-tshark.sh
decides what reaches tshark itself.
"""
import os
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
