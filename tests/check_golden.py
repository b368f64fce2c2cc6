#!/usr/bin/env python3
"""Compares the plugin's lab.* fields on a real capture with hand-checked expectations.

    check_golden.py RUNNER PLUGIN CAPTURE GOLDEN

RUNNER is tests/run-tshark.sh. The golden format is in tests/golden/FORMAT.md: for the step
fields the listing is complete; other fields are checked where listed. Enum values are
compared by name, using the value_strings tshark itself reports (-G values)."""
import subprocess
import sys

COMPLETE_FIELDS = {"lab.step.handshake", "lab.step.close", "lab.step.reset", "lab.close.kind"}


def run(runner, plugin, args):
    out = subprocess.run([runner, plugin] + args, check=True, capture_output=True, text=True)
    return out.stdout


def value_names(runner, plugin):
    """{field: {number: name}} for the lab.* fields with value_strings."""
    names = {}
    for line in run(runner, plugin, ["-G", "values"]).splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[0] == "V" and parts[1].startswith("lab."):
            names.setdefault(parts[1], {})[parts[2]] = parts[3]
    return names


def parse_golden(path):
    args, expect = [], []
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("args:"):
                args = line[len("args:"):].split()
                continue
            parts = line.split(None, 2)
            if len(parts) != 3 or not parts[0].isdigit():
                sys.exit(f"{path}:{number}: cannot read {line!r}")
            expect.append((int(parts[0]), parts[1], parts[2].strip(), number))
    return args, expect


def normalise(field, value, names):
    if field in names and value in names[field]:
        return names[field][value]
    if value in ("True", "False"):
        return "1" if value == "True" else "0"
    return value


def main():
    runner, plugin, capture, golden = sys.argv[1:5]
    args, expect = parse_golden(golden)
    if not expect:
        sys.exit(f"{golden}: no expectations")
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
    checked = len(expect)
    if failures:
        print(f"{golden}: {len(failures)} mismatches ({checked} expectations)")
        for line in failures:
            print("  " + line)
        sys.exit(1)
    print(f"{golden}: {checked} expectations hold on {len(table)} frames")


if __name__ == "__main__":
    main()
