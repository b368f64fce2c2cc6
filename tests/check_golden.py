#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compares the plugin's lab.* fields on a real capture with hand-checked expectations.

    check_golden.py RUNNER PLUGIN CAPTURE GOLDEN

RUNNER is tests/run-tshark.sh. The golden format is in tests/golden/FORMAT.md: for the step
fields the listing is complete; other fields are checked where listed. Enum values are
compared by name, using the value_strings tshark itself reports (-G values). A line may hold
for some Wireshark versions only ("ws>=4.4 46 lab.stream 5"); it is checked against the
tshark in use and skipped on the others."""
import operator
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import lab_values, run  # noqa: E402

COMPLETE_FIELDS = {"lab.step.handshake", "lab.step.close", "lab.step.reset", "lab.close.kind"}


def value_names(runner, plugin):
    """{field: {number: name}} for the lab.* fields with value_strings."""
    names = {}
    for field, number, name in lab_values(runner, plugin):
        names.setdefault(field, {})[number] = name
    return names


VERSION_CONDITION = re.compile(r"^ws(<=|>=|<|>|==)(\d+)\.(\d+)$")
COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq}


def wireshark_version(runner, plugin):
    """(major, minor) of the tshark the runner starts."""
    match = re.search(r"TShark \(Wireshark\) (\d+)\.(\d+)", run(runner, plugin, ["-v"]))
    if not match:
        sys.exit("cannot read the version of tshark")
    return int(match.group(1)), int(match.group(2))


def parse_golden(path, version):
    """args, expectations for this Wireshark version, and the number of lines skipped as
    meant for other versions."""
    args, expect, skipped = [], [], 0
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("args:"):
                args = line[len("args:"):].split()
                continue
            condition = VERSION_CONDITION.match(line.split(None, 1)[0])
            if condition:
                line = line.split(None, 1)[1] if len(line.split(None, 1)) == 2 else ""
                wanted = (int(condition.group(2)), int(condition.group(3)))
                if not COMPARE[condition.group(1)](version, wanted):
                    skipped += 1
                    continue
            parts = line.split(None, 2)
            if len(parts) != 3 or not parts[0].isdigit():
                sys.exit(f"{path}:{number}: cannot read {raw.strip()!r}")
            expect.append((int(parts[0]), parts[1], parts[2].strip(), number))
    return args, expect, skipped


def shown_lines(runner, plugin, args, capture, wanted):
    """{(frame, field): the text the tree shows for the field's first occurrence} (PDML showname)."""
    frames = sorted({frame for frame, _ in wanted})
    expr = " || ".join(f"frame.number == {n}" for n in frames)
    xml = run(runner, plugin, args + ["-r", capture, "-Y", expr, "-T", "pdml"])
    shown = {}
    for packet in ET.fromstring(xml).iter("packet"):
        number = None
        for field in packet.iter("field"):
            if field.get("name") == "frame.number":
                number = int(field.get("show"))
                break
        for field in packet.iter("field"):
            key = (number, field.get("name"))
            if key in wanted and key not in shown:
                shown[key] = field.get("showname")
    return shown


def normalise(field, value, names):
    if field in names and value in names[field]:
        return names[field][value]
    if value in ("True", "False"):
        return "1" if value == "True" else "0"
    return value


def main():
    runner, plugin, capture, golden = sys.argv[1:5]
    version = wireshark_version(runner, plugin)
    args, expect, skipped = parse_golden(golden, version)
    if not expect:
        sys.exit(f"{golden}: no expectations")
    shows = [(frame, field[len("show:"):], value, number) for frame, field, value, number in expect
             if field.startswith("show:")]
    expect = [e for e in expect if not e[1].startswith("show:")]
    fields = sorted({f for _, f, _, _ in expect} | COMPLETE_FIELDS)
    names = value_names(runner, plugin)
    cmd = args + ["-r", capture, "-T", "fields", "-E", "separator=\t", "-E", "occurrence=f",
                  "-e", "frame.number"]
    for f in fields:
        cmd += ["-e", f]
    table = {}
    for line in run(runner, plugin, cmd).splitlines():
        cols = line.split("\t")
        frame = int(cols[0])
        table[frame] = {f: normalise(f, v, names) for f, v in zip(fields, cols[1:]) if v != ""}

    failures = []
    listed = set()
    for frame, field, value, number in expect:
        listed.add((frame, field))
        got = table.get(frame, {}).get(field)
        if value == "(none)":  # the frame must not carry the field
            if got is not None:
                failures.append(f"line {number}: frame {frame} {field}: expected none, got {got!r}")
            continue
        if value.startswith("~") and got is not None:
            try:
                if abs(float(got) - float(value[1:])) <= 0.05:
                    continue
            except ValueError:
                pass
        if got != value:
            failures.append(f"line {number}: frame {frame} {field}: expected {value!r}, got {got!r}")
    for frame in sorted(table):
        for field in COMPLETE_FIELDS:
            if field in table[frame] and (frame, field) not in listed:
                failures.append(f"frame {frame} has {field} = {table[frame][field]!r}, not in the golden file")
    if shows:
        shown = shown_lines(runner, plugin, args, capture, {(frame, field) for frame, field, _, _ in shows})
        for frame, field, value, number in shows:
            got = shown.get((frame, field))
            if got != value:
                failures.append(f"line {number}: frame {frame} shows {field} as {got!r}, expected {value!r}")
    checked = len(expect) + len(shows)
    if failures:
        print(f"{golden}: {len(failures)} mismatches ({checked} expectations)")
        for line in failures:
            print("  " + line)
        sys.exit(1)
    other = f" ({skipped} lines for other Wireshark versions skipped)" if skipped else ""
    print(f"{golden}: {checked} expectations hold on {len(table)} frames with Wireshark {version[0]}.{version[1]}{other}")


if __name__ == "__main__":
    main()
