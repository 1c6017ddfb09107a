/* cand_cache.c - candidate lists remembered by token, per context. */
#include "cand_cache.h"

#include <stdlib.h>
#include <string.h>

typedef struct entry {
    size_t key_off; /* in keys */
    size_t key_len;
    ppi_cand_list list;
} entry;

struct ppi_cand_cache {
    const pp_model *model;
    uint64_t checksum; /* of model: a new model at a freed one's address differs */
    entry *v;          /* entries in order of arrival */
    size_t n, cap;
    uint32_t *slots;   /* open addressing: index + 1 into v, 0 empty */
    size_t nslots;     /* power of two, >= 2 * cap */
    ppi_buf keys;
};

static void clear(ppi_cand_cache *c)
{
    c->n = 0;
    c->keys.len = 0;
    if (c->slots)
        memset(c->slots, 0, c->nslots * sizeof *c->slots);
}

void ppi_cand_cache_free(ppi_cand_cache *c)
{
    if (!c)
        return;
    free(c->v);
    free(c->slots);
    ppi_buf_free(&c->keys);
    free(c);
}

static void free_in_ctx(void *c)
{
    ppi_cand_cache_free(c);
}

ppi_cand_cache *ppi_cand_cache_for(pp_ctx *ctx, const pp_model *m)
{
    ppi_cand_cache *c = ctx ? ctx->restore_cache : NULL;
    if (!c) {
        if (!(c = calloc(1, sizeof *c)))
            return NULL;
        if (ctx) {
            ctx->restore_cache = c;
            ctx->free_restore_cache = free_in_ctx;
        }
    }
    if (c->model != m || c->checksum != m->h->checksum || c->n >= PPI_CAND_CACHE_MAX) {
        clear(c);
        c->model = m;
        c->checksum = m->h->checksum;
    }
    return c;
}

/* The slot where key is or would go. */
static uint32_t *slot_of(const ppi_cand_cache *c, const char *key, size_t len)
{
    size_t j = ppm_hash_str(key, len) & (c->nslots - 1);
    for (;; j = (j + 1) & (c->nslots - 1)) {
        uint32_t at = c->slots[j];
        if (!at)
            return &c->slots[j];
        const entry *e = &c->v[at - 1];
        if (e->key_len == len && memcmp(c->keys.data + e->key_off, key, len) == 0)
            return &c->slots[j];
    }
}

const ppi_cand_list *ppi_cand_cache_find(const ppi_cand_cache *c, const char *key, size_t len)
{
    if (!c->nslots)
        return NULL;
    uint32_t at = *slot_of(c, key, len);
    return at ? &c->v[at - 1].list : NULL;
}

/* Doubles the entries and rehashes them. c->cap grows only once the new
   slots exist: a larger entry array under the old slots would fill them. */
static int grow(ppi_cand_cache *c)
{
    size_t cap = c->cap;
    entry *v = ppi_grow(c->v, &cap, sizeof *v, 512);
    if (!v)
        return PP_ERR_NOMEM;
    c->v = v;
    uint32_t *slots = calloc(cap * 2, sizeof *slots);
    if (!slots)
        return PP_ERR_NOMEM;
    c->cap = cap;
    free(c->slots);
    c->slots = slots;
    c->nslots = cap * 2;
    for (size_t i = 0; i < c->n; i++)
        *slot_of(c, c->keys.data + c->v[i].key_off, c->v[i].key_len) = (uint32_t)(i + 1);
    return PP_OK;
}

int ppi_cand_cache_add(ppi_cand_cache *c, const char *key, size_t len, const ppi_cand_list *list)
{
    if (c->n == c->cap && grow(c) != PP_OK)
        return PP_ERR_NOMEM;
    size_t off = c->keys.len;
    if (ppi_buf_append(&c->keys, key, len) != PP_OK)
        return PP_ERR_NOMEM;
    c->v[c->n] = (entry){off, len, *list};
    *slot_of(c, key, len) = (uint32_t)(c->n + 1);
    c->n++;
    return PP_OK;
}
