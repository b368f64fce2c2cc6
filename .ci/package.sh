#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the packages of the plugin for the Wireshark installed here, into dist/:
#   wireshark-plugin-lab-handshake_<version>+ws<X.Y>_<arch>.deb   (CPack, cmake/LabPackaging.cmake)
#       installs into Wireshark's system plugin folder; Depends from dpkg-shlibdeps, so it
#       names the exact libwiresharkNN the plugin was linked against
#   lab-handshake-<version>-wireshark-<X.Y>-linux-<arch>.tar.gz
#       X.Y/epan/lab_handshake.so, README.md, LICENSE and INSTALL.txt, for other Linux systems; the
#       one-line personal install is in INSTALL.txt
# Run it once per Wireshark version (.ci/matrix.sh does, in each root).
# Environment: LAB_BUILD_DIR (default build-package), LAB_DIST_DIR (default dist).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/deps.sh
build=${LAB_BUILD_DIR:-build-package}
dist=${LAB_DIST_DIR:-dist}
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)

cmake -S . -B "$build" -DLAB_PACKAGE=ON -DLAB_WERROR=ON -DLAB_BUILD_TESTS=OFF
cmake --build "$build" -j "$(nproc)"
(cd "$build" && cpack -G DEB)

majmin=$(sed -n 's/^#define LAB_WIRESHARK_MAJOR \([0-9]*\)$/\1/p' "$build/lab_config.h").$(sed -n 's/^#define LAB_WIRESHARK_MINOR \([0-9]*\)$/\1/p' "$build/lab_config.h")
version=$(sed -n 's/^#define LAB_VERSION "\(.*\)"$/\1/p' "$build/lab_config.h")
deb=$(ls "$build"/wireshark-plugin-lab-handshake_*+ws"$majmin"_*.deb)
cp "$deb" "$dist/"

# The tarball: made by hand, a stripped copy of the same plugin.
arch=$(uname -m)
name=lab-handshake-$version-wireshark-$majmin-linux-$arch
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$majmin/epan"
cp "$build/lab_handshake.so" "$stage/$majmin/epan/"
strip --strip-unneeded "$stage/$majmin/epan/lab_handshake.so"
cp README.md LICENSE "$stage/"
cat >"$stage/INSTALL.txt" <<TXT
Lab Handshake $version for Wireshark $majmin on Linux ($arch).

It loads only in Wireshark $majmin.x (Help > About Wireshark shows yours). Install it for
yourself, into your personal plugin folder, with one command:

    tar -xzf $name.tar.gz -C ~/.local/lib/wireshark/plugins $majmin/epan/lab_handshake.so

(tar makes the folders). Restart Wireshark; Help > About Wireshark > Plugins lists
lab_handshake.so, and "tshark -G plugins" too. Wireshark ignores personal plugins when run
as root. Remove it with: rm ~/.local/lib/wireshark/plugins/$majmin/epan/lab_handshake.so
More in docs/install.md of the source.
TXT
tar -C "$stage" --owner=0 --group=0 -czf "$dist/$name.tar.gz" INSTALL.txt README.md LICENSE "$majmin/epan/lab_handshake.so"
echo "package: $(basename "$deb") and $name.tar.gz in $dist"
dpkg-deb -f "$dist/$(basename "$deb")" Package Version Depends
