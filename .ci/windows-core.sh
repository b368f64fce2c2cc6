#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The analysis core on Windows, as far as this Debian machine reaches: cross-compiles with
# MinGW-w64 (-std=c11 -Wall -Wextra -Werror) the core (plugin/core/*.c), the two CUnit
# runners of tests/unit (lab_core_tests, lab_ladder_tests: the sources tests/CMakeLists.txt
# gives them), the random driver tests/fuzz/random_core.c and tests/windows/svg_chinese_folder.c
# (an SVG ladder written into C:\users\张三\实验\), and runs them all under Wine 8 in a
# throwaway Wine prefix. Any failure fails the script. Not built here: the plugin DLL.
#
# Installs what is missing (root, Debian 12): gcc-mingw-w64-x86-64, binutils-mingw-w64-x86-64,
# wine64, wine, dpkg-dev (dpkg-source unpacks CUnit's source package). Debian has no MinGW
# build of CUnit: CUnit's Debian source package is fetched through a temporary apt
# configuration (its own deb-src list, package lists and cache, all in a temporary folder
# removed at the end; the machine's apt sources are not touched) and its framework and
# Basic interface are compiled with MinGW into a static library in the build folder.
# Everything lands in LAB_WINDOWS_BUILD (default build-windows/); a second run reuses the
# installs and CUnit's library and takes well under a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
build=${LAB_WINDOWS_BUILD:-build-windows}
mkdir -p "$build"
build=$(cd "$build" && pwd)
export DEBIAN_FRONTEND=noninteractive
CC=x86_64-w64-mingw32-gcc
AR=x86_64-w64-mingw32-ar
WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver
CFLAGS=(-std=c11 -Wall -Wextra -Werror -O2 -g)

say() { echo "windows-core: $*"; }

tmp=$(mktemp -d /tmp/lab-windows.XXXXXX)
prefix=""
cleanup() {
    local rc=$?
    if [ -n "$prefix" ] && [ -d "$prefix" ]; then
        # stops the Wine processes of this prefix only (and waits for them)
        WINEPREFIX=$prefix "$WINESERVER" -k 2>/dev/null || true
        WINEPREFIX=$prefix "$WINESERVER" -w 2>/dev/null || true
        rm -rf "$prefix"
    fi
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT

# ---- tools
missing=()
for p in gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 wine64 wine dpkg-dev; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    [ "$(id -u)" -eq 0 ] || { echo "windows-core: need root to install ${missing[*]}" >&2; exit 1; }
    apt-get install -y --no-install-recommends "${missing[@]}" ||
        { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; }
fi
[ -x "$WINE" ] || { echo "windows-core: $WINE is missing (package wine64)" >&2; exit 1; }

# ---- CUnit for Windows (static library, once)
cunit=$build/cunit
if [ ! -f "$cunit/lib/libcunit.a" ]; then
    say "CUnit: fetching Debian's source package"
    rm -rf "$cunit"
    mkdir -p "$cunit/src" "$tmp/apt/lists/partial" "$tmp/apt/cache/archives/partial" "$tmp/apt/parts"
    mirror=$(bash .ci/debian-mirror.sh)
    suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" >"$tmp/apt/sources.list"
    apt_tmp=(-o "Dir::Etc::SourceList=$tmp/apt/sources.list" -o "Dir::Etc::SourceParts=$tmp/apt/parts"
             -o "Dir::State::Lists=$tmp/apt/lists" -o "Dir::Cache=$tmp/apt/cache"
             -o "APT::Sandbox::User=root" -o "Acquire::Languages=none")
    apt-get "${apt_tmp[@]}" update -q >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log"; exit 1; }
    (cd "$cunit/src" && apt-get "${apt_tmp[@]}" source -q cunit) >>"$tmp/apt.log" 2>&1 ||
        { cat "$tmp/apt.log"; exit 1; }
    top=$(find "$cunit/src" -mindepth 1 -maxdepth 1 -type d -name 'cunit-*' | head -n 1)
    [ -n "$top" ] && [ -f "$top/CUnit/Headers/CUnit.h.in" ] ||
        { echo "windows-core: unexpected layout of CUnit's source" >&2; ls -R "$cunit/src" | head -40 >&2; exit 1; }
    # the version CUnit.h carries (configure would substitute it): from the package version
    ver=$(cd "$top" && dpkg-parsechangelog -S Version)
    upstream=${ver%%-dfsg*}
    mkdir -p "$cunit/include/CUnit" "$cunit/obj" "$cunit/lib"
    cp "$top"/CUnit/Headers/*.h "$cunit/include/CUnit/"
    sed -e "s/@VERSION@/${upstream%-*}/" -e "s/@RELEASE@/${upstream##*-}/" \
        "$top/CUnit/Headers/CUnit.h.in" >"$cunit/include/CUnit/CUnit.h"
    say "CUnit $ver: compiling with MinGW"
    objs=()
    for c in "$top"/CUnit/Sources/Framework/*.c "$top/CUnit/Sources/Basic/Basic.c"; do
        o=$cunit/obj/$(basename "${c%.c}").o
        # CUnit's own code is C89/C99 of 2010: compiled without -Werror, it is not ours
        "$CC" -std=gnu11 -O2 -w -I"$cunit/include" -I"$cunit/include/CUnit" -c "$c" -o "$o"
        objs+=("$o")
    done
    "$AR" rcs "$cunit/lib/libcunit.a.tmp" "${objs[@]}"
    mv "$cunit/lib/libcunit.a.tmp" "$cunit/lib/libcunit.a"
    echo "$ver" >"$cunit/VERSION"
fi
say "CUnit $(cat "$cunit/VERSION") for MinGW: $cunit/lib/libcunit.a"

# ---- the core and the test programs
say "compiling the core and the tests ($CC ${CFLAGS[*]})"
core=("$src"/plugin/core/*.c)
mkdir -p "$build/core"
core_objs=()
for c in "${core[@]}"; do
    o=$build/core/$(basename "${c%.c}").o
    "$CC" "${CFLAGS[@]}" -I"$src/plugin/core" -c "$c" -o "$o"
    core_objs+=("$o")
done
# The Windows C library trap: msvcrt.dll's printf family knows neither %zu nor %lld, and its
# _vsnprintf returns -1 instead of the length when the text does not fit. With -std=c11
# mingw-w64 routes printf, snprintf and vsnprintf to its own C99 versions (__mingw_*,
# __USE_MINGW_ANSI_STDIO; with the UCRT, the C library itself is C99): the core must call no
# other one.
for o in "${core_objs[@]}"; do x86_64-w64-mingw32-nm -u "$o"; done >"$build/core-undefined.txt"
if grep -E ' U (__ms_)?_*(v?f?printf|v?sn?printf|v?sscanf|v?fscanf)$' "$build/core-undefined.txt"; then
    echo "windows-core: the core calls the Windows C library's own printf/scanf (above)" >&2
    exit 1
fi
rm -f "$build/liblab_core.a"
"$AR" rcs "$build/liblab_core.a" "${core_objs[@]}"

inc=(-I"$src/plugin/core" -I"$src/tests/unit" -I"$cunit/include")
cunit_lib=(-L"$cunit/lib" -lcunit)
# the sources of lab_core_tests and lab_ladder_tests, read from tests/CMakeLists.txt so the
# two builds cannot drift apart
sources_of() { # TARGET: its .c files under tests/, as full paths
    python3 - "$src/tests/CMakeLists.txt" "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"add_executable\(\s*" + re.escape(sys.argv[2]) + r"\s+([^)]*)\)", text)
if not m:
    sys.exit(f"windows-core: no add_executable({sys.argv[2]} ...) in tests/CMakeLists.txt")
print("\n".join(sys.argv[1].rsplit("/", 1)[0] + "/" + w for w in m.group(1).split() if w.endswith(".c")))
PY
}
mapfile -t core_test_src < <(sources_of lab_core_tests)
mapfile -t ladder_test_src < <(sources_of lab_ladder_tests)
[ ${#core_test_src[@]} -gt 0 ] && [ ${#ladder_test_src[@]} -gt 0 ] || exit 1
"$CC" "${CFLAGS[@]}" "${inc[@]}" -o "$build/lab_core_tests.exe" \
    "${core_test_src[@]}" "$build/liblab_core.a" "${cunit_lib[@]}" -lm
# GNU ld's --wrap works for PE/COFF too: the core's realloc calls (direct calls, not through
# __imp_realloc: mingw-w64 does not declare realloc dllimport) go to the test's wrapper.
"$CC" "${CFLAGS[@]}" "${inc[@]}" -o "$build/lab_ladder_tests.exe" \
    "${ladder_test_src[@]}" "$build/liblab_core.a" "${cunit_lib[@]}" -lm -Wl,--wrap=realloc
"$CC" "${CFLAGS[@]}" -I"$src/plugin/core" -o "$build/lab_random_core.exe" \
    "$src/tests/fuzz/random_core.c" "$build/liblab_core.a" -lm
"$CC" "${CFLAGS[@]}" -I"$src/plugin/core" -o "$build/svg_chinese_folder.exe" \
    "$src/tests/windows/svg_chinese_folder.c" "$build/liblab_core.a" -lm
# the wrapper really is in place (not just an unused symbol)
x86_64-w64-mingw32-nm "$build/lab_ladder_tests.exe" >"$build/lab_ladder_tests.nm"
grep -q ' T __wrap_realloc$' "$build/lab_ladder_tests.nm" ||
    { echo "windows-core: lab_ladder_tests.exe has no __wrap_realloc" >&2; exit 1; }

# ---- run under Wine, in a throwaway prefix
prefix=$(mktemp -d /tmp/lab-wine.XXXXXX)
export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
say "Wine $("$WINE" --version 2>/dev/null), prefix $prefix"
run() { # NAME EXE ARGS...: runs it, keeps its output in the build folder, fails on failure
    local name=$1 rc=0
    shift
    # bounded: the slowest, the random driver, takes about 10 s under Wine
    timeout -k 10 300 "$WINE" "$@" >"$build/$name.log" 2>&1 </dev/null || rc=$?
    tr -d '\r' <"$build/$name.log" >"$build/$name.txt"
    if [ $rc -ne 0 ]; then
        cat "$build/$name.txt"
        echo "windows-core: $name failed under Wine (exit $rc)" >&2
        exit 1
    fi
}
cunit_summary() { # the CUnit run summary's "tests" line: "tests  N  N  PASSED  FAILED  inactive"
    local line
    line=$(grep -E '^ +tests +[0-9]+' "$build/$1.txt") ||
        { cat "$build/$1.txt"; echo "windows-core: $1: no CUnit summary" >&2; exit 1; }
    read -r _ total ran passed failed _ <<<"$line"
    [ "$failed" = 0 ] && [ "$passed" = "$ran" ] && [ "$ran" = "$total" ] && [ "$ran" -gt 0 ] ||
        { cat "$build/$1.txt"; echo "windows-core: $1: $line" >&2; exit 1; }
    say "$1: $passed of $total CUnit tests passed under Wine"
}
run lab_core_tests "$build/lab_core_tests.exe"
cunit_summary lab_core_tests
run lab_ladder_tests "$build/lab_ladder_tests.exe"
cunit_summary lab_ladder_tests
run lab_random_core "$build/lab_random_core.exe" -n 200000 -s 5
say "$(grep '^random_core: ' "$build/lab_random_core.txt")"
regressions=()
shopt -s nullglob
for f in tests/fuzz/corpus/core/* tests/fuzz/regressions/core/*; do
    w="Z:$src/$f" # Wine's Z: drive is the Linux root
    regressions+=("${w//\//\\}")
done
shopt -u nullglob
if [ ${#regressions[@]} -gt 0 ]; then
    run lab_random_core_regressions "$build/lab_random_core.exe" "${regressions[@]}"
    say "random_core: ${#regressions[@]} committed core inputs replayed, all checks passed"
fi
run svg_chinese_folder "$build/svg_chinese_folder.exe"
cat "$build/svg_chinese_folder.txt"
# from the Linux side: the file is where a Windows user would see it, under its Chinese name
svg="$prefix/drive_c/users/张三/实验/ladder.svg"
[ -s "$svg" ] && head -c 5 "$svg" | grep -q '^<?xml' && tail -c 7 "$svg" | grep -q '</svg>' ||
    { echo "windows-core: $svg is missing or not an SVG" >&2; ls -R "$prefix/drive_c/users" >&2 || true; exit 1; }
cp "$svg" "$build/ladder-chinese-folder.svg"
say "all passed"
