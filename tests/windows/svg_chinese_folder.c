/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Windows only (.ci/windows-core.sh runs it under Wine): the core's SVG ladder of a small
 * connection (handshake, one HTTP exchange, four-way close, words in Chinese) written into
 * a folder with a Chinese name, C:\users\张三\实验\ladder.svg, then read back and compared
 * byte for byte.
 *
 * The path is UTF-8, as every path in the plugin is. Windows' narrow file functions (fopen,
 * _mkdir) read a path in the ANSI code page, which cannot spell 张三 on most machines, so
 * the path is converted to UTF-16 with MultiByteToWideChar(CP_UTF8) and the wide functions
 * (_wmkdir, _wfopen) are used. The plugin itself writes its files through GLib's g_fopen and
 * makes the folder with g_mkdir_with_parents (plugin/lab_ladder.c): on Windows those do this
 * same conversion and call _wfopen/_wmkdir, which is what this program checks works. */
#include "lab_analyzer.h"
#include "lab_ladder.h"
#include "lab_msg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <direct.h>
#include <windows.h>

#define FOLDER_1 "C:\\users\\张三"
#define FOLDER_2 FOLDER_1 "\\实验"
#define SVG_PATH FOLDER_2 "\\ladder.svg"

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("svg_chinese_folder: FAILED: %s\n", what);
        failures++;
    }
}

/* UTF-8 to UTF-16 (malloc'd), or NULL when the bytes are not UTF-8. */
static wchar_t *widen(const char *utf8)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, NULL, 0);
    if (n <= 0)
        return NULL;
    wchar_t *w = malloc((size_t)n * sizeof(*w));
    if (w && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, utf8, -1, w, n) != n) {
        free(w);
        w = NULL;
    }
    return w;
}

static bool make_folder(const char *utf8)
{
    wchar_t *w = widen(utf8);
    bool ok = w && (_wmkdir(w) == 0 || errno == EEXIST);
    free(w);
    return ok;
}

static uint32_t frame;
static double now;

static void send_segment(lab_analyzer *an, lab_ladder *l, unsigned dir, uint8_t flags, uint32_t seq, uint32_t ack,
                 uint32_t len, const char *http, uint16_t status)
{
    static const uint32_t isn[2] = { 1000, 5000 };
    static const uint16_t port[2] = { 40000, 80 };
    lab_segment seg;
    memset(&seg, 0, sizeof(seg));
    seg.frame = ++frame;
    now += 0.001;
    seg.time = now;
    seg.addr_len = 4;
    const uint8_t addr[2][4] = { { 192, 0, 2, 10 }, { 192, 0, 2, 20 } };
    memcpy(seg.src_addr, addr[dir], 4);
    memcpy(seg.dst_addr, addr[dir ^ 1u], 4);
    seg.src_port = port[dir];
    seg.dst_port = port[dir ^ 1u];
    seg.seq_raw = isn[dir] + seq;
    seg.ack_raw = (flags & LAB_TCP_ACK) ? isn[dir ^ 1u] + ack : 0;
    seg.len = len;
    seg.window = 512;
    seg.flags = flags;
    lab_annotation a;
    check(lab_analyze_segment(an, &seg, &a) == 0, "lab_analyze_segment");
    lab_ladder_seg *s = lab_ladder_add(l, seg.frame, seg.time, &a);
    check(s != NULL, "lab_ladder_add");
    if (s && (http || status))
        check(lab_ladder_add_http(s, status == 0, status, 1, http), "lab_ladder_add_http");
}

int main(void)
{
    lab_msg_set_language(LAB_LANG_ZH_CN);
    lab_analyzer *an = lab_analyzer_new();
    if (!an)
        return 2;
    lab_ladder l;
    lab_ladder_init(&l, 0, 0, "192.0.2.10:40000", "192.0.2.20:80");
    const unsigned c2s = LAB_DIR_C2S, s2c = LAB_DIR_S2C;
    const uint8_t syn = LAB_TCP_SYN, ack = LAB_TCP_ACK, fin = LAB_TCP_FIN, psh = LAB_TCP_PSH;
    send_segment(an, &l, c2s, syn, 0, 0, 0, NULL, 0);
    send_segment(an, &l, s2c, syn | ack, 0, 1, 0, NULL, 0);
    send_segment(an, &l, c2s, ack, 1, 1, 0, NULL, 0);
    send_segment(an, &l, c2s, psh | ack, 1, 1, 100, "GET /实验.html", 0);
    send_segment(an, &l, s2c, psh | ack, 1, 101, 500, NULL, 200);
    send_segment(an, &l, c2s, ack, 101, 501, 0, NULL, 0);
    send_segment(an, &l, c2s, fin | ack, 101, 501, 0, NULL, 0);
    send_segment(an, &l, s2c, ack, 501, 102, 0, NULL, 0);
    send_segment(an, &l, s2c, fin | ack, 501, 102, 0, NULL, 0);
    send_segment(an, &l, c2s, ack, 102, 502, 0, NULL, 0);
    check(lab_ladder_layout(&l), "lab_ladder_layout");

    lab_ladder_out svg;
    lab_ladder_out_init(&svg);
    lab_ladder_write_svg(&l, "张三的实验.pcapng", &svg);
    check(!svg.failed && svg.data != NULL, "the SVG is written in memory");
    check(svg.data && strstr(svg.data, "张三的实验.pcapng") != NULL, "the SVG names the capture in Chinese");
    check(svg.data && strstr(svg.data, "</svg>\n") != NULL, "the SVG is complete");

    check(make_folder(FOLDER_1), "_wmkdir " FOLDER_1);
    check(make_folder(FOLDER_2), "_wmkdir " FOLDER_2);
    wchar_t *path = widen(SVG_PATH);
    check(path != NULL, "MultiByteToWideChar(CP_UTF8) of " SVG_PATH);
    FILE *f = path ? _wfopen(path, L"wb") : NULL;
    check(f != NULL, "_wfopen(wb) " SVG_PATH);
    if (f && svg.data) {
        check(fwrite(svg.data, 1, svg.len, f) == svg.len, "fwrite");
        check(fclose(f) == 0, "fclose after writing");
    } else if (f) {
        fclose(f);
    }

    /* read back: the same bytes (binary mode both ways: no \n to \r\n on the way) */
    f = path ? _wfopen(path, L"rb") : NULL;
    check(f != NULL, "_wfopen(rb) " SVG_PATH);
    size_t got = 0;
    char *back = malloc(svg.len + 1);
    if (f && back) {
        got = fread(back, 1, svg.len + 1, f);
        fclose(f);
        check(got == svg.len && svg.data && memcmp(back, svg.data, svg.len) == 0,
              "the bytes read back are the bytes written");
    }
    if (failures == 0)
        printf("svg_chinese_folder: %zu bytes written to %s and read back identical\n", svg.len, SVG_PATH);
    free(back);
    free(path);
    lab_ladder_out_free(&svg);
    lab_ladder_free(&l);
    lab_analyzer_free(an);
    return failures ? 1 : 0;
}
