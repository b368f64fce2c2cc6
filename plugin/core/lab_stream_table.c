/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Open addressing with linear probing. Values are stored out of line so pointers to them
 * stay valid while the table grows. */
#include "lab_stream_table.h"

#include <stdlib.h>

typedef struct slot {
    uint64_t key;
    void *value; /* NULL = empty */
} slot;

struct lab_stream_table {
    slot *slots;
    size_t capacity; /* a power of two */
    size_t count;
    size_t value_size;
};

static size_t hash(uint64_t key, size_t mask)
{
    /* stream indexes are dense; spread them so neighbours do not cluster */
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return (size_t)(key & mask);
}

lab_stream_table *lab_stream_table_new(size_t value_size)
{
    lab_stream_table *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->capacity = 64;
    t->value_size = value_size;
    t->slots = calloc(t->capacity, sizeof(slot));
    if (!t->slots) {
        free(t);
        return NULL;
    }
    return t;
}

void lab_stream_table_free(lab_stream_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->capacity; i++)
        free(t->slots[i].value);
    free(t->slots);
    free(t);
}

static slot *find_slot(slot *slots, size_t capacity, uint64_t key)
{
    size_t mask = capacity - 1;
    for (size_t i = hash(key, mask);; i = (i + 1) & mask) {
        if (!slots[i].value || slots[i].key == key)
            return &slots[i];
    }
}

static int grow(lab_stream_table *t)
{
    size_t capacity = t->capacity * 2;
    slot *slots = calloc(capacity, sizeof(slot));
    if (!slots)
        return -1;
    for (size_t i = 0; i < t->capacity; i++) {
        if (t->slots[i].value)
            *find_slot(slots, capacity, t->slots[i].key) = t->slots[i];
    }
    free(t->slots);
    t->slots = slots;
    t->capacity = capacity;
    return 0;
}

void *lab_stream_table_find(const lab_stream_table *t, uint64_t key)
{
    return find_slot(t->slots, t->capacity, key)->value;
}

void *lab_stream_table_get(lab_stream_table *t, uint64_t key, int *created)
{
    slot *s = find_slot(t->slots, t->capacity, key);
    if (created)
        *created = 0;
    if (s->value)
        return s->value;
    if ((t->count + 1) * 4 > t->capacity * 3) {
        if (grow(t) != 0)
            return NULL;
        s = find_slot(t->slots, t->capacity, key);
    }
    s->value = calloc(1, t->value_size);
    if (!s->value)
        return NULL;
    s->key = key;
    t->count++;
    if (created)
        *created = 1;
    return s->value;
}

size_t lab_stream_table_count(const lab_stream_table *t)
{
    return t->count;
}

void lab_stream_table_each(lab_stream_table *t, void (*fn)(void *value, void *ctx), void *ctx)
{
    for (size_t i = 0; i < t->capacity; i++) {
        if (t->slots[i].value)
            fn(t->slots[i].value, ctx);
    }
}
