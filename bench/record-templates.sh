#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Records the template connections the benchmark capture is built from, on the loopback of a
# network namespace this script creates (and removes): python3 http.server on 127.0.0.1:8000
# and two real clients:
#   short.pcap      curl, one GET with "Connection: close" (the server closes first)
#   keepalive.pcap  a python http.client connection: 8 GETs on one HTTP/1.1 keep-alive
#                   connection with 50 ms think time between them, then the client closes
# The namespace's lo gets an Ethernet-sized MTU (1500) and no segmentation offloads, so the
# responses are cut into segments as on a real link. Classic pcap (dumpcap -P).
#   usage: bench/record-templates.sh OUTDIR     (root; writes OUTDIR/short.pcap, OUTDIR/keepalive.pcap)
set -euo pipefail
out=$(mkdir -p "$1" && cd "$1" && pwd)
[ "$(id -u)" -eq 0 ] || { echo "record-templates.sh: needs root (ip netns)" >&2; exit 1; }
for t in ip dumpcap curl /usr/bin/python3; do
    command -v "$t" >/dev/null || { echo "record-templates.sh: missing $t" >&2; exit 1; }
done

ns=lhbench-$$
work=$(mktemp -d /tmp/lab-bench-rec.XXXXXX)
srv=""
cap=""
cleanup() {
    [ -n "$cap" ] && kill "$cap" 2>/dev/null || true
    [ -n "$srv" ] && kill "$srv" 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$ns"
ip netns exec "$ns" ip link set lo mtu 1500
ip netns exec "$ns" ip link set lo up
if command -v ethtool >/dev/null; then
    ip netns exec "$ns" ethtool -K lo tso off gso off gro off >/dev/null 2>&1 || true
fi

# The site: deterministic contents of a few sizes.
mkdir -p "$work/www"
/usr/bin/python3 - "$work/www" <<'EOF'
import sys, os
root = sys.argv[1]
def text(n, seed):
    words = ("the handshake segment acknowledges sequence window close established "
             "server client request response keep-alive ").split()
    out, i = [], seed
    while sum(len(w) + 1 for w in out) < n:
        out.append(words[i % len(words)]); i = (i * 7 + 3) % 1009
    return (" ".join(out))[:n]
files = {"index.html": 1100, "style.css": 2900, "app.js": 11800, "logo.svg": 1700,
         "data.json": 800, "about.html": 4100, "font.woff2": 16400, "favicon.ico": 1150}
for i, (name, size) in enumerate(sorted(files.items())):
    with open(os.path.join(root, name), "w") as f:
        f.write(text(size, i + 1))
EOF

ip netns exec "$ns" /usr/bin/python3 -m http.server 8000 --bind 127.0.0.1 --protocol HTTP/1.1 \
    -d "$work/www" >"$work/server.log" 2>&1 &
srv=$!
for _ in $(seq 50); do
    ip netns exec "$ns" bash -c 'exec 3<>/dev/tcp/127.0.0.1/8000' 2>/dev/null && break
    sleep 0.1
done
sleep 0.2

record() { # NAME COMMAND...
    local name=$1; shift
    rm -f "$work/$name.pcap"
    ip netns exec "$ns" dumpcap -q -P -i lo -f "tcp port 8000" -w "$work/$name.pcap" 2>"$work/dumpcap.log" &
    cap=$!
    for _ in $(seq 100); do [ -s "$work/$name.pcap" ] && break; sleep 0.05; done
    sleep 0.5
    ip netns exec "$ns" timeout 30 "$@"
    sleep 0.5
    kill -INT "$cap"; wait "$cap" || true
    cap=""
    cp "$work/$name.pcap" "$out/$name.pcap"
}

record short curl -sS -o /dev/null -H "Connection: close" http://127.0.0.1:8000/index.html

cat >"$work/client.py" <<'EOF'
import http.client, time
c = http.client.HTTPConnection("127.0.0.1", 8000)
for i, path in enumerate(["/index.html", "/style.css", "/app.js", "/logo.svg",
                          "/data.json", "/font.woff2", "/about.html", "/favicon.ico"]):
    if i:
        time.sleep(0.05)
    c.request("GET", path, headers={"User-Agent": "lab-bench/1"})
    r = c.getresponse()
    r.read()
    assert r.status == 200, r.status
c.close()
EOF
record keepalive /usr/bin/python3 "$work/client.py"

echo "record-templates.sh: wrote $out/short.pcap $out/keepalive.pcap" >&2
