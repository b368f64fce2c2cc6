#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Prints the Debian archive URL this machine's apt already uses (the first "deb" source of the
# main archive, not the security one), read from /etc/apt/sources.list and sources.list.d at
# run time, so the roots come from the same registry as the host's own packages.
# LAB_DEBIAN_MIRROR overrides it.
set -euo pipefail
if [ -n "${LAB_DEBIAN_MIRROR:-}" ]; then
    echo "$LAB_DEBIAN_MIRROR"; exit 0
fi
shopt -s nullglob
url=""
# One-line style: deb [options] URL suite components...
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] || continue
    url=$(awk '$1 == "deb" {
                 i = 2; if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                 if ($(i) ~ /^(https?|file):/ && $(i) !~ /security/ && $(i+2) ~ /main/) { print $(i); exit }
               }' "$f")
    [ -n "$url" ] && break
done
# deb822 style: stanzas with Types:, URIs:, Suites:, Components:
if [ -z "$url" ]; then
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        url=$(awk 'BEGIN { RS = ""; FS = "\n" }
                   {
                     t = ""; u = ""; c = ""; en = "yes"
                     for (k = 1; k <= NF; k++) {
                       if ($k ~ /^Types:/) t = $k
                       if ($k ~ /^URIs:/) { u = $k; sub(/^URIs:[ \t]*/, "", u); sub(/[ \t].*/, "", u) }
                       if ($k ~ /^Components:/) c = $k
                       if ($k ~ /^Enabled:[ \t]*no/) en = "no"
                     }
                     if (en == "yes" && t ~ /(^|[ \t])deb([ \t]|$)/ && u != "" && u !~ /security/ && c ~ /main/) { print u; exit }
                   }' "$f")
        [ -n "$url" ] && break
    done
fi
if [ -z "$url" ]; then
    echo "debian-mirror.sh: no Debian archive found in the apt configuration; set LAB_DEBIAN_MIRROR" >&2
    exit 1
fi
echo "${url%/}"
