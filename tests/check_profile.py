#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The "Lab Handshake" configuration profile works as shipped.

- tshark -C "Lab Handshake" (the profile in a throwaway HOME's personal profiles folder) reads
  its preferences and colouring rules without a single warning, and prints the packet list
  with the profile's lab columns: frame 1 of the three-way-close capture shows the step and
  both states;
- the columns it configures are the plugin's short fields (tshark -G currentprefs);
- every colouring rule and every filter button is a display filter tshark compiles (and each
  button matches something in at least one bundled capture);
- the zip for Configuration Profiles -> Import holds exactly the profile folder's files.

    check_profile.py RUNNER PLUGIN PROFILE_DIR ZIP CAPTURE_DIR
    check_profile.py --write-zip PROFILE_DIR ZIP      (regenerates the zip, reproducibly)
"""
import glob
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import io_stat_cells, tshark  # noqa: E402

FILES = ["colorfilters", "dfilter_buttons", "preferences", "recent"]
SHORT_COLUMNS = ["lab.step.short", "lab.state.client.short", "lab.state.server.short"]


def write_zip(profile, path):
    name = os.path.basename(os.path.normpath(profile))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for f in FILES:
            info = zipfile.ZipInfo(f"{name}/{f}", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            with open(os.path.join(profile, f), "rb") as src:
                z.writestr(info, src.read(), zipfile.ZIP_DEFLATED)


def colour_rules(profile):
    rules = []
    for line in open(os.path.join(profile, "colorfilters"), encoding="utf-8"):
        if line.startswith("@"):
            m = re.match(r"^@([^@]*)@([^@]*)@\[\d+,\d+,\d+\]\[\d+,\d+,\d+\]\s*$", line)
            rules.append((m.group(1), m.group(2)) if m else (line.strip(), None))
    return rules


def buttons(profile):
    out = []
    for line in open(os.path.join(profile, "dfilter_buttons"), encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r'^"(TRUE|FALSE)","([^"]*)","([^"]*)","([^"]*)"\s*$', line)
        if not m:
            out.append((line.strip(), None))
        else:
            out.append((m.group(2), m.group(3).replace("\\x22", '"')))
    return out


def main():
    if sys.argv[1] == "--write-zip":
        write_zip(sys.argv[2], sys.argv[3])
        return
    runner, plugin, profile, zip_path, captures = sys.argv[1:6]
    name = os.path.basename(os.path.normpath(profile))
    three_way = os.path.join(captures, "three-way-close.pcapng")
    failures = []

    for f in FILES:
        if not os.path.isfile(os.path.join(profile, f)):
            failures.append(f"the profile has no {f}")

    out = tshark(runner, plugin, ["-C", name, "--color", "-r", three_way, "-c", "1"], profile)
    if out.returncode != 0 or out.stderr.strip():
        failures.append(f"tshark -C {name!r} complains: rc {out.returncode} {out.stderr.strip()[:500]}")
    if not re.search(r"SYN 1/3\s+SYN-SENT\s+LISTEN → SYN-RECEIVED", out.stdout):
        failures.append(f"frame 1 does not show the lab columns: {out.stdout.strip()!r}")

    prefs = tshark(runner, plugin, ["-G", "currentprefs", "-C", name], profile).stdout
    m = re.search(r"^gui\.column\.format:\s*\n((?:\s+\".*\n)+)", prefs, re.M)
    columns = re.findall(r'"%Cus:([a-z0-9_.]+):', m.group(1)) if m else []
    if columns != SHORT_COLUMNS:
        failures.append(f"profile columns are {columns}, expected {SHORT_COLUMNS}")

    exprs = []
    for label, expr in colour_rules(profile) + buttons(profile):
        if expr is None:
            failures.append(f"cannot read the line {label!r}")
        else:
            exprs.append((label, expr))
    if len(exprs) < 8:
        failures.append(f"only {len(exprs)} colouring rules and buttons")
    captures_all = sorted(glob.glob(os.path.join(captures, "*.pcapng")))
    combined = " || ".join(f"({e})" for _label, e in exprs)
    if tshark(runner, plugin, ["-r", three_way, "-Y", combined, "-c", "1"], profile).returncode != 0:
        for label, expr in exprs:
            res = tshark(runner, plugin, ["-r", three_way, "-Y", expr, "-c", "1"], profile)
            if res.returncode != 0:
                failures.append(f"{label!r}: {expr!r} does not compile: {res.stderr.strip()[:200]}")
    # every button answers a question some bundled capture asks (after the first pass, -2,
    # as after loading a file in the GUI): one io,stat column per button, one run per capture
    button_exprs = [expr for _label, expr in buttons(profile) if expr]
    matched = [False] * len(button_exprs)
    for c in captures_all:
        res = tshark(runner, plugin, ["-2", "-q", "-r", c, "-z", "io,stat,0," + ",".join(button_exprs)], profile)
        cells = io_stat_cells(res.stdout)
        if cells is not None:
            for i in range(len(button_exprs)):
                matched[i] = matched[i] or cells[2 * i] > 0
    for expr, hit in zip(button_exprs, matched):
        if not hit:
            failures.append(f"the button {expr!r} matches nothing in any bundled capture")

    expected = {f"{name}/{f}": open(os.path.join(profile, f), "rb").read() for f in FILES}
    try:
        with zipfile.ZipFile(zip_path) as z:
            got = {i: z.read(i) for i in z.namelist()}
        if got != expected:
            failures.append(f"{zip_path} is not the profile folder (regenerate: {sys.argv[0]} --write-zip)")
    except (OSError, zipfile.BadZipFile) as e:
        failures.append(f"{zip_path}: {e}")

    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"profile {name!r}: tshark -C reads it without warnings, lab columns shown, "
          f"{len(exprs)} colouring rules and buttons compile, zip matches")


if __name__ == "__main__":
    main()
