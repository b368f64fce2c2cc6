/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A tiny driver for core tests: describe a connection segment by segment in relative
 * numbers, get each annotation back. The client is 192.0.2.10:40000 (ISN 1000 unless
 * changed), the server 192.0.2.20:80 (ISN 5000). */
#ifndef SCENARIO_H
#define SCENARIO_H

#include "lab_analyzer.h"

#include <stdbool.h>

#define C2S LAB_DIR_C2S
#define S2C LAB_DIR_S2C
#define SYN LAB_TCP_SYN
#define ACK LAB_TCP_ACK
#define FIN LAB_TCP_FIN
#define RST LAB_TCP_RST
#define PSH LAB_TCP_PSH

typedef struct scenario {
    lab_analyzer *an;
    uint32_t stream;
    uint32_t frame;
    uint32_t isn[2];
    bool ipv6;
    uint16_t port[2];
    double time;
} scenario;

void scenario_start(scenario *s);
void scenario_end(scenario *s);

/* Sends one segment; seq and ack are relative to the sender's and receiver's ISN. */
lab_annotation scenario_send(scenario *s, unsigned dir, uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len);

/* The usual SYN, SYN+ACK, ACK (client seq/ack end at 1/1). */
void scenario_handshake(scenario *s);

#endif
