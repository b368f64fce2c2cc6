/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Short texts for columns. The rule for the step word: it names the control flags that make
 * the segment a step — SYN or SYN+ACK in the handshake, its completing ACK; FIN, or FIN+ACK
 * when the FIN also answers the peer's FIN (three-way close, step 2); the ACK of a FIN; RST.
 * The place is "n/total" whenever the total is known from the packets up to this one; the
 * first FIN shows none (nothing yet tells a three-way from a four-way close), and its Info
 * label says in words that it starts the close, so it does not read as cut off. */
#include "lab_short.h"

#include "lab_msg.h"
#include "lab_names.h"

#include <stdarg.h>
#include <stdio.h>

/* A text cut to fit `size` must not end in half a UTF-8 character (the words come from the
 * message catalogue, lab_msg.h, in the display language): drops the broken last one. */
static void mend_cut(char *buf, size_t size)
{
    size_t end = size - 1, lead = end;
    while (lead > 0 && ((unsigned char)buf[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0)
        return;
    unsigned char c = (unsigned char)buf[lead - 1];
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (end - (lead - 1) < need)
        buf[lead - 1] = '\0';
}

/* snprintf() that never leaves half a UTF-8 character at the end of a cut text. */
static void say(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n >= size)
        mend_cut(buf, size);
}

/* The parts (up to a NULL) one after the other, cut as say() cuts. The Info column label is
 * written on every step packet of every capture, so it is put together without printf. */
static void join(char *buf, size_t size, const char *const *parts)
{
    size_t n = 0;
    for (; *parts; parts++)
        for (const char *p = *parts; *p; p++) {
            if (n + 1 >= size) {
                buf[n] = '\0';
                mend_cut(buf, size);
                return;
            }
            buf[n++] = *p;
        }
    buf[n] = '\0';
}

/* v in decimal at the end of out[12]; returns where it starts. */
static const char *decimal(unsigned v, char out[12])
{
    char *p = out + 11;
    *p = '\0';
    do
        *--p = (char)('0' + v % 10u);
    while ((v /= 10u) != 0);
    return p;
}

static const char *step_word(const lab_annotation *a)
{
    bool syn = (a->flags & LAB_TCP_SYN) != 0, fin = (a->flags & LAB_TCP_FIN) != 0;
    bool ack = (a->flags & LAB_TCP_ACK) != 0;
    switch (a->step_kind) {
    case LAB_STEP_HANDSHAKE:
        if (syn)
            return ack ? "SYN+ACK" : "SYN";
        return "ACK";
    case LAB_STEP_CLOSE:
        if (fin)
            return a->step_num == 2 && a->close_kind == LAB_CLOSE_THREE_WAY ? "FIN+ACK" : "FIN";
        return "ACK";
    case LAB_STEP_RESET:
        return "RST";
    default:
        return "";
    }
}

/* "1/3", "2/4", or "1" while the total is not known. */
static void place(const lab_annotation *a, char *buf, size_t size)
{
    char num[12], tot[12];
    unsigned total = a->step_kind == LAB_STEP_HANDSHAKE ? 3u : a->step_total;
    const char *parts[] = { decimal(a->step_num, num), total ? "/" : NULL, decimal(total, tot), NULL };
    join(buf, size, parts);
}

const char *lab_short_step(const lab_annotation *a, char *buf, size_t size)
{
    char where[16];
    if (!size)
        return buf;
    if (a->step_kind == LAB_STEP_NONE) {
        buf[0] = '\0';
        return buf;
    }
    if (a->step_kind == LAB_STEP_RESET) {
        say(buf, size, "RST");
        return buf;
    }
    place(a, where, sizeof(where));
    say(buf, size, "%s %s%s", step_word(a), where, a->step_retransmitted ? lab_msg(LAB_MSG_SHORT_AGAIN) : "");
    return buf;
}

const char *lab_short_info(const lab_annotation *a, char *buf, size_t size)
{
    char where[16];
    if (!size)
        return buf;
    place(a, where, sizeof(where));
    const char *again = a->step_retransmitted ? lab_msg(LAB_MSG_SHORT_AGAIN) : "";
    /* "Handshake" / "第一次握手": the Chinese names the step by its ordinal, as the textbook does */
    static const lab_msg_id handshake[] = { LAB_MSG_SHORT_HEAD_HS_1, LAB_MSG_SHORT_HEAD_HS_2, LAB_MSG_SHORT_HEAD_HS_3 };
    static const lab_msg_id close[] = { LAB_MSG_SHORT_HEAD_CLOSE_1, LAB_MSG_SHORT_HEAD_CLOSE_2,
                                        LAB_MSG_SHORT_HEAD_CLOSE_3, LAB_MSG_SHORT_HEAD_CLOSE_4 };
    unsigned n = a->step_num;
    const char *head, *starts = "";
    switch (a->step_kind) {
    case LAB_STEP_HANDSHAKE:
        head = lab_msg(n >= 1 && n <= 3 ? handshake[n - 1] : LAB_MSG_SHORT_HEAD_HS_3);
        break;
    case LAB_STEP_CLOSE:
        head = lab_msg(n >= 1 && n <= 4 ? close[n - 1] : LAB_MSG_SHORT_HEAD_CLOSE_N);
        if (!a->step_total)
            starts = lab_msg(LAB_MSG_SHORT_STARTS_CLOSE);
        break;
    case LAB_STEP_RESET: {
        const char *const parts[] = { lab_msg(LAB_MSG_SHORT_HEAD_RESET), " RST", NULL };
        join(buf, size, parts);
        return buf;
    }
    default:
        buf[0] = '\0';
        return buf;
    }
    const char *const parts[] = { head, " ", where, " ", step_word(a), starts, again, NULL };
    join(buf, size, parts);
    return buf;
}

const char *lab_short_state(const lab_annotation *a, unsigned side, char *buf, size_t size)
{
    if (!size)
        return buf;
    if (!a->states_known || side > LAB_DIR_S2C) {
        buf[0] = '\0';
        return buf;
    }
    unsigned state = side == LAB_DIR_C2S ? a->state_client : a->state_server;
    bool receiver = side != a->dir;
    if (receiver && a->state_receiver_after != state)
        say(buf, size, "%s → %s", lab_state_name(state), lab_state_name(a->state_receiver_after));
    else if (state == LAB_ST_LISTEN && !a->server_answered)
        say(buf, size, "%s%s", lab_state_name(state), lab_msg(LAB_MSG_SHORT_ASSUMED));
    else
        say(buf, size, "%s", lab_state_name(state));
    return buf;
}
