/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A map from a 64-bit key (a tcp.stream index, or an endpoint hash) to a fixed-size value. */
#ifndef LAB_STREAM_TABLE_H
#define LAB_STREAM_TABLE_H

#include <stddef.h>
#include <stdint.h>

typedef struct lab_stream_table lab_stream_table;

lab_stream_table *lab_stream_table_new(size_t value_size);
void lab_stream_table_free(lab_stream_table *t);

/* The zero-initialised value for `key`, created on first use; NULL if out of memory. */
void *lab_stream_table_get(lab_stream_table *t, uint64_t key, int *created);

/* The value for `key` if it exists, else NULL. */
void *lab_stream_table_find(const lab_stream_table *t, uint64_t key);

size_t lab_stream_table_count(const lab_stream_table *t);

/* Calls fn for every value, in no particular order. */
void lab_stream_table_each(lab_stream_table *t, void (*fn)(void *value, void *ctx), void *ctx);

#endif
