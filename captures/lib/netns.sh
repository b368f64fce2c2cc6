# SPDX-License-Identifier: GPL-2.0-or-later
# Network-namespace toolkit for the Lab Handshake TCP recordings (sourced by
# captures/scenarios/*.sh). Bash only.
#
#   client ns                 link ns (L2 relay, no IP)              server ns
#   192.0.2.10/24             linkemu: delay, loss, drop rules       192.0.2.20/24
#   2001:db8::10/64  cli0 ==== lnk-c  <-- AF_PACKET -->  lnk-s ==== srv0  2001:db8::20/64
#   (IPv6 only with lhn_hosts --ipv6; MTU 1500, offloads off, fixed MACs, static neighbours)
#
# Rules kept here (workplace policy):
#   - traffic only inside namespaces created here, documentation addresses only
#     (192.0.2.0/24, 2001:db8::/32); the hosts have static neighbours and no route
#     other than their /24 and /64;
#   - every process is started under `timeout` (linkemu under its own -t limit) and its
#     PID recorded; the EXIT trap stops those PIDs (kill PID, never by name), deletes the
#     namespaces and the temp dir;
#   - sysctls are only ever set inside these namespaces (never the host's).
#
# Typical scenario (see captures/scenarios/three-way-close.sh):
#   source captures/lib/netns.sh
#   lhn_setup my-case                      # root check, tools, temp dir, EXIT trap
#   lhn_hosts                              # three namespaces, two veth pairs
#   lhn_link_start 20 -d 5 -x ab:syn:1     # relay: 5 ms each way, drop the 1st client SYN
#   lhn_py_bg "$LHN_S" 15 close-server ... # a server from tcpcase.py (bounded)
#   lhn_wait_listen "$LHN_S" 24
#   lhn_capture_start "$LHN_C" "$LHN_CIF" tcp 20 "comment"
#   lhn_py "$LHN_C" 10 close-client ...    # the client, in the foreground
#   lhn_capture_stop; lhn_link_stop
#   lhn_finish my-case                     # -> captures/my-case.pcapng + raw table
# Function names start with lhn_ so they do not clash with the browser helper (lhb_).

LHN_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LHN_CAPTURES_DIR=$(cd "$LHN_LIB_DIR/.." && pwd)
LHN_PY=/usr/bin/python3          # Debian's python3 (the python3 on PATH may be a pyenv build)
LHN_TCPCASE="$LHN_LIB_DIR/tcpcase.py"

LHN_CLIENT_IP=192.0.2.10
LHN_SERVER_IP=192.0.2.20
LHN_CLIENT_IP6=2001:db8::10
LHN_SERVER_IP6=2001:db8::20
LHN_CLIENT_MAC=02:00:c0:00:02:0a
LHN_SERVER_MAC=02:00:c0:00:02:14
LHN_CIF=cli0                     # client's interface (in the client ns)
LHN_SIF=srv0                     # server's interface (in the server ns)
LHN_LCIF=lnk-c                   # link ns, towards the client
LHN_LSIF=lnk-s                   # link ns, towards the server

LHN_PIDS=()
LHN_NETNS=()
LHN_WORK=""
LHN_NAME=""
LHN_PCAP=""
LHN_DUMPCAP_PID=""
LHN_EMU_PID=""
LHN_EMU=""

lhn_log() { printf '[%s %s] %s\n' "${LHN_NAME:-netns}" "$(date +%H:%M:%S)" "$*" >&2; }
lhn_die() { lhn_log "ERROR: $*"; exit 1; }

lhn_require_root() {
    [ "$(id -u)" -eq 0 ] || lhn_die "must run as root (network namespaces, dumpcap, raw sockets)"
}

# lhn_need_tools: install the Debian packages of missing tools (fresh Debian 12, root).
lhn_need_tools() {
    local pkgs=()
    command -v tshark >/dev/null 2>&1 || pkgs+=(tshark)
    command -v dumpcap >/dev/null 2>&1 || pkgs+=(wireshark-common)
    command -v ip >/dev/null 2>&1 && command -v ss >/dev/null 2>&1 || pkgs+=(iproute2)
    command -v ethtool >/dev/null 2>&1 || pkgs+=(ethtool)
    command -v cc >/dev/null 2>&1 || pkgs+=(gcc libc6-dev)
    [ -f /usr/include/linux/if_packet.h ] || pkgs+=(linux-libc-dev libc6-dev)
    command -v curl >/dev/null 2>&1 || pkgs+=(curl)
    [ -x "$LHN_PY" ] || pkgs+=(python3)
    command -v timeout >/dev/null 2>&1 || pkgs+=(coreutils)
    command -v sysctl >/dev/null 2>&1 || pkgs+=(procps)
    command -v awk >/dev/null 2>&1 || pkgs+=(mawk)
    if [ ${#pkgs[@]} -gt 0 ]; then
        lhn_log "installing missing packages: ${pkgs[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" \
            || lhn_die "apt-get install failed"
    fi
}

lhn_cleanup() {
    local pid ns i
    for (( i=${#LHN_PIDS[@]}-1; i>=0; i-- )); do
        pid=${LHN_PIDS[$i]}
        kill -0 "$pid" 2>/dev/null && kill "$pid" 2>/dev/null
    done
    for pid in "${LHN_PIDS[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    LHN_PIDS=()
    for ns in "${LHN_NETNS[@]}"; do ip netns del "$ns" 2>/dev/null; done
    LHN_NETNS=()
    [ -n "$LHN_WORK" ] && [ -d "$LHN_WORK" ] && rm -rf "$LHN_WORK"
    LHN_WORK=""
    return 0
}

# lhn_setup NAME: root check, tools, temp dir, cleanup trap. Call first.
lhn_setup() {
    LHN_NAME=$1
    lhn_require_root
    lhn_need_tools
    LHN_WORK=$(mktemp -d "/tmp/lab-$LHN_NAME.XXXXXX")
    trap lhn_cleanup EXIT
    trap 'exit 130' INT TERM
}

# lhn_in NS SECONDS CMD...: run CMD in NS in the foreground, bounded by timeout.
lhn_in() {
    local ns=$1 secs=$2; shift 2
    ip netns exec "$ns" timeout "$secs" "$@"
}

# lhn_bg NS SECONDS CMD...: run CMD in NS in the background, bounded; sets LHN_LAST_PID.
lhn_bg() {
    local ns=$1 secs=$2; shift 2
    ip netns exec "$ns" timeout "$secs" "$@" &
    LHN_LAST_PID=$!
    LHN_PIDS+=("$LHN_LAST_PID")
}

# lhn_stop PID: stop one process started here (by PID) and wait for it.
lhn_stop() {
    local pid=$1
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 0
}

# lhn_wait PID: wait for a background process started here; returns its status.
lhn_wait() { wait "$1"; }

# lhn_sysctl NS KEY=VALUE...: set sysctls inside NS only.
lhn_sysctl() {
    local ns=$1; shift
    ip netns exec "$ns" sysctl -q -w "$@" >/dev/null || lhn_die "sysctl $* in $ns failed"
}

lhn_new_ns() {
    local ns=$1
    ip netns add "$ns" || lhn_die "ip netns add $ns failed"
    LHN_NETNS+=("$ns")
    ip netns exec "$ns" ip link set lo up
}

# lhn_no_offload NS DEV: no checksum offload, no TSO/GSO/GRO: every frame on the wire is a
# real MSS-sized segment with a correct checksum, as on a real NIC.
lhn_no_offload() {
    local ns=$1 dev=$2
    ip netns exec "$ns" ethtool -K "$dev" tx off rx off gso off gro off tso off >/dev/null 2>&1 \
        || ip netns exec "$ns" ethtool -K "$dev" tx off rx off gso off tso off >/dev/null 2>&1 \
        || lhn_log "warning: ethtool -K $dev failed"
}

# lhn_hosts [--ipv6]: create the three namespaces and the two veth pairs. Sets LHN_C
# (client ns), LHN_L (link ns), LHN_S (server ns). Nothing crosses the link until
# lhn_link_start. Without --ipv6 the hosts have IPv6 disabled (IPv4 only: not a single
# non-TCP frame on the link). With --ipv6 they also get 2001:db8::10 / 2001:db8::20 (and,
# unavoidably, the kernel sends two MLD reports from :: to ff02::16 per host when the
# address is added; link-local multicast, it stays on these veths).
lhn_hosts() {
    local tag="lh$$" v6=0
    [ "${1:-}" = --ipv6 ] && v6=1
    LHN_C="$tag-client"; LHN_L="$tag-link"; LHN_S="$tag-server"
    lhn_new_ns "$LHN_C"; lhn_new_ns "$LHN_L"; lhn_new_ns "$LHN_S"
    # no IPv6 at all in the relay namespace (it must stay silent)
    lhn_sysctl "$LHN_L" net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    local ns
    for ns in "$LHN_C" "$LHN_S"; do
        if [ "$v6" = 1 ]; then
            # no router solicitations, no DAD delays
            lhn_sysctl "$ns" net.ipv6.conf.default.accept_ra=0 net.ipv6.conf.all.accept_ra=0 \
                net.ipv6.conf.default.router_solicitations=0 net.ipv6.conf.default.accept_dad=0 \
                net.ipv6.conf.default.dad_transmits=0
        else
            lhn_sysctl "$ns" net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
        fi
    done
    ip netns exec "$LHN_C" ip link add "$LHN_CIF" type veth peer name "$LHN_LCIF" netns "$LHN_L" \
        || lhn_die "veth client"
    ip netns exec "$LHN_S" ip link add "$LHN_SIF" type veth peer name "$LHN_LSIF" netns "$LHN_L" \
        || lhn_die "veth server"
    ip netns exec "$LHN_C" ip link set "$LHN_CIF" address "$LHN_CLIENT_MAC" mtu 1500
    ip netns exec "$LHN_S" ip link set "$LHN_SIF" address "$LHN_SERVER_MAC" mtu 1500
    ip netns exec "$LHN_L" ip link set "$LHN_LCIF" mtu 1500
    ip netns exec "$LHN_L" ip link set "$LHN_LSIF" mtu 1500
    lhn_no_offload "$LHN_C" "$LHN_CIF"; lhn_no_offload "$LHN_S" "$LHN_SIF"
    lhn_no_offload "$LHN_L" "$LHN_LCIF"; lhn_no_offload "$LHN_L" "$LHN_LSIF"
    # no automatic IPv6 link-local addresses (fe80::): only documentation addresses on the
    # wire (no MLD reports from fe80:: either)
    ip netns exec "$LHN_C" ip link set dev "$LHN_CIF" addrgenmode none
    ip netns exec "$LHN_S" ip link set dev "$LHN_SIF" addrgenmode none
    ip netns exec "$LHN_C" ip addr add "$LHN_CLIENT_IP/24" dev "$LHN_CIF"
    ip netns exec "$LHN_S" ip addr add "$LHN_SERVER_IP/24" dev "$LHN_SIF"
    if [ "$v6" = 1 ]; then
        ip netns exec "$LHN_C" ip -6 addr add "$LHN_CLIENT_IP6/64" dev "$LHN_CIF" nodad
        ip netns exec "$LHN_S" ip -6 addr add "$LHN_SERVER_IP6/64" dev "$LHN_SIF" nodad
    fi
    ip netns exec "$LHN_L" ip link set "$LHN_LCIF" up
    ip netns exec "$LHN_L" ip link set "$LHN_LSIF" up
    ip netns exec "$LHN_C" ip link set "$LHN_CIF" up
    ip netns exec "$LHN_S" ip link set "$LHN_SIF" up
    # static neighbours: no ARP / neighbour discovery on the wire
    ip netns exec "$LHN_C" ip neigh replace "$LHN_SERVER_IP" lladdr "$LHN_SERVER_MAC" dev "$LHN_CIF" nud permanent
    ip netns exec "$LHN_S" ip neigh replace "$LHN_CLIENT_IP" lladdr "$LHN_CLIENT_MAC" dev "$LHN_SIF" nud permanent
    if [ "$v6" = 1 ]; then
        ip netns exec "$LHN_C" ip -6 neigh replace "$LHN_SERVER_IP6" lladdr "$LHN_SERVER_MAC" dev "$LHN_CIF" nud permanent
        ip netns exec "$LHN_S" ip -6 neigh replace "$LHN_CLIENT_IP6" lladdr "$LHN_CLIENT_MAC" dev "$LHN_SIF" nud permanent
    fi
}

# lhn_hosts_down: delete the three namespaces now (the EXIT trap does it anyway). Stop
# the processes running in them first (lhn_stop / lhn_link_stop / lhn_capture_stop).
lhn_hosts_down() {
    local ns keep=()
    for ns in "${LHN_NETNS[@]}"; do
        if [ "$ns" = "${LHN_C:-}" ] || [ "$ns" = "${LHN_L:-}" ] || [ "$ns" = "${LHN_S:-}" ]; then
            ip netns del "$ns" 2>/dev/null
        else
            keep+=("$ns")
        fi
    done
    LHN_NETNS=("${keep[@]}")
    LHN_C=""; LHN_L=""; LHN_S=""
}

# lhn_build_linkemu: compile linkemu.c into the temp dir (once); sets LHN_EMU.
lhn_build_linkemu() {
    [ -n "$LHN_EMU" ] && [ -x "$LHN_EMU" ] && return 0
    LHN_EMU="$LHN_WORK/linkemu"
    cc -O2 -Wall -o "$LHN_EMU" "$LHN_LIB_DIR/linkemu.c" || lhn_die "cannot compile linkemu.c"
}

# lhn_link_start SECONDS [linkemu options...]: start the relay in the link ns
# (A = client side, B = server side: "ab" is client -> server). Its log (-v) goes to
# $LHN_WORK/linkemu.log.
lhn_link_start() {
    local secs=$1; shift
    lhn_build_linkemu
    ip netns exec "$LHN_L" "$LHN_EMU" -a "$LHN_LCIF" -b "$LHN_LSIF" -t "$secs" -v "$@" \
        2>"$LHN_WORK/linkemu.log" &
    LHN_EMU_PID=$!
    LHN_PIDS+=("$LHN_EMU_PID")
    for _ in $(seq 1 50); do
        grep -q '^linkemu: .*delay' "$LHN_WORK/linkemu.log" 2>/dev/null && return 0
        kill -0 "$LHN_EMU_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$LHN_WORK/linkemu.log" >&2
    lhn_die "linkemu did not start"
}

lhn_link_stop() {
    [ -n "$LHN_EMU_PID" ] && lhn_stop "$LHN_EMU_PID"
    LHN_EMU_PID=""
    grep '^linkemu: done' "$LHN_WORK/linkemu.log" >&2 || true
}

# lhn_link_log: the relay's per-frame log (for checking that a rule dropped what it should).
lhn_link_log() { cat "$LHN_WORK/linkemu.log"; }

# lhn_capture_start NS IFACE FILTER SECONDS [COMMENT]: dumpcap into $LHN_WORK/capture.pcapng.
lhn_capture_start() {
    local ns=$1 ifc=$2 filter=$3 secs=$4 comment=${5:-}
    LHN_PCAP="$LHN_WORK/capture.pcapng"
    : > "$LHN_WORK/dumpcap.err"
    local extra=()
    [ -n "$comment" ] && extra=(--capture-comment "$comment")
    ip netns exec "$ns" timeout "$secs" dumpcap -q -i "$ifc" -f "$filter" "${extra[@]}" \
        -w "$LHN_PCAP" 2>"$LHN_WORK/dumpcap.err" &
    LHN_DUMPCAP_PID=$!
    LHN_PIDS+=("$LHN_DUMPCAP_PID")
    for _ in $(seq 1 100); do
        grep -q "Capturing on" "$LHN_WORK/dumpcap.err" && { sleep 0.5; return 0; }
        kill -0 "$LHN_DUMPCAP_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$LHN_WORK/dumpcap.err" >&2
    lhn_die "dumpcap did not start"
}

lhn_capture_stop() {
    sleep 0.5
    [ -n "$LHN_DUMPCAP_PID" ] && { kill "$LHN_DUMPCAP_PID" 2>/dev/null; wait "$LHN_DUMPCAP_PID" 2>/dev/null; }
    LHN_DUMPCAP_PID=""
    return 0
}

# lhn_py NS SECONDS ARGS...: run captures/lib/tcpcase.py in NS (foreground, bounded).
lhn_py() {
    local ns=$1 secs=$2; shift 2
    lhn_in "$ns" "$secs" "$LHN_PY" "$LHN_TCPCASE" "$@"
}

# lhn_py_bg NS SECONDS ARGS...: the same in the background; sets LHN_LAST_PID.
lhn_py_bg() {
    local ns=$1 secs=$2; shift 2
    lhn_bg "$ns" "$secs" "$LHN_PY" "$LHN_TCPCASE" "$@"
}

# lhn_wait_file FILE [SECONDS]: wait until FILE exists (a "ready" marker written by a
# tcpcase.py server once it listens).
lhn_wait_file() {
    local f=$1 secs=${2:-10} i
    for (( i=0; i<secs*20; i++ )); do [ -e "$f" ] && return 0; sleep 0.05; done
    lhn_die "timed out waiting for $f"
}

# lhn_wait_listen NS PORT: wait (max 10 s) until something listens on TCP PORT in NS.
lhn_wait_listen() {
    local ns=$1 port=$2
    for _ in $(seq 1 100); do
        ip netns exec "$ns" ss -Hltn "sport = :$port" 2>/dev/null | grep -q . && return 0
        sleep 0.1
    done
    lhn_die "nothing listens on port $port in $ns"
}

# lhn_facts FILE [TSHARK_ARGS...]: the raw per-packet table the guides' Facts come from.
lhn_facts() {
    local f=$1; shift
    tshark -r "$f" "$@" -T fields -E header=y -e frame.number -e frame.time_relative \
        -e tcp.stream -e ip.src -e ipv6.src -e tcp.srcport -e tcp.dstport -e tcp.flags.str \
        -e tcp.seq -e tcp.ack -e tcp.len -e tcp.analysis.flags 2>/dev/null
}

# lhn_finish NAME [TSHARK_ARGS...]: move the capture to captures/NAME.pcapng and print the
# raw table (TSHARK_ARGS e.g. -d tcp.port==24,http).
lhn_finish() {
    local name=$1; shift
    local out="$LHN_CAPTURES_DIR/$name.pcapng"
    [ -s "$LHN_PCAP" ] || lhn_die "empty capture"
    mv -f "$LHN_PCAP" "$out"
    chmod 644 "$out"
    lhn_log "wrote $out ($(stat -c %s "$out") bytes)"
    lhn_facts "$out" "$@" >&2
}
