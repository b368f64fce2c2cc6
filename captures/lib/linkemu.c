/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linkemu: a tiny user-space link emulator for the Lab Handshake recordings.
 *
 * It runs in the middle ("link") network namespace, which has two veth ends and no IP
 * address, and relays every Ethernet frame read on one end (AF_PACKET raw socket) to the
 * other end, in both directions, after a fixed one-way delay. Frames can be dropped:
 *   - by rule: "drop the Nth frame of kind K going in direction D" (deterministic: the
 *     count only depends on what the hosts send, not on timing);
 *   - at random with a fixed seed (xorshift64*), so a re-run drops the same frame numbers
 *     of the same sequence.
 * Frames of one direction are never reordered (constant delay, FIFO).
 *
 * Build:  cc -O2 -Wall -o linkemu linkemu.c
 * Usage:  linkemu -a IF_A -b IF_B [options]
 *   -a IF, -b IF       the two interfaces; "ab" is the direction A -> B, "ba" B -> A
 *   -d MS              one-way delay in both directions (milliseconds, may be fractional)
 *   --delay-ab MS, --delay-ba MS   per-direction delay
 *   -x DIR:KIND:N[,N...]   drop the Nth (1-based) frame of KIND in DIR (ab, ba or both);
 *                      repeatable. KIND: syn (SYN without ACK), synack, data (TCP payload
 *                      > 0), fin, rst, ack (pure ACK: no payload, no SYN/FIN/RST), tcp (any
 *                      TCP segment), any (any frame)
 *   -l PCT             random loss of TCP frames, in percent (both directions)
 *   --loss-dir DIR     restrict random loss to ab or ba
 *   -s SEED            random seed (default 1)
 *   -t SECONDS         exit after this many seconds (default 60; always bounded)
 *   -v                 log every frame to stderr (time, direction, verdict, TCP summary)
 * SIGTERM/SIGINT end it cleanly; it prints counters on exit.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

#define FRAME_MAX 9216
#define QUEUE_LEN 4096
#define MAX_RULES 32
#define MAX_NTH 32

enum { AB = 0, BA = 1, BOTH = 2 };
enum { K_ANY, K_TCP, K_SYN, K_SYNACK, K_DATA, K_FIN, K_RST, K_ACK, K_COUNT };
static const char *kind_names[K_COUNT] = {"any", "tcp", "syn", "synack", "data", "fin", "rst", "ack"};
static const char *dir_names[3] = {"ab", "ba", "both"};

typedef struct {
    uint64_t due_ns;
    uint16_t len;
    unsigned char data[FRAME_MAX];
} slot;

typedef struct {
    slot *slots;
    unsigned head, count;
} queue;

typedef struct {
    int dir;
    int kind;
    unsigned nth[MAX_NTH];
    int n_nth;
} rule;

static volatile sig_atomic_t stop_flag;
static void on_signal(int sig) { (void)sig; stop_flag = 1; }

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t rng_state = 1;
static uint64_t rng_next(void) /* xorshift64* */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}

static int parse_dir(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, dir_names[i]) == 0) return i;
    return -1;
}

static int parse_kind(const char *s)
{
    for (int i = 0; i < K_COUNT; i++)
        if (strcmp(s, kind_names[i]) == 0) return i;
    return -1;
}

static int parse_rule(const char *arg, rule *r)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", arg);
    char *d = strtok(buf, ":"), *k = strtok(NULL, ":"), *n = strtok(NULL, ":");
    if (!d || !k || !n) return -1;
    if ((r->dir = parse_dir(d)) < 0 || (r->kind = parse_kind(k)) < 0) return -1;
    r->n_nth = 0;
    for (char *t = strtok(n, ","); t && r->n_nth < MAX_NTH; t = strtok(NULL, ",")) {
        long v = strtol(t, NULL, 10);
        if (v <= 0) return -1;
        r->nth[r->n_nth++] = (unsigned)v;
    }
    return r->n_nth ? 0 : -1;
}

/* What a frame is, for the rules and the log. */
typedef struct {
    int is_tcp;
    unsigned kinds; /* bit per K_* */
    char summary[200];
} frame_info;

static void classify(const unsigned char *f, size_t len, frame_info *fi)
{
    fi->is_tcp = 0;
    fi->kinds = 1u << K_ANY;
    snprintf(fi->summary, sizeof fi->summary, "len=%zu", len);
    if (len < 14) return;
    unsigned et = (unsigned)f[12] << 8 | f[13];
    const unsigned char *ip = f + 14;
    size_t iplen = len - 14;
    const unsigned char *tcp = NULL;
    size_t tcplen = 0;
    char src[INET6_ADDRSTRLEN] = "?", dst[INET6_ADDRSTRLEN] = "?";
    if (et == 0x0800 && iplen >= 20 && (ip[0] >> 4) == 4) {
        size_t ihl = (size_t)(ip[0] & 15) * 4;
        size_t tot = (size_t)ip[2] << 8 | ip[3];
        if (tot > iplen) tot = iplen;
        if (ip[9] == 6 && ihl >= 20 && tot >= ihl + 20) {
            tcp = ip + ihl;
            tcplen = tot - ihl;
            inet_ntop(AF_INET, ip + 12, src, sizeof src);
            inet_ntop(AF_INET, ip + 16, dst, sizeof dst);
        }
    } else if (et == 0x86dd && iplen >= 40 && (ip[0] >> 4) == 6) {
        size_t plen = (size_t)ip[4] << 8 | ip[5];
        if (plen > iplen - 40) plen = iplen - 40;
        if (ip[6] == 6 && plen >= 20) {
            tcp = ip + 40;
            tcplen = plen;
            inet_ntop(AF_INET6, ip + 8, src, sizeof src);
            inet_ntop(AF_INET6, ip + 24, dst, sizeof dst);
        }
    } else {
        snprintf(fi->summary, sizeof fi->summary, "ethertype=0x%04x len=%zu", et, len);
        return;
    }
    if (!tcp) {
        snprintf(fi->summary, sizeof fi->summary, "ip non-tcp len=%zu", len);
        return;
    }
    size_t doff = (size_t)(tcp[12] >> 4) * 4;
    if (doff < 20 || doff > tcplen) return;
    size_t paylen = tcplen - doff;
    unsigned fl = tcp[13];
    unsigned sport = (unsigned)tcp[0] << 8 | tcp[1], dport = (unsigned)tcp[2] << 8 | tcp[3];
    uint32_t seq = (uint32_t)tcp[4] << 24 | (uint32_t)tcp[5] << 16 | (uint32_t)tcp[6] << 8 | tcp[7];
    uint32_t ack = (uint32_t)tcp[8] << 24 | (uint32_t)tcp[9] << 16 | (uint32_t)tcp[10] << 8 | tcp[11];
    int fin = fl & 1, syn = fl & 2, rst = fl & 4, ackf = fl & 16;
    fi->is_tcp = 1;
    fi->kinds |= 1u << K_TCP;
    if (syn && !ackf) fi->kinds |= 1u << K_SYN;
    if (syn && ackf) fi->kinds |= 1u << K_SYNACK;
    if (paylen > 0) fi->kinds |= 1u << K_DATA;
    if (fin) fi->kinds |= 1u << K_FIN;
    if (rst) fi->kinds |= 1u << K_RST;
    if (ackf && !paylen && !syn && !fin && !rst) fi->kinds |= 1u << K_ACK;
    char fs[8];
    int n = 0;
    if (syn) fs[n++] = 'S';
    if (fin) fs[n++] = 'F';
    if (rst) fs[n++] = 'R';
    if (fl & 8) fs[n++] = 'P';
    if (ackf) fs[n++] = '.';
    fs[n] = 0;
    snprintf(fi->summary, sizeof fi->summary, "%s.%u > %s.%u [%s] seq=%u ack=%u len=%zu", src,
             sport, dst, dport, fs, seq, ack, paylen);
}

static int open_if(const char *name)
{
    unsigned idx = if_nametoindex(name);
    if (!idx) {
        fprintf(stderr, "linkemu: no interface %s\n", name);
        exit(2);
    }
    int s = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK, htons(ETH_P_ALL));
    if (s < 0) {
        perror("linkemu: socket(AF_PACKET)");
        exit(2);
    }
    int one = 1, big = 4 << 20;
    setsockopt(s, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);
    setsockopt(s, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    setsockopt(s, SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
    struct sockaddr_ll sll = {0};
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(ETH_P_ALL);
    sll.sll_ifindex = (int)idx;
    if (bind(s, (struct sockaddr *)&sll, sizeof sll) < 0) {
        perror("linkemu: bind");
        exit(2);
    }
    struct packet_mreq mr = {0};
    mr.mr_ifindex = (int)idx;
    mr.mr_type = PACKET_MR_PROMISC;
    setsockopt(s, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr);
    /* frames of other interfaces may have been queued before bind(): drop them */
    unsigned char junk[FRAME_MAX];
    while (recv(s, junk, sizeof junk, MSG_DONTWAIT) >= 0) {
    }
    return s;
}

int main(int argc, char **argv)
{
    const char *ifn[2] = {NULL, NULL};
    double delay_ms[2] = {0, 0};
    double loss_pct = 0;
    int loss_dir = BOTH;
    double max_secs = 60;
    int verbose = 0;
    rule rules[MAX_RULES];
    int n_rules = 0;
    static const struct option lopts[] = {
        {"delay-ab", required_argument, NULL, 1},
        {"delay-ba", required_argument, NULL, 2},
        {"loss-dir", required_argument, NULL, 3},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "a:b:d:x:l:s:t:v", lopts, NULL)) != -1) {
        switch (c) {
        case 'a': ifn[AB] = optarg; break;
        case 'b': ifn[BA] = optarg; break;
        case 'd': delay_ms[AB] = delay_ms[BA] = atof(optarg); break;
        case 1: delay_ms[AB] = atof(optarg); break;
        case 2: delay_ms[BA] = atof(optarg); break;
        case 3:
            if ((loss_dir = parse_dir(optarg)) < 0) goto usage;
            break;
        case 'x':
            if (n_rules == MAX_RULES || parse_rule(optarg, &rules[n_rules]) < 0) goto usage;
            n_rules++;
            break;
        case 'l': loss_pct = atof(optarg); break;
        case 's': rng_state = strtoull(optarg, NULL, 0) ?: 1; break;
        case 't': max_secs = atof(optarg); break;
        case 'v': verbose = 1; break;
        default: goto usage;
        }
    }
    if (!ifn[AB] || !ifn[BA] || max_secs <= 0) goto usage;

    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    setvbuf(stderr, NULL, _IOLBF, 0);

    /* sock[0] reads A (frames going a->b) and sends on A (frames going b->a) */
    int sock[2] = {open_if(ifn[AB]), open_if(ifn[BA])};
    queue q[2];
    for (int i = 0; i < 2; i++) {
        q[i].slots = calloc(QUEUE_LEN, sizeof(slot));
        q[i].head = q[i].count = 0;
        if (!q[i].slots) return 2;
    }
    unsigned counts[2][K_COUNT];
    memset(counts, 0, sizeof counts);
    unsigned long fwd[2] = {0, 0}, dropped[2] = {0, 0}, overflow[2] = {0, 0};
    uint64_t t0 = now_ns(), end = t0 + (uint64_t)(max_secs * 1e9);
    fprintf(stderr, "linkemu: %s <-> %s delay ab=%.3fms ba=%.3fms loss=%.2f%% rules=%d\n",
            ifn[AB], ifn[BA], delay_ms[AB], delay_ms[BA], loss_pct, n_rules);

    static unsigned char buf[FRAME_MAX];
    while (!stop_flag) {
        uint64_t now = now_ns();
        if (now >= end) break;
        /* send what is due */
        for (int d = 0; d < 2; d++) {
            while (q[d].count) {
                slot *s = &q[d].slots[q[d].head];
                if (s->due_ns > now) break;
                ssize_t w = send(sock[d ^ 1], s->data, s->len, 0);
                if (w < 0 && (errno == EAGAIN || errno == ENOBUFS)) break; /* retry soon */
                q[d].head = (q[d].head + 1) % QUEUE_LEN;
                q[d].count--;
                fwd[d]++;
            }
        }
        /* wait for input or the next due frame */
        uint64_t wake = end;
        for (int d = 0; d < 2; d++)
            if (q[d].count && q[d].slots[q[d].head].due_ns < wake) wake = q[d].slots[q[d].head].due_ns;
        now = now_ns();
        uint64_t wait = wake > now ? wake - now : 0;
        if (wait > 100000000ull) wait = 100000000ull; /* re-check the end every 100 ms */
        struct timespec ts = {(time_t)(wait / 1000000000ull), (long)(wait % 1000000000ull)};
        struct pollfd pfd[2] = {{sock[0], POLLIN, 0}, {sock[1], POLLIN, 0}};
        int pr = ppoll(pfd, 2, &ts, NULL);
        if (pr < 0) {
            if (errno == EINTR) continue;
            perror("linkemu: ppoll");
            break;
        }
        for (int d = 0; d < 2; d++) {
            if (!(pfd[d].revents & POLLIN)) continue;
            for (;;) {
                struct sockaddr_ll from;
                socklen_t fl = sizeof from;
                ssize_t n = recvfrom(sock[d], buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&from, &fl);
                if (n < 0) break;
                if (from.sll_pkttype == PACKET_OUTGOING) continue; /* our own sends */
                uint64_t t = now_ns();
                frame_info fi;
                classify(buf, (size_t)n, &fi);
                for (int k = 0; k < K_COUNT; k++)
                    if (fi.kinds & (1u << k)) counts[d][k]++;
                const char *verdict = "fwd";
                int drop = 0;
                for (int r = 0; r < n_rules && !drop; r++) {
                    if (rules[r].dir != BOTH && rules[r].dir != d) continue;
                    if (!(fi.kinds & (1u << rules[r].kind))) continue;
                    for (int i = 0; i < rules[r].n_nth; i++)
                        if (rules[r].nth[i] == counts[d][rules[r].kind]) {
                            drop = 1;
                            verdict = "DROP(rule)";
                        }
                }
                if (!drop && loss_pct > 0 && fi.is_tcp && (loss_dir == BOTH || loss_dir == d)) {
                    double u = (double)(rng_next() >> 11) / 9007199254740992.0;
                    if (u * 100.0 < loss_pct) {
                        drop = 1;
                        verdict = "DROP(random)";
                    }
                }
                if (!drop && q[d].count == QUEUE_LEN) {
                    drop = 1;
                    verdict = "DROP(queue full)";
                    overflow[d]++;
                }
                if (verbose)
                    fprintf(stderr, "%10.6f %s %-16s %s\n", (double)(t - t0) / 1e9, dir_names[d], verdict,
                            fi.summary);
                if (drop) {
                    dropped[d]++;
                    continue;
                }
                slot *s = &q[d].slots[(q[d].head + q[d].count) % QUEUE_LEN];
                s->due_ns = t + (uint64_t)(delay_ms[d] * 1e6);
                s->len = (uint16_t)n;
                memcpy(s->data, buf, (size_t)n);
                q[d].count++;
            }
        }
    }
    fprintf(stderr, "linkemu: done: ab fwd=%lu drop=%lu overflow=%lu; ba fwd=%lu drop=%lu overflow=%lu\n",
            fwd[AB], dropped[AB], overflow[AB], fwd[BA], dropped[BA], overflow[BA]);
    return 0;

usage:
    fprintf(stderr,
            "usage: linkemu -a IF_A -b IF_B [-d MS] [--delay-ab MS] [--delay-ba MS]\n"
            "               [-x DIR:KIND:N[,N..]]... [-l PCT] [--loss-dir DIR] [-s SEED] [-t SECS] [-v]\n"
            "  DIR: ab ba both   KIND: any tcp syn synack data fin rst ack\n");
    return 2;
}
