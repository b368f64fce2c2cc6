#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks the packages .ci/package.sh made, on a Debian machine with this Wireshark (run as
# root, inside a .ci/matrix.sh root: it installs into the system plugin folder):
#   1. the .deb depends on the package holding the libwiresharkNN its plugin was linked
#      against (the soname read from the plugin);
#   2. apt installs it; tshark -G plugins lists lab_handshake.so from the system folder;
#   3. a bundled capture is annotated through the installed copy: the handshake steps of
#      captures/three-way-close.pcapng are the hand-checked ones of its golden file;
#   4. apt-get purge removes it and leaves none of its files; tshark no longer lists it;
#   1b. the .deb carries the licence (/usr/share/doc/<package>/copyright, GPL-2+) and the
#       tarball the LICENSE file (GPL-2.0-or-later);
#   5. the tarball's one-line install (INSTALL.txt) works for an unprivileged user, whose
#      tshark then lists the plugin from the personal folder.
#   .ci/package-check.sh DIST-DIR
set -euo pipefail
cd "$(dirname "$0")/.."
dist=$(cd "${1:-dist}" && pwd)
export DEBIAN_FRONTEND=noninteractive
fail() { echo "package-check: FAILED: $*" >&2; exit 1; }

# (no pipe is ended early here: with pipefail a writer killed by SIGPIPE would fail the step)
version=$(tshark -v)
majmin=$(sed -n 's/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p' <<<"$version" | sed -n 1p)
deb=$(ls "$dist"/wireshark-plugin-lab-handshake_*+ws"$majmin"_*.deb)
tarball=$(ls "$dist"/lab-handshake-*-wireshark-"$majmin"-linux-*.tar.gz)
pkg=wireshark-plugin-lab-handshake
echo "package-check: Wireshark $majmin: $(basename "$deb"), $(basename "$tarball")"
! dpkg-query -W "$pkg" >/dev/null 2>&1 || fail "$pkg is installed already"

# 1. Depends names the exact libwireshark
x=$(mktemp -d)
chmod 755 "$x" # step 5 runs as nobody below it
trap 'rm -rf "$x"' EXIT
dpkg-deb -x "$deb" "$x/root"
so=$(find "$x/root" -name lab_handshake.so)
[ -n "$so" ] || fail "no lab_handshake.so in the package"
soname=$(readelf -d "$so" | sed -n 's/.*(NEEDED).*\[\(libwireshark\.so\.[0-9]*\)\].*/\1/p')
[ -n "$soname" ] || fail "the plugin does not link libwireshark"
libpath=$(ldconfig -p | awk -v s="$soname" '$1 == s && !found { print $NF; found = 1 }')
libpkg=$(dpkg -S "$(readlink -f "$libpath")" | cut -d: -f1)
depends=$(dpkg-deb -f "$deb" Depends)
echo "package-check: the plugin needs $soname ($libpkg); Depends: $depends"
grep -q -E "(^|, )$libpkg( |,|$)" <<<"$depends" || fail "Depends does not name $libpkg"

# 1b. the licence travels with both packages
grep -q -F "./usr/share/doc/$pkg/copyright" <<<"$(dpkg-deb -c "$deb")" || fail "the .deb has no copyright file"
dpkg-deb --fsys-tarfile "$deb" | tar -xOf - "./usr/share/doc/$pkg/copyright" >"$x/copyright"
grep -q '^License: GPL-2+$' "$x/copyright" || fail "the .deb's copyright file does not say GPL-2+"
tar -xzOf "$tarball" LICENSE >"$x/LICENSE" || fail "the tarball has no LICENSE"
grep -q 'GPL-2.0-or-later' "$x/LICENSE" && grep -q 'GNU GENERAL PUBLIC LICENSE' "$x/LICENSE" \
    || fail "the tarball's LICENSE is not the GPL-2.0-or-later text"
echo "package-check: the .deb carries its copyright file (GPL-2+), the tarball its LICENSE"

# 2. installed
files=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { sub(/^\./, "", $6); print $6 }')
dirs=$(dpkg-deb -c "$deb" | awk '$1 ~ /^d/ { sub(/^\./, "", $6); sub(/\/$/, "", $6); if ($6 != "") print $6 }')
apt-get install -y "$deb"
plugin_dir=$(dirname "$(grep '/lab_handshake.so$' <<<"$files")")
case "$plugin_dir" in */wireshark/plugins/"$majmin"/epan) ;; *) fail "installed into $plugin_dir" ;; esac
tshark -G plugins | tee "$x/plugins" | grep lab_handshake
grep -q -F "$plugin_dir/lab_handshake.so" "$x/plugins" || fail "tshark -G plugins does not list $plugin_dir/lab_handshake.so"

# 3. annotates: the handshake steps of three-way-close, as its golden file lists them
want=$(awk '$2 == "lab.step.handshake" { print $1, $3 }' tests/golden/three-way-close.golden)
got=$(tshark -r captures/three-way-close.pcapng -Y lab.step.handshake -T fields -e frame.number -e lab.step.handshake \
      | tr '\t' ' ')
echo "package-check: handshake steps through the installed copy: $(tr '\n' ';' <<<"$got")"
[ -n "$want" ] && [ "$got" = "$want" ] || fail "the installed plugin gave '$got', the golden file says '$want'"

# 4. purged, nothing left
apt-get purge -y "$pkg"
status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
[ "$status" != "install ok installed" ] || fail "$pkg still installed"
while read -r f; do
    [ ! -e "$f" ] || fail "$f is still there after purge"
done <<<"$files"
tshark -G plugins >"$x/plugins-after"
! grep -q lab_handshake "$x/plugins-after" || fail "tshark still lists the plugin after purge"
# and no folder that only it used (the doc folder; the plugin folder is Wireshark's)
while read -r d; do
    if [ -d "$d" ] && ! dpkg -S "$d" >/dev/null 2>&1 && [ -z "$(ls -A "$d")" ]; then
        fail "the empty folder $d is left after purge"
    fi
done <<<"$dirs"
[ ! -e /usr/share/doc/$pkg ] || fail "/usr/share/doc/$pkg is left after purge"
echo "package-check: purge left none of the package's $(wc -l <<<"$files") files and folders"

# 5. the tarball, for a user
home=$x/home
mkdir -p "$home/.local/lib/wireshark/plugins"
cp "$tarball" "$home/"
chown -R nobody "$home"
line=$(tar -xzOf "$tarball" INSTALL.txt | sed -n 's/^ *\(tar -xzf .*\)$/\1/p')
echo "package-check: as a user: $line"
setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH=/usr/bin:/bin HOME="$home" \
    bash -c "cd ~ && $line && tshark -G plugins" | tee "$x/user-plugins" | grep lab_handshake
grep -q -F "$home/.local/lib/wireshark/plugins/$majmin/epan/lab_handshake.so" "$x/user-plugins" \
    || fail "the personal install is not listed"
echo "package-check: OK (Wireshark $majmin)"
