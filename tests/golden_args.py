# SPDX-License-Identifier: GPL-2.0-or-later
"""The extra tshark arguments a golden file asks for (its "args:" line, e.g. Decode As), so
every check runs a capture the way its golden file was written for."""
import os


def golden_args(path):
    """The words of the golden file's "args:" line; none when the file or the line is missing."""
    if not path or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("args:"):
                return line[len("args:"):].split()
    return []


def capture_args(golden_dir, capture):
    """golden_args() of the golden file of CAPTURE (same base name) in GOLDEN_DIR."""
    name = os.path.splitext(os.path.basename(capture))[0]
    return golden_args(os.path.join(golden_dir, name + ".golden"))
