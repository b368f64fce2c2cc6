/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ladder diagrams' phrases (lab_ladder_text.h); their words are the catalogue's. */
#include "lab_ladder_text.h"

#include "lab_types.h"

#include <stdarg.h>
#include <stdio.h>

/* The words of a reset context, a sequence check and an acknowledgment check, by value;
 * LAB_MSG_COUNT: nothing to write. */
static const lab_msg_id rst_words[LAB_RST_MIDSTREAM + 1] = {
    [LAB_RST_REFUSED] = LAB_MSG_LADDER_RST_REFUSED,
    [LAB_RST_HANDSHAKE] = LAB_MSG_LADDER_RST_HANDSHAKE,
    [LAB_RST_DATA] = LAB_MSG_LADDER_RST_DATA,
    [LAB_RST_CLOSING] = LAB_MSG_LADDER_RST_CLOSING,
    [LAB_RST_AFTER_CLOSE] = LAB_MSG_LADDER_RST_AFTER_CLOSE,
    [LAB_RST_MIDSTREAM] = LAB_MSG_LADDER_RST_MIDSTREAM,
};
static const lab_msg_id seq_words[LAB_SEQ_COUNT] = {
    [LAB_SEQ_IN_ORDER] = LAB_MSG_COUNT,
    [LAB_SEQ_GAP] = LAB_MSG_LADDER_SEQNOTE_GAP,
    [LAB_SEQ_RETRANSMISSION] = LAB_MSG_LADDER_SEQNOTE_RETRANSMISSION,
    [LAB_SEQ_OUT_OF_ORDER] = LAB_MSG_LADDER_SEQNOTE_OUT_OF_ORDER,
    [LAB_SEQ_KEEPALIVE] = LAB_MSG_LADDER_SEQNOTE_KEEPALIVE,
    [LAB_SEQ_FIRST_SEEN] = LAB_MSG_COUNT,
};
static const lab_msg_id ack_words[LAB_ACK_COUNT] = {
    [LAB_ACK_NONE] = LAB_MSG_COUNT,
    [LAB_ACK_OK] = LAB_MSG_COUNT,
    [LAB_ACK_PARTIAL] = LAB_MSG_COUNT,
    [LAB_ACK_DUPLICATE] = LAB_MSG_COUNT, /* written with its count: LAB_MSG_LADDER_ACK_DUPLICATE */
    [LAB_ACK_UNSEEN] = LAB_MSG_LADDER_ACKNOTE_UNSEEN,
    [LAB_ACK_OLD] = LAB_MSG_LADDER_ACKNOTE_OLD,
};

/* The text of a word of the tables above, "" for none. */
static const char *word(lab_msg_id id) { return id < LAB_MSG_COUNT ? lab_msg(id) : ""; }

const char *lab_ladder_text_format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (size)
        vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return buf;
}

/* Wireshark's order in the Info column: FIN, SYN, RST, PSH, ACK. Protocol words: the same
 * in every language. */
const char *lab_ladder_text_flags(uint8_t flags, char *buf, size_t size)
{
    static const struct { uint8_t bit; const char *name; } names[] = {
        { LAB_TCP_FIN, "FIN" }, { LAB_TCP_SYN, "SYN" }, { LAB_TCP_RST, "RST" },
        { LAB_TCP_PSH, "PSH" }, { LAB_TCP_ACK, "ACK" },
    };
    size_t used = 0;
    if (!size)
        return buf;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!(flags & names[i].bit))
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", names[i].name);
        if (n < 0 || (size_t)n >= size - used)
            break;
        used += (size_t)n;
    }
    if (!used)
        snprintf(buf, size, "-");
    return buf;
}

const char *lab_ladder_text_step(unsigned kind, unsigned num, unsigned total, unsigned reset_context,
                                 int retransmitted, char *buf, size_t size)
{
    if (!size)
        return buf;
    buf[0] = '\0';
    switch (kind) {
    case LAB_STEP_HANDSHAKE:
        lab_ladder_text_format(buf, size, lab_msg(LAB_MSG_LADDER_HANDSHAKE), num);
        break;
    case LAB_STEP_CLOSE:
        if (total)
            lab_ladder_text_format(buf, size, lab_msg(LAB_MSG_LADDER_CLOSE_KNOWN), num, total);
        else
            lab_ladder_text_format(buf, size, lab_msg(LAB_MSG_LADDER_CLOSE_UNKNOWN), num);
        break;
    case LAB_STEP_RESET:
        lab_ladder_text_format(buf, size, "%s",
                               lab_msg(reset_context < LAB_RST_MIDSTREAM + 1 ? rst_words[reset_context] : LAB_MSG_LADDER_RST));
        break;
    default:
        return buf;
    }
    if (retransmitted) {
        size_t used = 0;
        while (used < size && buf[used])
            used++;
        if (used + 1 < size)
            snprintf(buf + used, size - used, " (%s)", lab_msg(LAB_MSG_LADDER_RETRANSMITTED));
    }
    return buf;
}

const char *lab_ladder_text_flagged(unsigned seq_check, unsigned ack_check, unsigned dup_count, int step_retransmitted,
                                    char *buf, size_t size)
{
    const char *seq = seq_check < LAB_SEQ_COUNT && !step_retransmitted ? word(seq_words[seq_check]) : NULL;
    char ack[64] = "";
    if (ack_check == LAB_ACK_DUPLICATE)
        lab_ladder_text_format(ack, sizeof(ack), lab_msg(LAB_MSG_LADDER_ACK_DUPLICATE), dup_count);
    else if (ack_check < LAB_ACK_COUNT)
        lab_ladder_text_format(ack, sizeof(ack), "%s", word(ack_words[ack_check]));
    return lab_ladder_text_format(buf, size, "%s%s%s", seq ? seq : "", seq && *seq && *ack ? "; " : "", ack);
}

const char *lab_ladder_text_amount(uint64_t bytes, char *buf, size_t size)
{
    if (bytes < 10000)
        return lab_ladder_text_format(buf, size, lab_msg(LAB_MSG_LADDER_BYTES), (unsigned)bytes);
    return lab_ladder_text_format(buf, size, lab_msg(LAB_MSG_LADDER_KBYTES), (double)bytes / 1000.0);
}
