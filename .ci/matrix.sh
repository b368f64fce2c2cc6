#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The plugin on another Wireshark: builds and tests it inside a Debian root made with
# debootstrap, then builds its packages and checks them installed in that root.
#
#   .ci/matrix.sh trixie|sid|bookworm [--prepare-only|--packages-only] [--no-fuzz-smoke|--between]
#
#   trixie   Debian 13, Wireshark 4.4
#   sid      Debian unstable, Wireshark 4.6 (whatever unstable has today)
#   bookworm Debian 12, Wireshark 4.0 (CI uses it for the 4.0 package only: the 4.0 suite
#            runs natively, and packages are never installed on the machine itself)
#
# Steps, each timed ("matrix: <suite> <step> <seconds>s" lines, which .ci/run sums up):
#   root      debootstrap --variant=minbase from the Debian archive apt already uses on this
#             machine (.ci/debian-mirror.sh reads it from the apt configuration), or reuse
#   deps      .ci/deps.sh inside the root: the same build dependencies as natively
#             (--prepare-only stops here: .ci/run prepares the roots while the native suite runs)
#   suite     a copy of the source in /lab/src (../shared beside it in /lab/shared), built with
#             -DLAB_WERROR=ON and the whole ctest suite (.ci/test.sh), unless --packages-only.
#             --no-fuzz-smoke leaves out fuzz_captures_smoke (the 240-input capture fuzz, the
#             one long test; .ci/run runs it natively and on the newest version only).
#             --between, for the version between the oldest and the newest (.ci/run: trixie),
#             also leaves out what does not depend on the Wireshark version and runs on both
#             ends: core_random_smoke (the core alone, no Wireshark in it), valgrind_captures_*
#             and filters_language_* (the same frames in every language: a property of the
#             plugin's catalogue, not of what Wireshark hands it)
#   packages  .ci/package.sh: the .deb and .tar.gz for this Wireshark, copied out to dist/
#   install   .ci/package-check.sh: installs the .deb, tshark -G plugins lists it, a bundled
#             capture is annotated through the installed copy, purge leaves no file; the
#             tarball's one-line personal install works for an unprivileged user
#
# Environment:
#   LAB_ROOTS          a folder of reusable roots: LAB_ROOTS/<suite> is used if it is there
#                      (made by this script before), else bootstrapped there and kept, so a
#                      developer bootstraps once. Unset: a fresh root in a temporary folder,
#                      removed at the end (what CI does).
#   LAB_DEBIAN_MIRROR  the archive URL, instead of the one apt uses
#
# Mounts (/proc, a tmpfs on /dev/shm) are undone on every exit path, and checked with
# findmnt. Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)

suite=${1:-}
shift || true
case "$suite" in
    trixie|sid|bookworm) ;;
    *) echo "usage: .ci/matrix.sh trixie|sid|bookworm [--prepare-only|--packages-only] [--no-fuzz-smoke|--between]" >&2; exit 64 ;;
esac
packages_only=0
prepare_only=0
ctest_exclude=""
for arg in "$@"; do
    case "$arg" in
        --packages-only) packages_only=1 ;;
        --prepare-only) prepare_only=1 ;;
        --no-fuzz-smoke) ctest_exclude="^fuzz_captures_smoke\$" ;;
        --between) ctest_exclude="^(fuzz_captures_smoke|core_random_smoke|valgrind_captures_.*|filters_language_.*)\$" ;;
        *) echo "matrix: unknown option $arg" >&2; exit 64 ;;
    esac
done
[ "$(id -u)" -eq 0 ] || { echo "matrix: needs root (debootstrap, chroot, mount)" >&2; exit 1; }

step_start=0
step() { step_name=$1; step_start=$(date +%s); echo "== matrix: $suite: $step_name"; }
step_done() { echo "matrix: $suite $step_name $(( $(date +%s) - step_start ))s"; }

# ---- the root ----
temp_root=""
if [ -n "${LAB_ROOTS:-}" ]; then
    mkdir -p "$LAB_ROOTS"
    root=$(cd "$LAB_ROOTS" && pwd)/$suite
else
    temp_root=$(mktemp -d /var/tmp/lab-matrix-root.XXXXXX)
    root=$temp_root/$suite
fi

mounted=()
unmount_all() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true
    done
    mounted=()
}
# (findmnt's list is read whole before it is searched: with pipefail, grep -q ending the
# pipe early would make findmnt die of SIGPIPE and the search look like "nothing found")
mounts_under() { local all; all=$(findmnt -rn -o TARGET); grep -F "$1" <<<"$all" || true; }
# rm -rf of a root, refused while anything is mounted below it (a killed debootstrap can
# leave its /proc or a bind mount of the host's /dev there)
remove_root_dir() {
    if [ -n "$(mounts_under "$1/")" ]; then
        echo "matrix: not removing $1, still mounted there:" >&2
        mounts_under "$1/" >&2
        exit 1
    fi
    rm -rf "$1"
}
cleanup() {
    local rc=$?
    unmount_all
    # nothing of ours may stay mounted (findmnt prints each mount under the root)
    # ($root and $root.partial, where debootstrap works)
    if [ -n "$(mounts_under "$root")" ]; then
        echo "matrix: still mounted under $root:" >&2
        mounts_under "$root" >&2
        rc=1
    fi
    if [ -n "$temp_root" ]; then
        # only once nothing is mounted there: rm must not reach the host through a mount
        if [ -n "$(mounts_under "$temp_root")" ]; then
            echo "matrix: left $temp_root in place (something is mounted there)" >&2
        else
            rm -rf "$temp_root"
        fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mount_in_root() { # TYPE-OR-bind SOURCE TARGET-inside-root
    local target=$root$3
    mkdir -p "$target"
    mount -t "$1" "$2" "$target"
    mounted+=("$target")
}

step root
if [ -f "$root/.lab-root-ready" ]; then
    echo "matrix: reusing $root"
else
    mirror=$(bash .ci/debian-mirror.sh)
    remove_root_dir "$root.partial"
    debootstrap --variant=minbase "$suite" "$root.partial" "$mirror"
    remove_root_dir "$root"
    mv "$root.partial" "$root"
    touch "$root/.lab-root-ready"
fi
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mount_in_root proc proc /proc
mount_in_root tmpfs tmpfs /dev/shm
step_done

in_root() { # runs a command in the root with a clean environment
    chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive CI="${CI:-}" "$@"
}

step deps
# The source first (deps.sh is part of it); a fresh copy every run, without build trees.
rm -rf "$root/lab"
mkdir -p "$root/lab/src"
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # tracked files and new ones not ignored: what a clean clone would have, plus work in progress
    git -C "$src" ls-files -z --cached --others --exclude-standard \
        | (cd "$src" && tar --null -T - --ignore-failed-read -cf -) | tar -xf - -C "$root/lab/src"
else
    tar -C "$src" --exclude=./build --exclude='./build-*' --exclude=./dist -cf - . | tar -xf - -C "$root/lab/src"
fi
if [ -d "$src/../shared" ]; then
    cp -a "$src/../shared" "$root/lab/shared"
fi
# A frozen copy of the archive (a snapshot or a local mirror) serves unstable's Release file
# after its Valid-Until date; apt then refuses it. Only in that case is the date check turned
# off, inside this root, and said so.
if ! in_root apt-get update 2>&1 | tee "$root/lab/apt-update.log" || grep -q 'is expired' "$root/lab/apt-update.log"; then
    if grep -q 'is expired' "$root/lab/apt-update.log"; then
        echo "matrix: the archive's $suite Release file is past its Valid-Until date (a frozen copy);" \
             "checking it is turned off inside this root"
        echo 'Acquire::Check-Valid-Until "false";' >"$root/etc/apt/apt.conf.d/99lab-archive-copy"
        in_root apt-get update
    else
        exit 1
    fi
fi
in_root bash /lab/src/.ci/deps.sh
step_done
[ "$prepare_only" -eq 0 ] || exit 0

if [ "$packages_only" -eq 0 ]; then
    step suite
    in_root env LAB_BUILD_DIR=/lab/build LAB_CTEST_EXCLUDE="$ctest_exclude" bash /lab/src/.ci/test.sh
    step_done
fi

step packages
in_root env LAB_BUILD_DIR=/lab/build-package LAB_DIST_DIR=/lab/dist bash /lab/src/.ci/package.sh
mkdir -p "$src/dist"
cp "$root"/lab/dist/* "$src/dist/"
step_done

step install
in_root bash /lab/src/.ci/package-check.sh /lab/dist
step_done
