#!/usr/bin/env bash
# Runs tshark with the freshly built plugin and nothing else of the user's.
#
#   tests/run-tshark.sh PLUGIN.so [tshark arguments...]
#
# tshark ignores personal plugin folders and WIRESHARK_PLUGIN_DIR when run as root, so as
# root it runs as the unprivileged user `nobody` (CI runs as root). Either way it gets a
# throwaway HOME whose personal plugin folder holds only this plugin, so an installed copy
# or the user's preferences cannot change what the tests see.
set -euo pipefail
plugin=$(readlink -f "$1")
shift
majmin=$(tshark -v 2>/dev/null | sed -n 's/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p' | head -n1)
home=$(mktemp -d /tmp/lab-tshark-home.XXXXXX)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/.local/lib/wireshark/plugins/$majmin/epan"
cp "$plugin" "$home/.local/lib/wireshark/plugins/$majmin/epan/"
# The capture is copied into the throwaway HOME so the unprivileged user can read it.
args=()
while [ $# -gt 0 ]; do
    if [ "$1" = "-r" ] && [ $# -ge 2 ] && [ "$2" != "-" ]; then
        cp "$2" "$home/$(basename "$2")"
        args+=("-r" "$home/$(basename "$2")")
        shift 2
    else
        args+=("$1")
        shift
    fi
done
set -- "${args[@]}"
chmod -R a+rX "$home"
if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody "$home"
    # Captures must be readable by nobody: pass them on stdin when they are not.
    setpriv --reuid=nobody --regid=nogroup --clear-groups \
        env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$home" LC_ALL=C.UTF-8 tshark "$@"
else
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$home" LC_ALL=C.UTF-8 tshark "$@"
fi
