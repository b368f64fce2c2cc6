#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The documented filters select the same packets whatever the display language.

    check_filters_language.py RUNNER PLUGIN GOLDEN_DIR CAPTURE... -- FILE...

FILE: Markdown (its backquoted lab.* filters, as check_doc_filters.py finds them), or a
profile's dfilter_buttons or colorfilters (their filter expressions).

A display filter's answer on a packet depends only on the values of the fields it names. So,
on every capture given, tshark runs once in English and once in Chinese (-o lab.language),
with both passes (-2, as the GUI after loading: lab.final.* included), printing every lab.*
field of every packet (all occurrences): numbers, booleans, enums and
expert-info fields must be identical, and the sentence (string) fields must be present on the
same packets the same number of times — their words are the only thing the language changes.
Every documented filter that compares the contents of a sentence field (contains, matches,
==, ...) is then run for real in both languages on every capture, and the packet lists must
match. Extra tshark arguments of a capture (-d ...) come from the `args:` line of its golden
file in GOLDEN_DIR, as in the golden tests."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_doc_filters import snippets  # noqa: E402
from golden_args import capture_args  # noqa: E402
from labcheck import finish, lab_fields, run  # noqa: E402

AGG = "\x1f"  # separates occurrences: never part of a sentence
CONTENT_OPS = r"(?:==|!=|~|\bcontains\b|\bmatches\b|\beq\b|\bne\b|\bin\b)"


def profile_filters(path):
    """The filter expressions of a profile's dfilter_buttons or colorfilters file."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if os.path.basename(path) == "dfilter_buttons":
                m = re.match(r'^"(?:TRUE|FALSE)","[^"]*","([^"]*)"', line)
            else:
                m = re.match(r"^@[^@]*@([^@]*)@", line)
            if m:
                out.append(m.group(1).replace("\\x22", '"'))
    return out


def documented(path):
    if os.path.basename(path) in ("dfilter_buttons", "colorfilters"):
        return profile_filters(path)
    return list(snippets(path))



def dump(runner, plugin, capture, extra, lang, names, strings):
    cmd = extra + ["-2", "-o", f"lab.language:{lang}", "-r", capture, "-T", "fields", "-E", "separator=\t",
                   "-E", "occurrence=a", "-E", f"aggregator={AGG}", "-e", "frame.number"]
    for name in names:
        cmd += ["-e", name]
    rows = {}
    for line in run(runner, plugin, cmd).splitlines():
        cols = line.split("\t")
        frame = cols[0]
        values = []
        for name, value in zip(names, cols[1:]):
            if name in strings:  # the words differ by language; presence and count must not
                value = str(len(value.split(AGG))) if value != "" else ""
            values.append(value)
        rows[frame] = values
    return rows


def frames(runner, plugin, capture, extra, lang, expr):
    cmd = extra + ["-2", "-o", f"lab.language:{lang}", "-r", capture, "-Y", expr, "-T", "fields", "-e", "frame.number"]
    return run(runner, plugin, cmd).split()


def plugin_languages(runner, plugin):
    """The choices of the lab.language preference, as the plugin registers them (its language
    list, lab_msg.c): the "# One of:" line tshark -G defaultprefs writes above it. Wireshark
    writes the choices' descriptions there and takes them for -o as well as the names."""
    lines = run(runner, plugin, ["-G", "defaultprefs"]).splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^#?lab\.language:", line):
            for above in reversed(lines[max(0, i - 4):i]):
                if above.startswith("# One of: "):
                    return [c.strip() for c in above[len("# One of: "):].split(", ")]
    sys.exit("lab.language: no choices found in tshark -G defaultprefs")


def main():
    sep = sys.argv.index("--")
    runner, plugin, golden_dir = sys.argv[1:4]
    captures, docs = sys.argv[4:sep], sys.argv[sep + 1:]
    fields = lab_fields(runner, plugin)
    if not fields:
        sys.exit("no lab.* fields: is the plugin loaded?")
    names = sorted(fields)
    strings = {f for f, t in fields.items() if t.startswith("FT_STRING")}
    filters = sorted({s for path in docs for s in documented(path)})
    if not filters:
        sys.exit("no documented filters found")
    on_words = [s for s in filters
                if any(re.search(re.escape(f) + r"\s*" + CONTENT_OPS, s) for f in strings)]

    languages = plugin_languages(runner, plugin)
    if len(languages) < 2:
        sys.exit(f"lab.language offers {languages}: fewer than two languages")
    failures = []
    for capture in captures:
        extra = capture_args(golden_dir, capture)
        tables = [dump(runner, plugin, capture, extra, lang, names, strings) for lang in languages]
        if not tables[0]:
            failures.append(f"{capture}: no packets")
        for lang, table in zip(languages[1:], tables[1:]):
            for frame in sorted(set(tables[0]) | set(table), key=int):
                a, b = tables[0].get(frame), table.get(frame)
                if a != b:
                    diff = [n for n, x, y in zip(names, a or [], b or []) if x != y] or ["(frame missing)"]
                    failures.append(f"{os.path.basename(capture)} frame {frame}: differs in {', '.join(diff)} "
                                    f"({languages[0]} / {lang})")
                    break
        for expr in on_words:
            got = [frames(runner, plugin, capture, extra, lang, expr) for lang in languages]
            for lang, other in zip(languages[1:], got[1:]):
                if other != got[0]:
                    failures.append(f"{os.path.basename(capture)}: {expr!r} selects {got[0]} in {languages[0]}, "
                                    f"{other} in {lang}")
    finish(failures, f"{len(filters)} documented filters: the {len(names)} lab fields they read agree in all "
                     f"{len(languages)} languages ({', '.join(languages)}) on {len(captures)} captures; "
                     f"{len(on_words)} filters on sentence words run in each")


if __name__ == "__main__":
    main()
