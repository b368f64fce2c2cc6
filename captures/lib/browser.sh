# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers for the browser-based teaching captures (sourced by captures/scenarios/*.sh).
#
# Everything runs inside network namespaces created here (loopback, or veth pairs with
# documentation addresses only), every process is started under `timeout` and recorded by
# PID, and an EXIT trap kills those PIDs, deletes the namespaces and the temp dir.
# Function names start with lhb_ so they never clash with other helpers' libraries.

LHB_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LHB_CAPTURES_DIR=$(cd "$LHB_LIB_DIR/.." && pwd)
LHB_SITE_SRC="$LHB_CAPTURES_DIR/site"
LHB_SERVERS="$LHB_CAPTURES_DIR/servers"
LHB_PY=/usr/bin/python3          # Debian's python3 (has flask); not a pyenv one on PATH
LHB_NODE=/usr/bin/node
# Fixed mtime of the served files, so Last-Modified/ETag are the same on every run.
LHB_SITE_MTIME="2024-03-01 08:00:00 UTC"

LHB_PIDS=()
LHB_NETNS=()
LHB_WORK=""
LHB_DUMPCAP_PID=""
LHB_BROWSER_EXTRA=()

lhb_log() { printf '[%s %s] %s\n' "${LHB_NAME:-lab}" "$(date +%H:%M:%S)" "$*" >&2; }
lhb_die() { lhb_log "ERROR: $*"; exit 1; }

lhb_require_root() {
    [ "$(id -u)" -eq 0 ] || lhb_die "must run as root (network namespaces, dumpcap, port 24)"
}

# lhb_need_tools: install the Debian packages of any missing tool.
lhb_need_tools() {
    local pkgs=()
    command -v tshark >/dev/null 2>&1 || pkgs+=(tshark)
    command -v dumpcap >/dev/null 2>&1 || pkgs+=(tshark)
    command -v chromium >/dev/null 2>&1 || pkgs+=(chromium)
    [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || pkgs+=(nginx)
    [ -x "$LHB_PY" ] && "$LHB_PY" -c 'import flask' 2>/dev/null || pkgs+=(python3 python3-flask)
    [ -x "$LHB_NODE" ] || pkgs+=(nodejs)
    command -v ip >/dev/null 2>&1 && command -v ss >/dev/null 2>&1 || pkgs+=(iproute2)
    command -v timeout >/dev/null 2>&1 || pkgs+=(coreutils)
    if [ ${#pkgs[@]} -gt 0 ]; then
        lhb_log "installing missing packages: ${pkgs[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" || lhb_die "apt-get install failed"
    fi
}

lhb_cleanup() {
    local pid ns i
    # newest first: browser, server, capture
    for (( i=${#LHB_PIDS[@]}-1; i>=0; i-- )); do
        pid=${LHB_PIDS[$i]}
        if kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
    done
    for pid in "${LHB_PIDS[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    LHB_PIDS=()
    for ns in "${LHB_NETNS[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
    LHB_NETNS=()
    [ -n "$LHB_WORK" ] && [ -d "$LHB_WORK" ] && rm -rf "$LHB_WORK"
    LHB_WORK=""
}

# lhb_setup NAME: start a scenario: root check, tools, temp dir, cleanup trap.
lhb_setup() {
    LHB_NAME=$1
    lhb_require_root
    lhb_need_tools
    LHB_WORK=$(mktemp -d "/tmp/lab-$LHB_NAME.XXXXXX")
    trap lhb_cleanup EXIT
    trap 'exit 130' INT TERM
}

# lhb_site: a copy of the lab page with a fixed mtime; prints its path.
lhb_site() {
    local d="$LHB_WORK/site"
    mkdir -p "$d"
    [ -f "$LHB_SITE_SRC/logo.png" ] && [ -f "$LHB_SITE_SRC/tone.wav" ] \
        || "$LHB_PY" "$LHB_LIB_DIR/make-site.py" "$LHB_SITE_SRC"
    cp "$LHB_SITE_SRC"/index.html "$LHB_SITE_SRC"/style.css "$LHB_SITE_SRC"/logo.png \
       "$LHB_SITE_SRC"/tone.wav "$d"/
    touch -d "$LHB_SITE_MTIME" "$d"/*
    echo "$d"
}

# lhb_netns_add NAME: create namespace NAME-<pid>, remember it for cleanup; sets LHB_NS.
# (Not to be called in $(...): the cleanup list must be set in this shell.)
lhb_netns_add() {
    LHB_NS="$1-$$"
    ip netns add "$LHB_NS" || lhb_die "ip netns add $LHB_NS failed"
    LHB_NETNS+=("$LHB_NS")
}

# lhb_netns_loopback NAME [MTU]: a fresh namespace with only lo up; sets LHB_NS.
lhb_netns_loopback() {
    local mtu=${2:-}
    lhb_netns_add "$1"
    local ns=$LHB_NS
    if [ -n "$mtu" ]; then
        ip netns exec "$ns" ip link set lo mtu "$mtu" up
        lhb_no_offload "$ns" lo
    else
        ip netns exec "$ns" ip link set lo up
    fi
}

# lhb_no_offload NS DEV: make the kernel hand every segment to the capture at MSS size
# (no TSO/GSO super-packets), as a real NIC capture shows them.
lhb_no_offload() {
    local ns=$1 dev=$2
    if command -v ethtool >/dev/null 2>&1; then
        ip netns exec "$ns" ethtool -K "$dev" tso off gso off >/dev/null 2>&1 || true
    fi
    ip netns exec "$ns" ip link set "$dev" gso_max_size 1500 gso_max_segs 1 2>/dev/null || true
}

# lhb_bg NS SECONDS CMD...: run CMD inside NS in the background, bounded by timeout.
# Sets LHB_LAST_PID. With LHB_ONE_CPU=1 the command is pinned to CPU 0 (taskset): on
# veth/loopback every sent packet is queued on the sending CPU's backlog, so senders on
# different CPUs reorder MSS-sized segments (dup ACKs, spurious retransmissions); one CPU
# gives the clean in-order transfer a real Ethernet link shows.
lhb_bg() {
    local ns=$1 secs=$2; shift 2
    local pin=()
    [ "${LHB_ONE_CPU:-0}" = 1 ] && command -v taskset >/dev/null 2>&1 && pin=(taskset -c 0)
    ip netns exec "$ns" "${pin[@]}" timeout "$secs" "$@" &
    LHB_LAST_PID=$!
    LHB_PIDS+=("$LHB_LAST_PID")
}

# lhb_wait_listen NS PORT: wait (max 10 s) until something listens on PORT in NS.
lhb_wait_listen() {
    local ns=$1 port=$2
    for _ in $(seq 1 100); do
        ip netns exec "$ns" ss -Hltn "sport = :$port" 2>/dev/null | grep -q . && return 0
        sleep 0.1
    done
    lhb_die "nothing listens on port $port in $ns"
}

# lhb_capture_start NS IFACE FILTER SECONDS [COMMENT]: dumpcap into $LHB_WORK/capture.pcapng,
# with COMMENT as the pcapng capture comment (Statistics > Capture File Properties).
lhb_capture_start() {
    local ns=$1 ifc=$2 filter=$3 secs=$4 comment=${5:-}
    LHB_PCAP="$LHB_WORK/capture.pcapng"
    : > "$LHB_WORK/dumpcap.err"
    local copt=()
    [ -n "$comment" ] && copt=(--capture-comment "Lab Handshake: $comment")
    ip netns exec "$ns" timeout "$secs" dumpcap -q -i "$ifc" -f "$filter" "${copt[@]}" \
        -w "$LHB_PCAP" 2>"$LHB_WORK/dumpcap.err" &
    LHB_DUMPCAP_PID=$!
    LHB_PIDS+=("$LHB_DUMPCAP_PID")
    for _ in $(seq 1 100); do
        grep -q "Capturing on" "$LHB_WORK/dumpcap.err" && { sleep 0.5; return 0; }
        kill -0 "$LHB_DUMPCAP_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$LHB_WORK/dumpcap.err" >&2
    lhb_die "dumpcap did not start"
}

lhb_capture_stop() {
    sleep 0.5
    kill "$LHB_DUMPCAP_PID" 2>/dev/null || true
    wait "$LHB_DUMPCAP_PID" 2>/dev/null || true
}

# lhb_browser NS PROFILE_DIR SECONDS ACTION...: start headless Chromium in NS with the given
# (fresh or reused) profile, drive it with cdp-drive.js (nav:URL, wait:S, reload, close),
# then wait for the browser process to end. Everything bounded by SECONDS. Extra Chromium
# options can be given in the array LHB_BROWSER_EXTRA (e.g. the HTTPS captures' key log).
lhb_browser() {
    local ns=$1 prof=$2 secs=$3; shift 3
    mkdir -p "$prof"
    rm -f "$prof/DevToolsActivePort"
    lhb_bg "$ns" "$secs" chromium --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync "${LHB_BROWSER_EXTRA[@]}" --user-data-dir="$prof" --remote-debugging-port=0 about:blank \
        >"$LHB_WORK/chromium.log" 2>&1
    local bpid=$LHB_LAST_PID
    lhb_bg "$ns" "$secs" "$LHB_NODE" "$LHB_LIB_DIR/cdp-drive.js" "$prof" "$@"
    local dpid=$LHB_LAST_PID
    wait "$dpid" || lhb_log "cdp-drive ended with status $?"
    # Browser.close: the browser exits by itself; give it 10 s at most.
    for _ in $(seq 1 100); do kill -0 "$bpid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$bpid" 2>/dev/null; then
        lhb_log "browser still running, stopping it (pid $bpid)"
        kill "$bpid" 2>/dev/null || true
    fi
    wait "$bpid" 2>/dev/null || true
}

# lhb_stop PID: stop one process we started and wait for it.
lhb_stop() {
    local pid=$1
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# lhb_finish NAME [TSHARK_ARGS...]: move the capture to captures/NAME.pcapng (or to
# $LHB_OUT_DIR/NAME.pcapng when that is set, e.g. to try a scenario without replacing the
# committed capture) and print the per-packet summary students would look at.
lhb_finish() {
    local name=$1; shift
    local out="${LHB_OUT_DIR:-$LHB_CAPTURES_DIR}/$name.pcapng"
    mkdir -p "$(dirname "$out")"
    [ -s "$LHB_PCAP" ] || lhb_die "empty capture"
    mv -f "$LHB_PCAP" "$out"
    chmod 644 "$out"
    lhb_log "wrote $out ($(stat -c %s "$out") bytes)"
    tshark -r "$out" "$@" -T fields -E header=y -e frame.number -e frame.time_relative \
        -e tcp.stream -e tcp.srcport -e tcp.dstport -e tcp.flags.str -e tcp.seq -e tcp.ack \
        -e tcp.len -e http.request.method -e http.request.uri -e http.response.code >&2 || true
}

# lhb_nginx NS ROOT LISTEN CONF_HTTP_EXTRA SECONDS: start nginx in the foreground with its own
# prefix, config, pid file and logs in the temp dir (no root daemon, no system config).
# CONF_HTTP_EXTRA is put inside the http { } block (e.g. "keepalive_timeout 75s;").
lhb_nginx() {
    local ns=$1 root=$2 listen=$3 extra=$4 secs=$5
    local pre="$LHB_WORK/nginx"
    mkdir -p "$pre/logs" "$pre/tmp"
    chmod 755 "$LHB_WORK"
    local mime=/etc/nginx/mime.types
    cat > "$pre/nginx.conf" <<CONF
daemon off;
master_process on;
worker_processes 1;
pid $pre/nginx.pid;
error_log $pre/logs/error.log info;
events { worker_connections 64; }
http {
    include $mime;
    default_type application/octet-stream;
    access_log $pre/logs/access.log;
    client_body_temp_path $pre/tmp/body;
    proxy_temp_path $pre/tmp/proxy;
    fastcgi_temp_path $pre/tmp/fastcgi;
    uwsgi_temp_path $pre/tmp/uwsgi;
    scgi_temp_path $pre/tmp/scgi;
    sendfile on;
    $extra
    server {
        listen $listen;
        root $root;
        index index.html;
    }
}
CONF
    lhb_bg "$ns" "$secs" nginx -p "$pre" -e "$pre/logs/error.log" -c "$pre/nginx.conf"
    LHB_NGINX_PID=$LHB_LAST_PID
}

# lhb_netns_pair CLIENT_NAME SERVER_NAME CLIENT_IP SERVER_IP: two namespaces ("hosts") joined
# by a veth pair named eth0 on both sides, MTU 1500, fixed MACs, /24 documentation
# addresses, no offloads (MSS-sized frames on the wire), IPv6 off (no RS/DAD noise).
# Sets LHB_NS_CLIENT and LHB_NS_SERVER.
lhb_netns_pair() {
    local cip=$3 sip=$4
    lhb_netns_add "$1"; LHB_NS_CLIENT=$LHB_NS
    lhb_netns_add "$2"; LHB_NS_SERVER=$LHB_NS
    local ns
    for ns in "$LHB_NS_CLIENT" "$LHB_NS_SERVER"; do
        ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
        ip netns exec "$ns" ip link set lo up
    done
    ip link add eth0 netns "$LHB_NS_CLIENT" address 02:00:00:00:00:0a mtu 1500 type veth \
        peer name eth0 netns "$LHB_NS_SERVER" address 02:00:00:00:00:14 mtu 1500 \
        || lhb_die "cannot create the veth pair"
    ip netns exec "$LHB_NS_CLIENT" ip addr add "$cip/24" dev eth0
    ip netns exec "$LHB_NS_SERVER" ip addr add "$sip/24" dev eth0
    for ns in "$LHB_NS_CLIENT" "$LHB_NS_SERVER"; do
        lhb_no_offload "$ns" eth0
        ip netns exec "$ns" ip link set eth0 up
    done
    # wait for the link, then learn the peer's MAC now, so the capture starts clean
    for _ in $(seq 1 50); do
        ip netns exec "$LHB_NS_CLIENT" ping -c1 -W1 "$sip" >/dev/null 2>&1 && return 0
        ip netns exec "$LHB_NS_CLIENT" ip neigh replace "$sip" lladdr 02:00:00:00:00:14 dev eth0 2>/dev/null
        ip netns exec "$LHB_NS_SERVER" ip neigh replace "$cip" lladdr 02:00:00:00:00:0a dev eth0 2>/dev/null
        sleep 0.1
    done
}
