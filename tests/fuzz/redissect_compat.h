/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one place where lab_redissect papers over the differences between the libwireshark
 * releases it builds against (4.0, 4.4, 4.6) in the API for reading and dissecting files,
 * which plugins never see. Each switch is a feature check made by CMake
 * (cmake/LabHarnessFeatureChecks.cmake), not a version test. */
#ifndef REDISSECT_COMPAT_H
#define REDISSECT_COMPAT_H

#include "redissect_config.h"

#include <glib.h>

#include <epan/epan.h>
#include <epan/epan_dissect.h>
#include <epan/packet.h>
#include <epan/proto.h>
#include <epan/tvbuff.h>
#include <wiretap/wtap.h>
#include <wsutil/buffer.h>
#include <wsutil/wslog.h>

#if defined(LAB_HAVE_DISSECT_RUN_WITHOUT_TVB) && !defined(LAB_HAVE_WTAP_REC_DATA)
#error "epan_dissect_run() without a tvb but a wtap_rec without its data: an unknown libwireshark"
#endif

/* The packet provider's interface name and description: lab_redissect has no interface
 * list, every interface is "unknown". The callbacks gained a section_number after 4.0. */
#ifdef LAB_HAVE_PROVIDER_SECTION_NUMBER
static inline const char *lab_provider_unknown_interface(struct packet_provider_data *prov, guint32 interface_id,
                                                         unsigned section_number)
{
    (void)prov;
    (void)interface_id;
    (void)section_number;
    return "unknown";
}
#else
static inline const char *lab_provider_unknown_interface(struct packet_provider_data *prov, guint32 interface_id)
{
    (void)prov;
    (void)interface_id;
    return "unknown";
}
#endif

/* A record read from a file with its bytes: up to 4.4 the bytes go to a Buffer the caller
 * passes beside the wtap_rec; from 4.6 on the wtap_rec holds them itself. */
typedef struct lab_record {
    wtap_rec rec;
#ifndef LAB_HAVE_WTAP_REC_DATA
    Buffer buf;
#endif
} lab_record;

static inline void lab_record_init(lab_record *r)
{
#ifdef LAB_HAVE_WTAP_REC_DATA
    wtap_rec_init(&r->rec, 1514);
#else
    wtap_rec_init(&r->rec);
    ws_buffer_init(&r->buf, 1514);
#endif
}

static inline void lab_record_cleanup(lab_record *r)
{
    wtap_rec_cleanup(&r->rec);
#ifndef LAB_HAVE_WTAP_REC_DATA
    ws_buffer_free(&r->buf);
#endif
}

/* wtap_read: the next record and its bytes. */
static inline gboolean lab_record_read(wtap *wth, lab_record *r, int *err, gchar **err_info, gint64 *offset)
{
#ifdef LAB_HAVE_WTAP_REC_DATA
    return wtap_read(wth, &r->rec, err, err_info, offset);
#else
    return wtap_read(wth, &r->rec, &r->buf, err, err_info, offset);
#endif
}

/* wtap_seek_read: the record at a file offset again. */
static inline gboolean lab_record_seek_read(wtap *wth, gint64 offset, lab_record *r, int *err, gchar **err_info)
{
#ifdef LAB_HAVE_WTAP_REC_DATA
    return wtap_seek_read(wth, offset, &r->rec, err, err_info);
#else
    return wtap_seek_read(wth, offset, &r->rec, &r->buf, err, err_info);
#endif
}

/* Dissects the record as frame fd: up to 4.4 the caller makes the tvb over the bytes (the
 * dissection owns it then), 4.6 makes it from the record itself. */
static inline void lab_dissect_record(epan_dissect_t *edt, int file_type, lab_record *r, frame_data *fd)
{
#ifdef LAB_HAVE_DISSECT_RUN_WITHOUT_TVB
    epan_dissect_run(edt, file_type, &r->rec, fd, NULL);
#else
    tvbuff_t *tvb = tvb_new_real_data(ws_buffer_start_ptr(&r->buf), fd->cap_len, fd->pkt_len);
    epan_dissect_run(edt, file_type, &r->rec, tvb, fd, NULL);
#endif
}

/* The label of an item that has no representation text (4.6 can also say where the value
 * starts in it, which is not needed here). */
static inline void lab_fill_label(field_info *fi, char *label)
{
#ifdef LAB_HAVE_FILL_LABEL_VALUE_OFFSET
    proto_item_fill_label(fi, label, NULL);
#else
    proto_item_fill_label(fi, label);
#endif
}

/* The logging set-up: 4.6's ws_log_init() takes no program name; GLib is given it instead. */
static inline void lab_log_init(const char *progname)
{
#ifdef LAB_HAVE_WS_LOG_INIT_WITHOUT_PROGNAME
    g_set_prgname(progname);
    ws_log_init(NULL);
#else
    ws_log_init(progname, NULL);
#endif
}

/* The first pass must build the fields the postdissector asks for, visible tree or not, as
 * cf_read and tshark do. Up to 4.4 the application primes the dissection itself; 4.6 does it
 * inside libwireshark for every frame not yet visited (and no longer exports the call). */
static inline void lab_prime_first_pass(epan_dissect_t *edt)
{
#ifdef LAB_HAVE_PRIME_POSTDISSECTOR_HFIDS
    prime_epan_dissect_with_postdissector_wanted_hfids(edt);
#else
    (void)edt;
#endif
}

#endif
