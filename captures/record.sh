#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Record the teaching captures: runs captures/scenarios/<name>.sh for each NAME given, or
# every captures/scenarios/*.sh when none is given. Each scenario writes
# captures/<name>.pcapng. Needs root (network namespaces, dumpcap); installs missing Debian
# packages itself. Traffic stays inside namespaces it creates (loopback or veth with
# documentation addresses).
#   usage: sudo captures/record.sh [--list] [NAME...]
# The browser scenarios (those sourcing lib/browser.sh) write to $LHB_OUT_DIR instead of
# captures/ when it is set:  sudo LHB_OUT_DIR=/tmp/try captures/record.sh nginx-persistent
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = "--list" ]; then
    for f in "$here"/scenarios/*.sh; do basename "$f" .sh; done
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "record.sh: must be run as root (it creates network namespaces and runs dumpcap)" >&2
    exit 1
fi

scripts=()
if [ $# -eq 0 ]; then
    scripts=("$here"/scenarios/*.sh)
else
    for n in "$@"; do
        n=${n%.sh}; n=${n%.pcapng}; n=$(basename "$n")
        [ -f "$here/scenarios/$n.sh" ] || { echo "record.sh: no scenario $n (see --list)" >&2; exit 2; }
        scripts+=("$here/scenarios/$n.sh")
    done
fi

failed=()
for s in "${scripts[@]}"; do
    n=$(basename "$s" .sh)
    echo "=== $n" >&2
    # each scenario bounds its own processes; 5 minutes is a last-resort limit
    if ! timeout 300 bash "$s"; then
        failed+=("$n")
        echo "=== $n FAILED" >&2
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "record.sh: failed: ${failed[*]}" >&2
    exit 1
fi
echo "record.sh: recorded ${#scripts[@]} scenario(s)" >&2
