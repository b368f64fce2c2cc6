/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tshark -z lab,ladder[,svg=FOLDER][,FILTER]: a ladder diagram of each selected TCP
 * connection, as text on standard output and, with svg=FOLDER, one SVG file per connection.
 *
 * Everything comes from the results the dissector stored on the first pass and queues on
 * the "lab" tap (lab_frame_result), so the ladder says exactly what the packet tree says.
 * The names of HTTP messages ("GET /index.html") come from Wireshark's own "http" tap.
 * FILTER selects connections: a connection is drawn whole when any of its packets
 * matches. Drawing is done by the core (plugin/core/lab_ladder*.c); this file collects,
 * selects and writes. */
#include "lab_ladder.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include <epan/packet.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <epan/to_str.h>

#include "core/lab_ladder.h"
#include "core/lab_ladder_text.h"
#include "lab_compat.h"
#include "lab_frame.h"

#ifdef LAB_HAVE_HTTP_INFO_VALUE
#include <epan/dissectors/packet-http.h>
#endif

#define CLI_PREFIX "lab,ladder"
#define SVG_OPTION "svg="
#define MAX_SVG_FILES 500

typedef struct ladder_conn {
    guint64 key;                /* stream << 32 | generation */
    lab_ladder ladder;
    gboolean selected;
    gboolean out_of_memory;
} ladder_conn;

typedef struct ladder_ctx {
    char *filter;               /* NULL: every connection */
    char *folder;               /* NULL: no SVG */
    GHashTable *conns;          /* key -> ladder_conn */
    GHashTable *http_names;     /* frame -> GPtrArray of request names, in order */
    int selector;               /* tapdata of the filtered listener (its address) */
    int http_listener;          /* tapdata of the http listener (its address) */
} ladder_ctx;

static guint64 conn_key(const lab_annotation *a) { return ((guint64)a->stream << 32) | a->generation; }

static void conn_free(gpointer p)
{
    ladder_conn *c = (ladder_conn *)p;
    lab_ladder_free(&c->ladder);
    g_free(c);
}

static void ctx_free(ladder_ctx *ctx)
{
    g_hash_table_destroy(ctx->conns);
    g_hash_table_destroy(ctx->http_names);
    g_free(ctx->filter);
    g_free(ctx->folder);
    g_free(ctx);
}

/* "192.0.2.1:80", "[2001:db8::1]:80" */
static void endpoint(const address *addr, guint32 port, char *buf, size_t size)
{
    char *a = address_to_str(NULL, addr);
    if (addr->type == AT_IPv6)
        g_snprintf(buf, (gulong)size, "[%s]:%u", a, port);
    else
        g_snprintf(buf, (gulong)size, "%s:%u", a, port);
    wmem_free(NULL, a);
}

static ladder_conn *conn_of(ladder_ctx *ctx, packet_info *pinfo, const lab_annotation *a)
{
    guint64 key = conn_key(a);
    ladder_conn *c = (ladder_conn *)g_hash_table_lookup(ctx->conns, &key);
    if (c)
        return c;
    char src[80], dst[80];
    endpoint(&pinfo->src, pinfo->srcport, src, sizeof(src));
    endpoint(&pinfo->dst, pinfo->destport, dst, sizeof(dst));
    c = g_new0(ladder_conn, 1);
    c->key = key;
    bool c2s = a->dir == LAB_DIR_C2S;
    lab_ladder_init(&c->ladder, a->stream, a->generation, c2s ? src : dst, c2s ? dst : src);
    g_hash_table_insert(ctx->conns, &c->key, c);
    return c;
}

static tap_packet_status collect(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
                                 tap_flags_t flags _U_)
{
    ladder_ctx *ctx = (ladder_ctx *)tapdata;
    const lab_frame_result *r = (const lab_frame_result *)data;
    ladder_conn *c = conn_of(ctx, pinfo, &r->tcp);
    if (!ctx->filter)
        c->selected = TRUE;
    lab_ladder_seg *s = lab_ladder_add(&c->ladder, pinfo->num, nstime_to_sec(&pinfo->rel_ts), &r->tcp);
    if (!s) {
        c->out_of_memory = TRUE;
        return TAP_PACKET_DONT_REDRAW;
    }
    for (unsigned i = 0; i < r->n_http && r->http; i++) {
        const lab_http_annotation *h = &r->http[i];
        lab_ladder_add_http(s, h->is_request, h->status, h->request_index, NULL);
    }
    return TAP_PACKET_DONT_REDRAW;
}

/* The filtered listener: a connection with a matching packet is selected. */
static tap_packet_status select_conn(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
                                     tap_flags_t flags _U_)
{
    ladder_ctx *ctx = (ladder_ctx *)((char *)tapdata - offsetof(ladder_ctx, selector));
    const lab_frame_result *r = (const lab_frame_result *)data;
    conn_of(ctx, pinfo, &r->tcp)->selected = TRUE;
    return TAP_PACKET_DONT_REDRAW;
}

#ifdef LAB_HAVE_HTTP_INFO_VALUE
/* Wireshark's http tap: one record per HTTP message; the request names are kept by frame. */
static tap_packet_status collect_http(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
                                      tap_flags_t flags _U_)
{
    ladder_ctx *ctx = (ladder_ctx *)((char *)tapdata - offsetof(ladder_ctx, http_listener));
    const http_info_value_t *v = (const http_info_value_t *)data;
    if (!v || !v->request_method)
        return TAP_PACKET_DONT_REDRAW;
    GPtrArray *names = (GPtrArray *)g_hash_table_lookup(ctx->http_names, GUINT_TO_POINTER(pinfo->num));
    if (!names) {
        names = g_ptr_array_new_with_free_func(g_free);
        g_hash_table_insert(ctx->http_names, GUINT_TO_POINTER(pinfo->num), names);
    }
    g_ptr_array_add(names, g_strdup_printf("%s %s", v->request_method, v->request_uri ? v->request_uri : ""));
    return TAP_PACKET_DONT_REDRAW;
}
#endif

/* The i-th request of frame `frame` gets the i-th request name the http tap gave for it. */
static void name_requests(ladder_ctx *ctx, lab_ladder *l)
{
    for (size_t i = 0; i < l->n_segs; i++) {
        lab_ladder_seg *s = &l->segs[i];
        GPtrArray *names = s->n_http ? (GPtrArray *)g_hash_table_lookup(ctx->http_names, GUINT_TO_POINTER(s->frame)) : NULL;
        guint next = 0;
        for (unsigned k = 0; names && k < s->n_http; k++) {
            lab_ladder_http *h = &s->http[k];
            if (!h->is_request || next >= names->len)
                continue;
            /* same cut and cleaning as lab_ladder_add_http() */
            lab_ladder_seg tmp = { 0 };
            if (lab_ladder_add_http(&tmp, true, 0, h->index, (const char *)g_ptr_array_index(names, next++))) {
                memcpy(h->name, tmp.http[0].name, sizeof(h->name));
                g_free(tmp.http);
            }
        }
    }
}

static gint by_key(gconstpointer a, gconstpointer b)
{
    guint64 ka = (*(ladder_conn *const *)a)->key, kb = (*(ladder_conn *const *)b)->key;
    return ka < kb ? -1 : ka > kb;
}

static void write_svg(ladder_ctx *ctx, const lab_ladder *l)
{
    char name[64];
    if (l->generation)
        g_snprintf(name, sizeof(name), "ladder-stream%u-conn%u.svg", l->stream, l->generation + 1);
    else
        g_snprintf(name, sizeof(name), "ladder-stream%u.svg", l->stream);
    char *path = g_build_filename(ctx->folder, name, NULL);

    lab_ladder_out out;
    lab_ladder_out_init(&out);
    lab_ladder_write_svg(l, NULL, &out); /* a tap does not learn the capture's file name */
    FILE *f = out.failed ? NULL : g_fopen(path, "wb");
    int err = out.failed ? ENOMEM : errno;
    bool ok = f && fwrite(out.data, 1, out.len, f) == out.len;
    if (f && !ok)
        err = errno;
    if (f && fclose(f) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (ok) {
        printf(lab_msg(LAB_MSG_LADDER_WROTE), path);
        printf("\n");
    } else {
        fprintf(stderr, lab_msg(LAB_MSG_LADDER_ERR_WRITE), path, g_strerror(err));
        fprintf(stderr, "\n");
    }
    lab_ladder_out_free(&out);
    g_free(path);
}

static void ladder_draw(void *tapdata)
{
    ladder_ctx *ctx = (ladder_ctx *)tapdata;
    char msg[600];

    printf("===================================================================\n");
    printf("%s\n", lab_msg(LAB_MSG_LADDER_REPORT_HEADING));
    if (ctx->filter)
        printf("%s\n", lab_ladder_text_format(msg, sizeof(msg), lab_msg(LAB_MSG_LADDER_REPORT_FILTER), ctx->filter));
    printf("===================================================================\n");

    GPtrArray *sel = g_ptr_array_new();
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, ctx->conns);
    while (g_hash_table_iter_next(&it, &key, &value))
        if (((ladder_conn *)value)->selected)
            g_ptr_array_add(sel, value);
    g_ptr_array_sort(sel, by_key);

    if (g_hash_table_size(ctx->conns) == 0)
        printf("%s\n", lab_msg(LAB_MSG_LADDER_ERR_NO_TCP));
    else if (sel->len == 0)
        printf("%s\n", lab_ladder_text_format(msg, sizeof(msg), lab_msg(LAB_MSG_LADDER_ERR_NO_MATCH), ctx->filter ? ctx->filter : ""));

    for (guint i = 0; i < sel->len; i++) {
        ladder_conn *c = (ladder_conn *)g_ptr_array_index(sel, i);
        lab_ladder *l = &c->ladder;
        name_requests(ctx, l);
        lab_ladder_out out;
        lab_ladder_out_init(&out);
        if (!lab_ladder_layout(l) || c->out_of_memory) {
            fprintf(stderr, lab_msg(LAB_MSG_LADDER_ERR_MEMORY), l->stream);
            fprintf(stderr, "\n");
        }
        printf("\n");
        lab_ladder_write_text(l, &out);
        if (out.data)
            fputs(out.data, stdout);
        lab_ladder_out_free(&out);
        if (ctx->folder && i < MAX_SVG_FILES)
            write_svg(ctx, l);
        else if (ctx->folder && i == MAX_SVG_FILES)
            printf("%s\n", lab_ladder_text_format(msg, sizeof(msg), lab_msg(LAB_MSG_LADDER_TOO_MANY), (unsigned)MAX_SVG_FILES));
    }
    printf("===================================================================\n");
    g_ptr_array_free(sel, TRUE);
}

/* Called when the taps are torn down. The helper listeners (selector, http) are not removed
 * here: tshark frees its whole listener list at that point, and pulling entries out of it
 * from inside that walk is not safe. */
static void ladder_finish(void *tapdata)
{
    ctx_free((ladder_ctx *)tapdata);
}

/* The SVG folder: made if missing; it must be a writable folder. */
static bool usable_folder(const char *folder, const char **why)
{
    if (!*folder) {
        *why = g_strerror(ENOENT);
        return false;
    }
    if (!g_file_test(folder, G_FILE_TEST_EXISTS) && g_mkdir_with_parents(folder, 0777) != 0) {
        *why = g_strerror(errno);
        return false;
    }
    if (!g_file_test(folder, G_FILE_TEST_IS_DIR)) {
        *why = g_strerror(ENOTDIR);
        return false;
    }
    if (g_access(folder, 2 /* W_OK */) != 0) {
        *why = g_strerror(errno);
        return false;
    }
    return true;
}

/* opt_arg: "lab,ladder", "lab,ladder,FILTER", "lab,ladder,svg=FOLDER[,FILTER]". */
static bool ladder_init(const char *opt_arg, void *userdata _U_)
{
    const char *rest = opt_arg + strlen(CLI_PREFIX);
    if (strncmp(opt_arg, CLI_PREFIX, strlen(CLI_PREFIX)) != 0 || (*rest && *rest != ',')) {
        fprintf(stderr, lab_msg(LAB_MSG_LADDER_ERR_BAD_ARG), opt_arg);
        fprintf(stderr, "\n");
        return false;
    }
    if (*rest == ',')
        rest++;
    ladder_ctx *ctx = g_new0(ladder_ctx, 1);
    ctx->conns = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, conn_free);
    ctx->http_names = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
    if (strncmp(rest, SVG_OPTION, strlen(SVG_OPTION)) == 0) {
        rest += strlen(SVG_OPTION);
        const char *comma = strchr(rest, ',');
        ctx->folder = comma ? g_strndup(rest, (gsize)(comma - rest)) : g_strdup(rest);
        rest = comma ? comma + 1 : rest + strlen(rest);
        const char *why = "";
        if (!usable_folder(ctx->folder, &why)) {
            fprintf(stderr, lab_msg(LAB_MSG_LADDER_ERR_DIR), ctx->folder, why);
            fprintf(stderr, "\n");
            ctx_free(ctx);
            return false;
        }
    }
    if (*rest)
        ctx->filter = g_strdup(rest);

    /* The helpers first: they have no finish callback, so undoing them frees nothing. The
     * main listener's finish callback frees ctx (when tshark tears the taps down). */
    GString *error = NULL;
    bool selector = false;
    if (ctx->filter) {
        error = register_tap_listener("lab", &ctx->selector, ctx->filter, TL_REQUIRES_NOTHING, NULL, select_conn, NULL, NULL);
        selector = !error;
    }
#ifdef LAB_HAVE_HTTP_INFO_VALUE
    bool http = false;
    if (!error) {
        error = register_tap_listener("http", &ctx->http_listener, NULL, TL_REQUIRES_NOTHING, NULL, collect_http, NULL, NULL);
        http = !error;
    }
#endif
    if (!error)
        error = register_tap_listener("lab", ctx, NULL, TL_REQUIRES_NOTHING, NULL, collect, ladder_draw, ladder_finish);
    if (error) {
        if (selector)
            remove_tap_listener(&ctx->selector);
#ifdef LAB_HAVE_HTTP_INFO_VALUE
        if (http)
            remove_tap_listener(&ctx->http_listener);
#endif
    }
    if (error) {
        fprintf(stderr, lab_msg(LAB_MSG_LADDER_ERR_BAD_FILTER), ctx->filter ? ctx->filter : "", error->str);
        fprintf(stderr, "\n");
        g_string_free(error, TRUE);
        ctx_free(ctx);
        return false;
    }
    return true;
}

static LAB_STAT_TAP_INIT_RESULT ladder_init_cb(const char *opt_arg, void *userdata)
{
    LAB_STAT_TAP_INIT_RETURN(ladder_init(opt_arg, userdata));
}

static stat_tap_ui ladder_ui = {
    .group = REGISTER_STAT_GROUP_GENERIC,
    .title = NULL, /* lab_ladder_register(): from the table of words */
    .cli_string = CLI_PREFIX,
    .tap_init_cb = ladder_init_cb,
    .nparams = 0,
    .params = NULL,
};

void lab_ladder_register(void)
{
    ladder_ui.title = lab_msg(LAB_MSG_LADDER_REPORT_HEADING);
    register_stat_tap_ui(&ladder_ui, NULL);
}
