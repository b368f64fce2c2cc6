/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The HTTP/1.x keep-alive rules (see docs/semantics.md, "HTTP"). */
#ifndef LAB_HTTP_H
#define LAB_HTTP_H

#include "lab_conn.h"

void lab_http_conn_init(lab_http_conn *http);

/* Whether the connection may be reused after a message with this version and these
 * Connection tokens, by RFC 9112 section 9.3; sets *reason when it may not. */
bool lab_http_persistent(const lab_http_message *m, uint8_t *reason);

/* One request or response, in the order the HTTP dissector showed them. */
void lab_http_rule(lab_http_conn *http, const lab_http_message *m, lab_http_annotation *out);

#endif
