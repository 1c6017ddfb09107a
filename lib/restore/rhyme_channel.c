/*
 * rhyme_channel.c - how OCR reads a syllable's rhyme as a whole.
 *
 * The letter channel (channel.c) prices each letter's reading on its own.
 * OCR's errors are not independent: "ực" is read as "y" (ư as y, c lost),
 * "ược" as "ugc", "ủa" as "la". pp-learn-channel counts every rhyme's
 * readings in the synthetic training pairs, and a word's channel cost is
 * the cheaper of its letters' and its rhyme's reading. The readings are
 * indexed here at model load: by OCR string, to propose the words, and by
 * (rhyme, OCR string), to price them.
 */
#include "rhyme_channel.h"

#include "../normalize/syllable.h"
#include "channel.h"

#include <stdlib.h>
#include <string.h>

struct ppi_rhyme_index {
    ppi_rhyme_reading *v; /* sorted by OCR string, then cost */
    uint32_t n;
    uint32_t *by_ocr;  /* hash of an OCR string: index + 1 of its first reading */
    uint32_t *by_pair; /* hash of (rhyme, OCR string): index + 1 */
    uint32_t mask;     /* hash size - 1, a power of two */
    float d_as_plain;  /* onset đ read as d */
};

static uint32_t pair_hash(const char *r, size_t rl, const char *o, size_t ol)
{
    uint64_t h = ppm_fnv1a(r, rl, PPM_FNV_SEED);
    h = ppm_fnv1a("\t", 1, h);
    h = ppm_fnv1a(o, ol, h);
    return (uint32_t)(h ^ (h >> 32));
}

static int cmp_by_ocr(const void *a, const void *b)
{
    const ppi_rhyme_reading *x = a, *y = b;
    int c = strcmp(x->ocr, y->ocr);
    return c ? c : (x->cost > y->cost) - (x->cost < y->cost);
}

static void put(uint32_t *table, uint32_t mask, uint32_t h, uint32_t value)
{
    for (h &= mask; table[h]; h = (h + 1) & mask)
        ;
    table[h] = value;
}

int ppi_index_rhymes(pp_model *m, pp_ctx *ctx)
{
    struct ppi_rhyme_index *x = calloc(1, sizeof *x);
    if (!x)
        return ppi_fail(ctx, PP_ERR_NOMEM, "out of memory");
    m->rhymes = x;
    uint32_t n = 0;
    for (uint32_t i = 0; i < m->h->nchannel; i++)
        n += m->strings[m->channel[i].truth] == '-';
    x->v = malloc(sizeof *x->v * (n ? n : 1));
    uint32_t size = 16;
    while (size < 2 * n)
        size *= 2;
    x->by_ocr = calloc(size, sizeof *x->by_ocr);
    x->by_pair = calloc(size, sizeof *x->by_pair);
    if (!x->v || !x->by_ocr || !x->by_pair)
        return ppi_fail(ctx, PP_ERR_NOMEM, "out of memory");
    x->mask = size - 1;
    for (uint32_t i = 0; i < m->h->nchannel; i++) {
        const char *t = m->strings + m->channel[i].truth, *o = m->strings + m->channel[i].ocr;
        if (t[0] == '-' && t[1])
            x->v[x->n++] = (ppi_rhyme_reading){t + 1, o, m->channel[i].cost};
    }
    qsort(x->v, x->n, sizeof *x->v, cmp_by_ocr);
    for (uint32_t i = 0; i < x->n; i++) {
        const ppi_rhyme_reading *r = &x->v[i];
        size_t ol = strlen(r->ocr);
        if (i == 0 || strcmp(x->v[i - 1].ocr, r->ocr) != 0)
            put(x->by_ocr, x->mask, ppm_hash_str(r->ocr, ol), i + 1);
        put(x->by_pair, x->mask, pair_hash(r->rhyme, strlen(r->rhyme), r->ocr, ol), i + 1);
    }
    float d = ppi_model_channel(m, 0x111, 'd', 0);
    x->d_as_plain = d >= 0 ? d : 0.35f;
    return PP_OK;
}

void ppi_free_rhymes(pp_model *m)
{
    if (!m->rhymes)
        return;
    free(m->rhymes->v);
    free(m->rhymes->by_ocr);
    free(m->rhymes->by_pair);
    free(m->rhymes);
    m->rhymes = NULL;
}

static int equal_n(const char *s, const char *p, size_t len)
{
    return strncmp(s, p, len) == 0 && s[len] == '\0';
}

int ppi_rhymes_read_as(const pp_model *m, const char *ocr, size_t len, const ppi_rhyme_reading **first)
{
    const struct ppi_rhyme_index *x = m->rhymes;
    *first = NULL;
    if (!x || !x->n)
        return 0;
    for (uint32_t h = ppm_hash_str(ocr, len) & x->mask; x->by_ocr[h]; h = (h + 1) & x->mask) {
        uint32_t i = x->by_ocr[h] - 1;
        if (!equal_n(x->v[i].ocr, ocr, len))
            continue;
        uint32_t j = i;
        while (j < x->n && strcmp(x->v[j].ocr, x->v[i].ocr) == 0)
            j++;
        *first = &x->v[i];
        return (int)(j - i);
    }
    return 0;
}

float ppi_rhyme_cost(const pp_model *m, const char *w, size_t wlen, const char *o, size_t olen)
{
    const struct ppi_rhyme_index *x = m->rhymes;
    if (!x || !x->n)
        return -1;
    size_t on = ppi_written_onset(w, wlen);
    int stroke = on == 2 && memcmp(w, "\xC4\x91", 2) == 0; /* đ, the one onset not in plain letters */
    size_t sk = stroke ? 1 : on;
    if (sk > olen || (stroke ? o[0] != 'd' : memcmp(o, w, on) != 0))
        return -1;
    const char *r = w + on, *rest = o + sk;
    size_t rl = wlen - on, restl = olen - sk;
    for (uint32_t h = pair_hash(r, rl, rest, restl) & x->mask; x->by_pair[h]; h = (h + 1) & x->mask) {
        const ppi_rhyme_reading *e = &x->v[x->by_pair[h] - 1];
        if (equal_n(e->rhyme, r, rl) && equal_n(e->ocr, rest, restl))
            return e->cost + (stroke ? x->d_as_plain : 0.0f);
    }
    return -1;
}
