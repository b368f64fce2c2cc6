/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Re-dissection in a shuffled frame order, as a GUI user clicking around a capture.
 *
 *   lab_redissect --plugin PLUGIN.so [--rounds N] [--seed S] [--reloads N] [--dump] [--require-lab] CAPTURE
 *   lab_redissect --plugin PLUGIN.so [options above] [--reload-rounds N] [--index-base B] [--reload-every K]
 *                 [--file-timeout T] --batch LIST|-
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
 * Batch mode (--batch, for the capture fuzzer, in the style of Wireshark's fuzzshark): the
 * capture files named in LIST (one path a line; "-": standard input) all go through the
 * same checks in this one process, so libwireshark and the plugin are initialised once
 * instead of once per file. A file that cannot be read does not end the run. Around every
 * file it prints, flushed,
 *     BEGIN <path>
 *     ...the file's messages, its summary line...
 *     END <path> ok|drift|lab-bug|unreadable|nolab frames=N lab=L compared=C differences=D lab_bugs=B seed=S
 * so that when the process dies (a sanitizer abort, a signal) or hangs, the last BEGIN
 * without its END names the file. Statuses: drift — a subtree differed; lab-bug — a visible
 * tree had a "[Dissector bug, protocol <Lab>" or "[Malformed Packet: <Lab>" item (an
 * exception out of the plugin, which epan catches); unreadable — wiretap could not open the
 * file, or could not read a frame again (a read error part-way through the first pass is not
 * that: the frames read so far are checked, as the GUI shows them); nolab — with
 * --require-lab, frames but no Lab subtree. File k of the list (k from 0) has the index
 * B + k and uses the seed S + B + k, printed in its END line. With --reload-every K only the
 * files whose index is a multiple of K get the --reloads, the others are loaded once (a
 * reload costs about as much as the first load, and a fuzzer would rather see more files).
 * `--seed <that seed> PATH`, with the same --rounds and --reload-rounds and the --reloads
 * the file had (its summary line says), repeats a file alone, but with the name-resolution
 * files (see get_datafile_path below). With --file-timeout T (seconds) the process is ended
 * by SIGALRM when one file takes longer. Standard output is line-buffered in batch mode, so
 * run it with 2>&1 to keep each file's standard error (wiretap's and the sanitizers'
 * reports) between its BEGIN and END. Exits 0 when every file was ok or unreadable, 1 when
 * one had another status, 2 on a usage or setup error.
 *
 * --reload-rounds N (either mode): the click rounds after each reload (default: --rounds).
 * With 0 a reload is checked by its in-order pass alone, which halves its cost; the capture
 * fuzzer's fast mode uses that, the clicks of the first load already test the order.
 *
 * The plugin is dlopen'ed and registered directly (plugin_register) before epan_init, so
 * neither the personal plugin folder nor the user (root is fine) matters. */
#define _GNU_SOURCE 1 /* mkdtemp, setenv, getline */
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
#include <wsutil/filesystem.h>
#include <wsutil/privileges.h>
#include <wsutil/wslog.h>

#include "redissect_compat.h" /* the differences between 4.0, 4.4 and 4.6 */

/* ---- name-resolution files, in batch mode ---- */

/* Wireshark 4.0 reads and parses its name-resolution files again every time a file is
 * opened (epan_new -> host_name_lookup_reset): manuf, wka, services and enterprises.tsv,
 * some 60 ms per load with the ASan runtime, and about 11 MB that only epan_cleanup gives
 * back. In a batch of hundreds of files that would be most of the time and all the memory,
 * so batch mode answers those four names with a path that does not exist: MAC addresses,
 * ports and enterprise numbers are then shown as numbers (as with tshark -n), which the Lab
 * subtree does not depend on. This definition overrides libwsutil's for libwireshark,
 * which calls it through its PLT; the single-file command keeps the real files. */
static gboolean skip_name_files;

char *get_datafile_path(const char *filename)
{
    static char *(*real)(const char *);
    if (skip_name_files && (strcmp(filename, "manuf") == 0 || strcmp(filename, "wka") == 0 ||
                            strcmp(filename, "services") == 0 || strcmp(filename, "enterprises.tsv") == 0))
        return g_strdup("/nonexistent/lab-redissect-batch/skipped-name-file");
    if (!real)
        real = (char *(*)(const char *))dlsym(RTLD_NEXT, "get_datafile_path");
    return real ? real(filename) : g_build_filename(get_datafile_dir(), filename, (char *)NULL);
}

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

static const struct packet_provider_funcs provider_funcs = { /* (4.6 has more, all optional) */
    .get_frame_ts = get_frame_ts,
    .get_interface_name = lab_provider_unknown_interface,
    .get_interface_description = lab_provider_unknown_interface,
};

static int proto_lab = -1;

/* The starts of the labels epan gives the items it adds when an exception leaves the plugin
 * ("[Dissector bug, protocol Lab Handshake: …]", "[Malformed Packet: Lab Handshake]"):
 * tshark shows them and goes on, so they are looked for in every visible tree. */
static char *lab_bug_label, *lab_malformed_label;

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
        lab_fill_label(fi, label);
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

/* Counts the top-level items that say an exception left the plugin (epan adds them to the
 * top of the tree, next to the protocols). */
static void count_lab_bugs(proto_node *node, gpointer data)
{
    field_info *fi = PNODE_FINFO(node);
    if (!fi || !fi->rep)
        return;
    const char *label = fi->rep->representation;
    if (strstr(label, lab_bug_label) || strstr(label, lab_malformed_label))
        (*(unsigned long *)data)++;
}

/* ---- reading and dissecting ---- */

typedef struct capture {
    struct packet_provider_data prov;
    epan_t *session;
    int file_type;
    guint32 count;
    lab_record rec; /* the record being dissected, with its bytes */
    unsigned long lab_bugs; /* items counted by count_lab_bugs */
} capture;

/* Dissects a frame of the first pass again with a visible tree, appending its Lab subtree to
 * *text. FALSE when the frame cannot be read again (the message is printed). */
static gboolean dissect_one(capture *c, frame_data *fd, GString *text)
{
    int err = 0;
    gchar *err_info = NULL;
    wtap_rec_reset(&c->rec.rec);
    if (!lab_record_seek_read(c->prov.wth, fd->file_off, &c->rec, &err, &err_info)) {
        fprintf(stderr, "frame %u: cannot read it again: %s\n", fd->num, err_info ? err_info : wtap_strerror(err));
        g_free(err_info);
        return FALSE;
    }
    epan_dissect_t edt;
    epan_dissect_init(&edt, c->session, TRUE, TRUE);
    lab_dissect_record(&edt, c->file_type, &c->rec, fd);
    if (edt.tree) {
        proto_tree_children_foreach(edt.tree, find_lab, text);
        proto_tree_children_foreach(edt.tree, count_lab_bugs, &c->lab_bugs);
    }
    epan_dissect_cleanup(&edt);
    c->prov.prev_dis = fd;
    return TRUE;
}

/* Opens the file and runs the first pass: with only the fields the postdissector asks for
 * (the GUI, tshark -2), or with a full visible tree (single-pass tshark -V). FALSE when
 * wiretap cannot open the file (the message is printed; nothing to close). */
static gboolean open_capture(capture *c, const char *path, gboolean full_tree)
{
    int err = 0;
    gchar *err_info = NULL;
    memset(c, 0, sizeof(*c));
    c->prov.wth = wtap_open_offline(path, WTAP_TYPE_AUTO, &err, &err_info, TRUE);
    if (!c->prov.wth) {
        fprintf(stderr, "%s: %s\n", path, err_info ? err_info : wtap_strerror(err));
        g_free(err_info);
        return FALSE;
    }
    c->file_type = wtap_file_type_subtype(c->prov.wth);
    c->prov.frames = new_frame_data_sequence();
    c->session = epan_new(&c->prov, &provider_funcs);
    lab_record_init(&c->rec);

    nstime_t elapsed;
    nstime_set_zero(&elapsed);
    guint32 cum_bytes = 0;
    gint64 offset;
    frame_data ref_frame;
    while (lab_record_read(c->prov.wth, &c->rec, &err, &err_info, &offset)) {
        frame_data fd;
        c->count++;
        frame_data_init(&fd, c->count, &c->rec.rec, offset, cum_bytes);
        frame_data_set_before_dissect(&fd, &elapsed, &c->prov.ref, c->prov.prev_dis);
        if (c->prov.ref == &fd) {
            ref_frame = fd;
            c->prov.ref = &ref_frame;
        }
        epan_dissect_t edt;
        epan_dissect_init(&edt, c->session, TRUE, full_tree);
        /* as cf_read and tshark do on every first pass; without it the postdissector
         * finds none of the fields it reads, visible tree or not */
        lab_prime_first_pass(&edt);
        lab_dissect_record(&edt, c->file_type, &c->rec, &fd);
        epan_dissect_cleanup(&edt);
        frame_data_set_after_dissect(&fd, &cum_bytes);
        c->prov.prev_dis = frame_data_sequence_add(c->prov.frames, &fd);
        if (c->prov.ref == &ref_frame) {
            ref_frame = *c->prov.prev_dis;
            c->prov.ref = c->prov.prev_dis;
        }
        wtap_rec_reset(&c->rec.rec);
    }
    if (err != 0) /* a cut or damaged file: the frames read so far are what the GUI shows */
        fprintf(stderr, "%s: read stopped after %u frames: %s\n", path, c->count,
                err_info ? err_info : wtap_strerror(err));
    g_free(err_info);
    return TRUE;
}

static void close_capture(capture *c)
{
    epan_free(c->session);
    for (guint32 i = 1; i <= c->count; i++)
        frame_data_destroy(frame_data_sequence_find(c->prov.frames, i));
    free_frame_data_sequence(c->prov.frames);
    wtap_close(c->prov.wth);
    lab_record_cleanup(&c->rec);
}

/* ---- the checks of one file ---- */

typedef struct options {
    unsigned rounds, reloads, reload_rounds; /* reload_rounds: click rounds after a reload */
    gboolean dump, require_lab;
} options;

typedef struct file_result {
    guint32 seed, frames;
    unsigned long lab_frames, compared, differences, lab_bugs;
    gboolean unreadable;
} file_result;

/* The in-order pass: the Lab text of every frame, in frame order, into texts. */
static gboolean in_order_pass(capture *c, GPtrArray *texts)
{
    for (guint32 n = 1; n <= c->count; n++) {
        GString *t = g_string_new(NULL);
        gboolean ok = dissect_one(c, frame_data_sequence_find(c->prov.frames, n), t);
        g_ptr_array_add(texts, g_string_free(t, FALSE));
        if (!ok)
            return FALSE;
    }
    return TRUE;
}

/* After a reload: the in-order texts must be the first load's. */
static void compare_reload(unsigned load, GPtrArray *in_order, GPtrArray *reference, file_result *r)
{
    if (in_order->len != reference->len) {
        printf("reload %u: %u frames, first load had %u\n", load, in_order->len, reference->len);
        r->differences++;
    }
    for (guint32 n = 0; n < in_order->len && n < reference->len; n++) {
        r->compared++;
        if (strcmp(g_ptr_array_index(in_order, n), g_ptr_array_index(reference, n)) != 0) {
            if (r->differences++ < 5)
                printf("frame %u differs after reload %u (first pass with %s tree):\n--- first load\n%s"
                       "--- after reload\n%s", n + 1, load, load % 2 ? "a full visible" : "the primed",
                       (char *)g_ptr_array_index(reference, n), (char *)g_ptr_array_index(in_order, n));
        }
    }
}

/* Every frame once in a random order plus half as many random repeats. */
static guint32 *click_order(GRand *rng, guint32 count, guint32 *total)
{
    *total = count + count / 2;
    guint32 *order = g_new(guint32, *total);
    for (guint32 n = 0; n < count; n++)
        order[n] = n + 1;
    for (guint32 n = count; n < *total; n++)
        order[n] = (guint32)g_rand_int_range(rng, 1, (gint32)count + 1);
    for (guint32 n = *total - 1; n > 0; n--) {
        guint32 k = (guint32)g_rand_int_range(rng, 0, (gint32)n + 1), t = order[n];
        order[n] = order[k];
        order[k] = t;
    }
    return order;
}

/* The rounds of clicks, each frame's text compared with the reference. */
static gboolean click_rounds(capture *c, unsigned rounds, GRand *rng, GPtrArray *reference, file_result *r)
{
    for (unsigned round = 0; round < rounds && c->count > 0; round++) {
        guint32 total;
        guint32 *order = click_order(rng, c->count, &total);
        gboolean ok = TRUE;
        for (guint32 n = 0; n < total && ok; n++) {
            GString *t = g_string_new(NULL);
            ok = dissect_one(c, frame_data_sequence_find(c->prov.frames, order[n]), t);
            if (ok)
                r->compared++;
            /* a reload that read more frames than the first load was counted as a
             * difference already; its extra frames have nothing to be compared with */
            const char *want = order[n] <= reference->len ? g_ptr_array_index(reference, order[n] - 1) : "";
            if (ok && strcmp(t->str, want) != 0 && r->differences++ < 5)
                printf("frame %u differs when dissected as click %u of round %u (after frame %u):\n"
                       "--- in order\n%s--- now\n%s",
                       order[n], n + 1, round + 1, n ? order[n - 1] : 0, want, t->str);
            g_string_free(t, TRUE);
        }
        g_free(order);
        if (!ok)
            return FALSE;
    }
    return TRUE;
}

/* One load of the file: the first pass, the in-order pass, the clicks. The first load's
 * in-order texts become *reference, later loads are compared with them. FALSE when the
 * file could not be opened or a frame could not be read again. */
static gboolean check_load(const char *path, unsigned load, const options *o, GRand *rng, GPtrArray **reference,
                           file_result *r)
{
    capture c;
    if (!open_capture(&c, path, load % 2 == 1))
        return FALSE;
    r->frames = c.count;
    GPtrArray *in_order = g_ptr_array_new_with_free_func(g_free);
    gboolean ok = in_order_pass(&c, in_order);
    if (ok && load == 0) {
        *reference = in_order;
        in_order = NULL;
        for (guint32 n = 0; n < c.count; n++)
            r->lab_frames += ((char *)g_ptr_array_index(*reference, n))[0] != '\0';
        if (o->dump)
            for (guint32 n = 0; n < c.count; n++)
                printf("frame %u\n%s", n + 1, (char *)g_ptr_array_index(*reference, n));
    } else if (ok) {
        compare_reload(load, in_order, *reference, r);
    }
    if (ok)
        ok = click_rounds(&c, load == 0 ? o->rounds : o->reload_rounds, rng, *reference, r);
    if (in_order)
        g_ptr_array_free(in_order, TRUE);
    r->lab_bugs += c.lab_bugs;
    close_capture(&c);
    return ok;
}

/* All the checks of one file, with the random clicks of r->seed. FALSE (and r->unreadable)
 * when the file could not be read. */
static gboolean check_file(const char *path, const options *o, file_result *r)
{
    GRand *rng = g_rand_new_with_seed(r->seed);
    GPtrArray *reference = NULL;
    gboolean readable = TRUE;
    for (unsigned load = 0; load <= o->reloads && readable; load++)
        readable = check_load(path, load, o, rng, &reference, r);
    if (reference)
        g_ptr_array_free(reference, TRUE);
    g_rand_free(rng);
    r->unreadable = !readable;
    return readable;
}

static void print_summary(const char *path, const options *o, const file_result *r)
{
    printf("%s: %u frames (%lu with a Lab Handshake subtree), %u click rounds, %u reloads, %lu dissections compared,"
           " %lu differences\n", path, r->frames, r->lab_frames, o->rounds, o->reloads, r->compared, r->differences);
}

/* ---- one file, or a batch ---- */

/* The single-file command: exit codes as documented at the top. */
static int run_single(const char *path, const options *o, guint32 seed)
{
    file_result r = { .seed = seed };
    if (!check_file(path, o, &r))
        return 2;
    print_summary(path, o, &r);
    if (o->require_lab && r.lab_frames == 0 && r.frames > 0) {
        printf("no frame had a Lab Handshake subtree: the plugin did not run\n");
        return 1;
    }
    return r.differences ? 1 : 0;
}

/* A difference outweighs the rest: it is what this program is for. A frame that could not
 * be read again ends the checks, but what was found before still counts. */
static const char *file_status(const file_result *r, const options *o)
{
    if (r->differences)
        return "drift";
    if (r->lab_bugs)
        return "lab-bug";
    if (r->unreadable)
        return "unreadable";
    if (o->require_lab && r->lab_frames == 0 && r->frames > 0)
        return "nolab";
    return "ok";
}

/* Strips the line end; FALSE for an empty line. */
static gboolean chomp(char *line)
{
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
    return len > 0;
}

static int run_batch(const char *list, const options *o, guint32 seed, guint32 index_base, unsigned reload_every,
                     unsigned file_timeout)
{
    FILE *in = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
    if (!in) {
        perror(list);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    guint32 index = index_base;
    unsigned long files = 0, ok = 0, unreadable = 0, bad = 0;
    while (getline(&line, &cap, in) >= 0) {
        if (!chomp(line))
            continue;
        options fo = *o;
        if (reload_every > 1 && index % reload_every != 0)
            fo.reloads = 0;
        file_result r = { .seed = seed + index++ };
        printf("BEGIN %s\n", line);
        fflush(stdout);
        alarm(file_timeout); /* 0: none */
        check_file(line, &fo, &r);
        alarm(0);
        if (!r.unreadable)
            print_summary(line, &fo, &r);
        const char *status = file_status(&r, &fo);
        printf("END %s %s frames=%u lab=%lu compared=%lu differences=%lu lab_bugs=%lu seed=%u\n", line, status,
               r.frames, r.lab_frames, r.compared, r.differences, r.lab_bugs, r.seed);
        fflush(stdout);
        files++;
        if (strcmp(status, "ok") == 0)
            ok++;
        else if (strcmp(status, "unreadable") == 0)
            unreadable++;
        else
            bad++;
    }
    free(line);
    if (in != stdin)
        fclose(in);
    printf("batch: %lu files, %lu ok, %lu unreadable, %lu with a problem\n", files, ok, unreadable, bad);
    return bad ? 1 : 0;
}

/* ---- setting up libwireshark with the plugin ---- */

/* FALSE on an error (printed). */
static gboolean start_epan(const char *plugin_path)
{
    void *so = dlopen(plugin_path, RTLD_NOW | RTLD_GLOBAL);
    if (!so) {
        fprintf(stderr, "%s\n", dlerror());
        return FALSE;
    }
    void (*plugin_register)(void) = (void (*)(void))dlsym(so, "plugin_register");
    if (!plugin_register) {
        fprintf(stderr, "%s: no plugin_register\n", plugin_path);
        return FALSE;
    }

    lab_log_init("lab_redissect");
    ws_log_set_level(LOG_LEVEL_WARNING);
    init_process_policies();
    relinquish_special_privs_perm();
    wtap_init(FALSE);
    plugin_register(); /* before epan_init, which registers the plugins' protocols */
    if (!epan_init(NULL, NULL, FALSE)) {
        fprintf(stderr, "epan_init failed\n");
        return FALSE;
    }
    epan_load_settings();
    prefs_apply_all();
    proto_lab = proto_get_id_by_filter_name("lab");
    if (proto_lab < 0) {
        fprintf(stderr, "%s: the plugin registered no \"lab\" protocol\n", plugin_path);
        return FALSE;
    }
    const char *name = proto_get_protocol_short_name(find_protocol_by_id(proto_lab));
    lab_bug_label = g_strdup_printf("[Dissector bug, protocol %s", name);
    lab_malformed_label = g_strdup_printf("[Malformed Packet: %s", name);
    return TRUE;
}

static void usage(void)
{
    fprintf(stderr, "usage: lab_redissect --plugin PLUGIN.so [--rounds N] [--seed S] [--reloads N] [--dump]"
                    " [--require-lab] CAPTURE\n"
                    "       lab_redissect --plugin PLUGIN.so [same options] [--reload-rounds N] [--index-base B]"
                    " [--reload-every K] [--file-timeout T] --batch LIST|-\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *plugin_path = NULL, *path = NULL, *batch = NULL;
    options o = { .rounds = 3, .reloads = 1 };
    long reload_rounds = -1; /* default: --rounds */
    guint32 seed = 1, index_base = 0;
    unsigned file_timeout = 0, reload_every = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--plugin") == 0 && i + 1 < argc)
            plugin_path = argv[++i];
        else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            o.rounds = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = (guint32)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--reloads") == 0 && i + 1 < argc)
            o.reloads = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--dump") == 0)
            o.dump = TRUE;
        else if (strcmp(argv[i], "--require-lab") == 0)
            o.require_lab = TRUE;
        else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc)
            batch = argv[++i];
        else if (strcmp(argv[i], "--index-base") == 0 && i + 1 < argc)
            index_base = (guint32)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--reload-rounds") == 0 && i + 1 < argc)
            reload_rounds = (long)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--reload-every") == 0 && i + 1 < argc)
            reload_every = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--file-timeout") == 0 && i + 1 < argc)
            file_timeout = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (argv[i][0] != '-' && !path)
            path = argv[i];
        else
            usage();
    }
    if (!plugin_path || !path == !batch)
        usage();
    o.reload_rounds = reload_rounds < 0 ? o.rounds : (unsigned)reload_rounds;
    if (batch) {
        setvbuf(stdout, NULL, _IOLBF, 0); /* each line out as it is written, in order with stderr */
        skip_name_files = TRUE;
    }

    /* No user's preferences or profiles: a throwaway HOME. */
    char home[] = "/tmp/lab-redissect.XXXXXX";
    if (!mkdtemp(home)) {
        perror("mkdtemp");
        return 2;
    }
    setenv("HOME", home, 1);
    unsetenv("WIRESHARK_CONFIG_DIR");

    if (!start_epan(plugin_path))
        return 2;
    int rc = batch ? run_batch(batch, &o, seed, index_base, reload_every, file_timeout) : run_single(path, &o, seed);
    epan_cleanup();
    wtap_cleanup();
    g_free(lab_bug_label);
    g_free(lab_malformed_label);
    if (rmdir(home) != 0) {
        /* prefs may have written a file: leave it */
    }
    return rc;
}
