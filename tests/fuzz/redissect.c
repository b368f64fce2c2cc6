/* Re-dissection in a shuffled frame order, as a GUI user clicking around a capture.
 *
 *   lab_redissect --plugin PLUGIN.so [--rounds N] [--seed S] [--reloads N] [--dump] [--require-lab] CAPTURE
 *
 * A small program against libwireshark, doing what Wireshark's GUI does with a file:
 *   1. the first pass: every frame dissected once, in order, with the tree the
 *      postdissector asks for (as cf_read does; frames are then "visited");
 *   2. an in-order pass over all frames with a visible tree (the reference);
 *   3. N rounds of "clicks": all frames in a random order plus random repeats, each
 *      dissected with a visible tree, as when a packet is selected in the packet list;
 *   4. the file closed and opened again (--reloads, default 1), as File ▸ Reload does:
 *      the plugin's cleanup and init routines run, the same text must come back. Every
 *      other load does its first pass with a full visible tree instead (as single-pass
 *      `tshark -V` does), so the annotations must not depend on which fields the first
 *      pass happened to build either.
 * The Lab Handshake subtree of every frame — each item's label, with its field name — must
 * be the same every time. Prints the number of frames and dissections compared; exits 1
 * on any difference (the first ones are printed) or, with --require-lab, when no frame had
 * a Lab Handshake subtree at all (the plugin did not run); 2 on a usage or file error.
 *
 * The plugin is dlopen'ed and registered directly (plugin_register) before epan_init, so
 * neither the personal plugin folder nor the user (root is fine) matters. */
#define _GNU_SOURCE 1 /* mkdtemp, setenv */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include <epan/epan.h>
#include <epan/epan_dissect.h>
#include <epan/frame_data.h>
#include <epan/frame_data_sequence.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto.h>
#include <epan/tvbuff.h>
#include <wiretap/wtap.h>
#include <wsutil/buffer.h>
#include <wsutil/privileges.h>
#include <wsutil/wslog.h>

struct packet_provider_data {
    wtap *wth;
    frame_data_sequence *frames;
    const frame_data *ref;
    frame_data *prev_dis;
};

static const nstime_t *get_frame_ts(struct packet_provider_data *prov, guint32 frame_num)
{
    if (prov->ref && prov->ref->num == frame_num)
        return &prov->ref->abs_ts;
    if (prov->prev_dis && prov->prev_dis->num == frame_num)
        return &prov->prev_dis->abs_ts;
    frame_data *fd = prov->frames ? frame_data_sequence_find(prov->frames, frame_num) : NULL;
    return fd ? &fd->abs_ts : NULL;
}

static const char *get_interface_name(struct packet_provider_data *prov, guint32 interface_id)
{
    (void)prov;
    (void)interface_id;
    return "unknown";
}

static const struct packet_provider_funcs provider_funcs = {
    get_frame_ts, get_interface_name, get_interface_name, NULL,
};

static int proto_lab = -1;

/* ---- the text of the Lab Handshake subtree ---- */

static void append_node(proto_node *node, gpointer data);

typedef struct text_ctx {
    GString *out;
    int depth;
} text_ctx;

static void append_node(proto_node *node, gpointer data)
{
    text_ctx *ctx = data;
    field_info *fi = PNODE_FINFO(node);
    if (!fi)
        return;
    char label[ITEM_LABEL_LENGTH];
    if (fi->rep)
        g_strlcpy(label, fi->rep->representation, sizeof(label));
    else
        proto_item_fill_label(fi, label);
    g_string_append_printf(ctx->out, "%*s%s | %s\n", ctx->depth * 2, "", fi->hfinfo->abbrev, label);
    ctx->depth++;
    proto_tree_children_foreach(node, append_node, ctx);
    ctx->depth--;
}

static void find_lab(proto_node *node, gpointer data)
{
    field_info *fi = PNODE_FINFO(node);
    if (fi && fi->hfinfo->id == proto_lab) {
        text_ctx ctx = { data, 0 };
        append_node(node, &ctx);
    }
}

/* ---- reading and dissecting ---- */

typedef struct capture {
    struct packet_provider_data prov;
    epan_t *session;
    int file_type;
    guint32 count;
    wtap_rec rec;
    Buffer buf;
} capture;

static void dissect_one(capture *c, frame_data *fd, gboolean visible, GString *text)
{
    int err = 0;
    gchar *err_info = NULL;
    wtap_rec_reset(&c->rec);
    if (!wtap_seek_read(c->prov.wth, fd->file_off, &c->rec, &c->buf, &err, &err_info)) {
        fprintf(stderr, "frame %u: cannot read it again: %s\n", fd->num, err_info ? err_info : wtap_strerror(err));
        g_free(err_info);
        exit(2);
    }
    epan_dissect_t edt;
    epan_dissect_init(&edt, c->session, TRUE, visible);
    if (!visible)
        prime_epan_dissect_with_postdissector_wanted_hfids(&edt);
    tvbuff_t *tvb = tvb_new_real_data(ws_buffer_start_ptr(&c->buf), fd->cap_len, fd->pkt_len);
    epan_dissect_run(&edt, c->file_type, &c->rec, tvb, fd, NULL);
    if (text && edt.tree)
        proto_tree_children_foreach(edt.tree, find_lab, text);
    epan_dissect_cleanup(&edt);
    c->prov.prev_dis = fd;
}

/* Opens the file and runs the first pass: with only the fields the postdissector asks for
 * (the GUI, tshark -2), or with a full visible tree (single-pass tshark -V). */
static void open_capture(capture *c, const char *path, gboolean full_tree)
{
    int err = 0;
    gchar *err_info = NULL;
    memset(c, 0, sizeof(*c));
    c->prov.wth = wtap_open_offline(path, WTAP_TYPE_AUTO, &err, &err_info, TRUE);
    if (!c->prov.wth) {
        fprintf(stderr, "%s: %s\n", path, err_info ? err_info : wtap_strerror(err));
        exit(2);
    }
    c->file_type = wtap_file_type_subtype(c->prov.wth);
    c->prov.frames = new_frame_data_sequence();
    c->session = epan_new(&c->prov, &provider_funcs);
    wtap_rec_init(&c->rec);
    ws_buffer_init(&c->buf, 1514);

    nstime_t elapsed;
    nstime_set_zero(&elapsed);
    guint32 cum_bytes = 0;
    gint64 offset;
    frame_data ref_frame;
    while (wtap_read(c->prov.wth, &c->rec, &c->buf, &err, &err_info, &offset)) {
        frame_data fd;
        c->count++;
        frame_data_init(&fd, c->count, &c->rec, offset, cum_bytes);
        frame_data_set_before_dissect(&fd, &elapsed, &c->prov.ref, c->prov.prev_dis);
        if (c->prov.ref == &fd) {
            ref_frame = fd;
            c->prov.ref = &ref_frame;
        }
        epan_dissect_t edt;
        epan_dissect_init(&edt, c->session, TRUE, full_tree);
        /* as cf_read and tshark do on every first pass; without it the postdissector
         * finds none of the fields it reads, visible tree or not */
        prime_epan_dissect_with_postdissector_wanted_hfids(&edt);
        tvbuff_t *tvb = tvb_new_real_data(ws_buffer_start_ptr(&c->buf), fd.cap_len, fd.pkt_len);
        epan_dissect_run(&edt, c->file_type, &c->rec, tvb, &fd, NULL);
        epan_dissect_cleanup(&edt);
        frame_data_set_after_dissect(&fd, &cum_bytes);
        c->prov.prev_dis = frame_data_sequence_add(c->prov.frames, &fd);
        if (c->prov.ref == &ref_frame) {
            ref_frame = *c->prov.prev_dis;
            c->prov.ref = c->prov.prev_dis;
        }
        wtap_rec_reset(&c->rec);
    }
    if (err != 0) /* a cut or damaged file: the frames read so far are what the GUI shows */
        fprintf(stderr, "%s: read stopped after %u frames: %s\n", path, c->count,
                err_info ? err_info : wtap_strerror(err));
    g_free(err_info);
}

static void close_capture(capture *c)
{
    epan_free(c->session);
    for (guint32 i = 1; i <= c->count; i++)
        frame_data_destroy(frame_data_sequence_find(c->prov.frames, i));
    free_frame_data_sequence(c->prov.frames);
    wtap_close(c->prov.wth);
    wtap_rec_cleanup(&c->rec);
    ws_buffer_free(&c->buf);
}

static void usage(void)
{
    fprintf(stderr, "usage: lab_redissect --plugin PLUGIN.so [--rounds N] [--seed S] [--reloads N] [--dump]"
                    " [--require-lab] CAPTURE\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *plugin_path = NULL, *path = NULL;
    unsigned rounds = 3, reloads = 1;
    guint32 seed = 1;
    gboolean dump = FALSE, require_lab = FALSE;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--plugin") == 0 && i + 1 < argc)
            plugin_path = argv[++i];
        else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            rounds = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = (guint32)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--reloads") == 0 && i + 1 < argc)
            reloads = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--dump") == 0)
            dump = TRUE;
        else if (strcmp(argv[i], "--require-lab") == 0)
            require_lab = TRUE;
        else if (argv[i][0] != '-' && !path)
            path = argv[i];
        else
            usage();
    }
    if (!plugin_path || !path)
        usage();

    /* No user's preferences or profiles: a throwaway HOME. */
    char home[] = "/tmp/lab-redissect.XXXXXX";
    if (!mkdtemp(home)) {
        perror("mkdtemp");
        return 2;
    }
    setenv("HOME", home, 1);
    unsetenv("WIRESHARK_CONFIG_DIR");

    void *so = dlopen(plugin_path, RTLD_NOW | RTLD_GLOBAL);
    if (!so) {
        fprintf(stderr, "%s\n", dlerror());
        return 2;
    }
    void (*plugin_register)(void) = (void (*)(void))dlsym(so, "plugin_register");
    if (!plugin_register) {
        fprintf(stderr, "%s: no plugin_register\n", plugin_path);
        return 2;
    }

    ws_log_init("lab_redissect", NULL);
    ws_log_set_level(LOG_LEVEL_WARNING);
    init_process_policies();
    relinquish_special_privs_perm();
    wtap_init(FALSE);
    plugin_register(); /* before epan_init, which registers the plugins' protocols */
    if (!epan_init(NULL, NULL, FALSE)) {
        fprintf(stderr, "epan_init failed\n");
        return 2;
    }
    epan_load_settings();
    prefs_apply_all();
    proto_lab = proto_get_id_by_filter_name("lab");
    if (proto_lab < 0) {
        fprintf(stderr, "%s: the plugin registered no \"lab\" protocol\n", plugin_path);
        return 2;
    }

    GRand *rng = g_rand_new_with_seed(seed);
    GPtrArray *reference = NULL;
    unsigned long compared = 0, differences = 0, lab_frames = 0;
    guint32 frames = 0;

    for (unsigned load = 0; load <= reloads; load++) {
        capture c;
        open_capture(&c, path, load % 2 == 1);
        frames = c.count;

        /* the in-order pass */
        GPtrArray *in_order = g_ptr_array_new_with_free_func(g_free);
        for (guint32 n = 1; n <= c.count; n++) {
            GString *t = g_string_new(NULL);
            dissect_one(&c, frame_data_sequence_find(c.prov.frames, n), TRUE, t);
            g_ptr_array_add(in_order, g_string_free(t, FALSE));
        }
        if (load == 0) {
            reference = in_order;
            for (guint32 n = 0; n < c.count; n++)
                lab_frames += ((char *)g_ptr_array_index(reference, n))[0] != '\0';
            if (dump)
                for (guint32 n = 0; n < c.count; n++)
                    printf("frame %u\n%s", n + 1, (char *)g_ptr_array_index(reference, n));
        } else {
            if (in_order->len != reference->len) {
                printf("reload %u: %u frames, first load had %u\n", load, in_order->len, reference->len);
                differences++;
            }
            for (guint32 n = 0; n < in_order->len && n < reference->len; n++) {
                compared++;
                if (strcmp(g_ptr_array_index(in_order, n), g_ptr_array_index(reference, n)) != 0) {
                    if (differences++ < 5)
                        printf("frame %u differs after reload %u (first pass with %s tree):\n--- first load\n%s"
                               "--- after reload\n%s", n + 1, load, load % 2 ? "a full visible" : "the primed",
                               (char *)g_ptr_array_index(reference, n), (char *)g_ptr_array_index(in_order, n));
                }
            }
            g_ptr_array_free(in_order, TRUE);
        }

        /* the clicks: every frame once in a random order, plus random repeats */
        for (unsigned r = 0; r < rounds && c.count > 0; r++) {
            guint32 total = c.count + c.count / 2;
            guint32 *order = g_new(guint32, total);
            for (guint32 n = 0; n < c.count; n++)
                order[n] = n + 1;
            for (guint32 n = c.count; n < total; n++)
                order[n] = (guint32)g_rand_int_range(rng, 1, (gint32)c.count + 1);
            for (guint32 n = total - 1; n > 0; n--) {
                guint32 k = (guint32)g_rand_int_range(rng, 0, (gint32)n + 1), t = order[n];
                order[n] = order[k];
                order[k] = t;
            }
            for (guint32 n = 0; n < total; n++) {
                GString *t = g_string_new(NULL);
                dissect_one(&c, frame_data_sequence_find(c.prov.frames, order[n]), TRUE, t);
                compared++;
                const char *want = g_ptr_array_index(reference, order[n] - 1);
                if (strcmp(t->str, want) != 0 && differences++ < 5)
                    printf("frame %u differs when dissected as click %u of round %u (after frame %u):\n"
                           "--- in order\n%s--- now\n%s",
                           order[n], n + 1, r + 1, n ? order[n - 1] : 0, want, t->str);
                g_string_free(t, TRUE);
            }
            g_free(order);
        }
        close_capture(&c);
    }

    printf("%s: %u frames (%lu with a Lab Handshake subtree), %u click rounds, %u reloads, %lu dissections compared,"
           " %lu differences\n", path, frames, lab_frames, rounds, reloads, compared, differences);
    g_ptr_array_free(reference, TRUE);
    g_rand_free(rng);
    epan_cleanup();
    wtap_cleanup();
    if (rmdir(home) != 0) {
        /* prefs may have written a file: leave it */
    }
    if (require_lab && lab_frames == 0 && frames > 0) {
        printf("no frame had a Lab Handshake subtree: the plugin did not run\n");
        return 1;
    }
    return differences ? 1 : 0;
}
