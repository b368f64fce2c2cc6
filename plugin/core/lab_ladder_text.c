/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The English words of the ladder diagrams. A translator copies `english` below into a
 * table of the same struct for the new language (same printf conversions, same order) and
 * calls lab_ladder_text_use() with it. */
#include "lab_ladder_text.h"

#include "lab_types.h"

#include <stdarg.h>
#include <stdio.h>

static const lab_ladder_words english = {
    .title = "TCP stream %u, connection %u: client %s, server %s",
    .col_time = "time",
    .col_frame = "frame",
    .col_client_state = "client state",
    .col_server_state = "server state",
    .col_client = "client",
    .col_segment = "segment",
    .col_row = "row",
    .gui_heading = "One ladder per TCP connection below. The pictures (SVG): tshark -q -r FILE "
                   "-z lab,ladder,svg=FOLDER",
    .col_server = "server",
    .col_step = "step, HTTP",
    .col_step_svg = "step",
    .at_start = "at start",
    .seconds = "%.3f s",
    .handshake = "Handshake %u/3",
    .close_known = "Close %u/%u",
    .close_unknown = "Close %u",
    .rst = "RST",
    .rst_context = {
        [LAB_RST_REFUSED] = "RST (refused)",
        [LAB_RST_HANDSHAKE] = "RST (during handshake)",
        [LAB_RST_DATA] = "RST (abort)",
        [LAB_RST_CLOSING] = "RST (during close)",
        [LAB_RST_AFTER_CLOSE] = "RST (after close)",
        [LAB_RST_MIDSTREAM] = "RST",
    },
    .retransmitted = "again",
    .seq_note = {
        [LAB_SEQ_IN_ORDER] = "",
        [LAB_SEQ_GAP] = "after a gap (data not captured)",
        [LAB_SEQ_RETRANSMISSION] = "retransmission",
        [LAB_SEQ_OUT_OF_ORDER] = "out of order",
        [LAB_SEQ_KEEPALIVE] = "keep-alive probe",
        [LAB_SEQ_FIRST_SEEN] = "",
    },
    .ack_duplicate = "duplicate ACK %u",
    .ack_note = {
        [LAB_ACK_NONE] = "",
        [LAB_ACK_OK] = "",
        [LAB_ACK_PARTIAL] = "",
        [LAB_ACK_DUPLICATE] = "",
        [LAB_ACK_UNSEEN] = "ACKs data not captured",
        [LAB_ACK_OLD] = "old ACK",
    },
    .http_request = "%s (request %u)",
    .http_request_bare = "HTTP request %u",
    .http_response = "%u response (to request %u)",
    .fold = "\u2026 %u segments, %s \u2026",
    .fold_dir_bytes = "%s %s",
    .fold_acks_only = "ACKs only",
    .dir_arrow = { "client \u2192 server", "server \u2192 client" },
    .bytes = "%u bytes",
    .kbytes = "%.1f kB",
    .idle = "\u22ee idle %.1f s",
    .no_handshake = "The handshake is not in the capture: client and server are guessed from the ports "
                    "(server = lower port).",
    .states_unknown = "States are shown once the capture shows them.",
    .end_open = "still open at the end of the capture",
    .relative_note = "Seq, Ack and Len are relative (ISN = 0); time in seconds since the first packet "
                     "of the capture.",
    .svg_title = "Lab Handshake ladder: %s",
    .report_heading = "Lab Handshake ladder diagrams",
    .report_filter = "Filter: %s",
    .err_no_tcp = "No TCP segments in this capture: there is no ladder to draw.",
    .err_no_match = "No TCP connection matched the filter %s.",
    .err_bad_filter = "lab,ladder: the filter \"%s\" is not valid: %s",
    .err_bad_arg = "lab,ladder: invalid argument \"%s\". Use -z lab,ladder[,svg=FOLDER][,FILTER]",
    .err_dir = "lab,ladder: cannot use %s as the SVG folder: %s",
    .err_write = "lab,ladder: cannot write %s: %s",
    .wrote = "SVG written: %s",
    .too_many = "Only the first %u connections are drawn.",
    .err_memory = "lab,ladder: out of memory; the ladder of TCP stream %u is incomplete.",
    .gui_title = "Lab Handshake Ladder",
};

static const lab_ladder_words *current = &english;

const lab_ladder_words *lab_ladder_text(void) { return current; }
const lab_ladder_words *lab_ladder_text_english(void) { return &english; }
void lab_ladder_text_use(const lab_ladder_words *w) { current = w ? w : &english; }

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
    const lab_ladder_words *w = current;
    if (!size)
        return buf;
    buf[0] = '\0';
    switch (kind) {
    case LAB_STEP_HANDSHAKE:
        lab_ladder_text_format(buf, size, w->handshake, num);
        break;
    case LAB_STEP_CLOSE:
        if (total)
            lab_ladder_text_format(buf, size, w->close_known, num, total);
        else
            lab_ladder_text_format(buf, size, w->close_unknown, num);
        break;
    case LAB_STEP_RESET:
        lab_ladder_text_format(buf, size, "%s",
                               reset_context < sizeof(w->rst_context) / sizeof(w->rst_context[0])
                                       && w->rst_context[reset_context]
                                   ? w->rst_context[reset_context]
                                   : w->rst);
        break;
    default:
        return buf;
    }
    if (retransmitted) {
        size_t used = 0;
        while (used < size && buf[used])
            used++;
        if (used + 1 < size)
            snprintf(buf + used, size - used, " (%s)", w->retransmitted);
    }
    return buf;
}

const char *lab_ladder_text_flagged(unsigned seq_check, unsigned ack_check, unsigned dup_count, int step_retransmitted,
                                    char *buf, size_t size)
{
    const lab_ladder_words *w = current;
    const char *seq = seq_check < 6 && !step_retransmitted ? w->seq_note[seq_check] : NULL;
    char ack[64] = "";
    if (ack_check == LAB_ACK_DUPLICATE)
        lab_ladder_text_format(ack, sizeof(ack), w->ack_duplicate, dup_count);
    else if (ack_check < 6 && w->ack_note[ack_check])
        lab_ladder_text_format(ack, sizeof(ack), "%s", w->ack_note[ack_check]);
    return lab_ladder_text_format(buf, size, "%s%s%s", seq ? seq : "", seq && *seq && *ack ? "; " : "", ack);
}

const char *lab_ladder_text_amount(uint64_t bytes, char *buf, size_t size)
{
    if (bytes < 10000)
        return lab_ladder_text_format(buf, size, current->bytes, (unsigned)bytes);
    return lab_ladder_text_format(buf, size, current->kbytes, (double)bytes / 1000.0);
}
