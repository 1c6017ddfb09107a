/*
 * candidates.c - which words an OCR token may stand for.
 *
 * The token is lowercased and turned into variants by undoing typical OCR
 * readings ("6" -> "o", "ir" -> "u", "P" -> "d", ...), one or two at a
 * time; each variant's skeleton (no diacritics) and the skeletons one edit
 * away are looked up in the model's index. Every word found is scored by
 * the channel; the best few are kept, and the token itself always is.
 */
#include "candidates.h"

#include "../normalize/syllable.h"
#include "channel.h"

#include <stdlib.h>
#include <string.h>

/* OCR readings undone to make variants: what OCR wrote -> a plausible
   skeleton. A subset of the channel's look-alikes, the ones worth a
   look-up of their own. */
static const struct {
    const char *ocr;
    const char *skel;
} undo[] = {
    {"6", "o"}, {"0", "o"}, {"9", "o"}, {"d", "o"}, {"b", "o"}, {"e", "o"}, {"a", "o"},
    {"ir", "u"}, {"tr", "u"}, {"w", "u"}, {"ti", "u"}, {"li", "u"}, {"it", "u"}, {"ii", "u"},
    {"ci", "u"}, {"i", "u"}, {"a", "u"}, {"p", "d"}, {"b", "d"}, {"l", "i"}, {"1", "i"},
    {"1", "l"}, {"t", "i"}, {"ii", "a"}, {"4", "a"}, {"@", "a"}, {"o", "a"}, {"i", "a"},
    {"rn", "m"}, {"nn", "m"}, {"c", "e"}, {"a", "e"}, {"o", "e"}, {"5", "s"}, {"q", "g"},
    {"f", "t"}, {"li", "h"}, {"v", "y"}, {"v", "u"},
};

#define MAX_VARIANTS 64
#define MAX_FOUND 512

/* Words found so far, each with how it was found: 0 the token's own
   skeleton, 1 one OCR reading undone or one edit, 2 both. Only the best
   found are aligned letter by letter (MAX_ALIGNED), which keeps the
   expensive part of the search bounded. */
#define MAX_ALIGNED 48

typedef struct found_set {
    uint32_t ids[MAX_FOUND];
    unsigned char level[MAX_FOUND];
    int n;
    int cur_level;
} found_set;

static void add_found(found_set *f, uint32_t id)
{
    for (int i = 0; i < f->n; i++)
        if (f->ids[i] == id) {
            if (f->level[i] > f->cur_level)
                f->level[i] = (unsigned char)f->cur_level;
            return;
        }
    if (f->n < MAX_FOUND) {
        f->level[f->n] = (unsigned char)f->cur_level;
        f->ids[f->n++] = id;
    }
}

static void lookup(const pp_model *m, const char *skel, size_t len, found_set *f)
{
    const ppm_skel *s = ppi_model_skeleton(m, skel, len);
    for (uint32_t i = 0; s && i < s->nids; i++)
        add_found(f, m->skelids[s->ids + i]);
}



/* Looks up skel and every string one edit (delete, substitute, insert,
   swap a-z) away. */
static void lookup_edits(const pp_model *m, const char *skel, found_set *f)
{
    size_t n = strlen(skel);
    char buf[PPI_MAX_WORD * 4 + 4];
    if (n + 2 > sizeof buf)
        return;
    int base = f->cur_level;
    lookup(m, skel, n, f);
    f->cur_level = base + 1;
    for (size_t i = 0; i < n; i++) { /* delete */
        memcpy(buf, skel, i);
        memcpy(buf + i, skel + i + 1, n - i - 1);
        lookup(m, buf, n - 1, f);
    }
    for (size_t i = 0; i < n; i++) { /* substitute */
        memcpy(buf, skel, n);
        for (char c = 'a'; c <= 'z'; c++) {
            if (c == skel[i])
                continue;
            buf[i] = c;
            lookup(m, buf, n, f);
        }
    }
    for (size_t i = 0; i <= n; i++) { /* insert */
        memcpy(buf, skel, i);
        memcpy(buf + i + 1, skel + i, n - i);
        for (char c = 'a'; c <= 'z'; c++) {
            buf[i] = c;
            lookup(m, buf, n + 1, f);
        }
    }
    for (size_t i = 0; i + 1 < n; i++) { /* swap */
        memcpy(buf, skel, n);
        buf[i] = skel[i + 1];
        buf[i + 1] = skel[i];
        lookup(m, buf, n, f);
    }
    f->cur_level = base;
}

typedef struct variants {
    char v[MAX_VARIANTS][PPI_MAX_WORD * 4 + 4];
    int n;
} variants;

static void add_variant(variants *vs, const char *s)
{
    for (int i = 0; i < vs->n; i++)
        if (strcmp(vs->v[i], s) == 0)
            return;
    if (vs->n < MAX_VARIANTS && strlen(s) < sizeof vs->v[0])
        strcpy(vs->v[vs->n++], s);
}

/* Adds every single rewrite of s by the undo table. */
static void rewrite_once(variants *vs, const char *s)
{
    size_t n = strlen(s);
    for (size_t u = 0; u < sizeof undo / sizeof undo[0]; u++) {
        size_t ol = strlen(undo[u].ocr), sl = strlen(undo[u].skel);
        for (const char *p = strstr(s, undo[u].ocr); p; p = strstr(p + 1, undo[u].ocr)) {
            char buf[PPI_MAX_WORD * 4 + 4];
            size_t at = (size_t)(p - s);
            if (n - ol + sl + 1 > sizeof buf)
                continue;
            memcpy(buf, s, at);
            memcpy(buf + at, undo[u].skel, sl);
            memcpy(buf + at + sl, p + ol, n - at - ol + 1);
            add_variant(vs, buf);
        }
    }
}

typedef struct found_entry {
    uint32_t id;
    unsigned char level;
    float logp;
} found_entry;

static int cmp_found(const void *a, const void *b)
{
    const found_entry *x = a, *y = b;
    if (x->level != y->level)
        return x->level < y->level ? -1 : 1;
    return (x->logp < y->logp) - (x->logp > y->logp);
}

static void sort_found(const pp_model *m, found_set *f)
{
    found_entry e[MAX_FOUND];
    for (int i = 0; i < f->n; i++)
        e[i] = (found_entry){f->ids[i], f->level[i], m->vocab[f->ids[i]].logp};
    qsort(e, (size_t)f->n, sizeof e[0], cmp_found);
    for (int i = 0; i < f->n; i++) {
        f->ids[i] = e[i].id;
        f->level[i] = e[i].level;
    }
}

static int cmp_cand(const void *a, const void *b)
{
    const ppi_cand *x = a, *y = b;
    return (x->rank < y->rank) - (x->rank > y->rank);
}

int ppi_candidates(const pp_model *m, const char *low, size_t len, ppi_cand *out, int max)
{
    uint32_t ocp[PPI_MAX_WORD];
    int no = ppi_utf8_to_cps(low, len, ocp, PPI_MAX_WORD);
    int n = 0;
    /* the token itself, known or not */
    uint32_t self = ppi_model_word_id(m, low, len);
    out[n++] = (ppi_cand){self == PPI_NO_WORD ? m->h->unk_id : self, 1, 0.0f, 0.0f};
    if (no <= 0)
        return n;
    char skel[PPI_MAX_WORD * 4 + 4];
    if (!ppi_skeleton(low, len, skel, sizeof skel))
        return n;
    variants *vs = malloc(sizeof *vs);
    found_set *f = malloc(sizeof *f);
    if (!vs || !f) {
        free(vs);
        free(f);
        return -1;
    }
    vs->n = 0;
    f->n = 0;
    add_variant(vs, skel);
    rewrite_once(vs, skel);
    int first = vs->n;
    for (int i = 1; i < first; i++)
        rewrite_once(vs, vs->v[i]);
    f->cur_level = 0;
    lookup_edits(m, skel, f);
    f->cur_level = 1;
    for (int i = 1; i < vs->n; i++)
        lookup(m, vs->v[i], strlen(vs->v[i]), f);
    for (int i = 1; i < first && i < 12; i++)
        lookup_edits(m, vs->v[i], f);
    /* best found first, then the more frequent */
    sort_found(m, f);

    /* score by channel, rank with a little of the word's frequency */
    ppi_cand *pool = malloc(sizeof *pool * (size_t)(f->n + 1));
    int np = 0;
    for (int i = 0; pool && i < f->n && i < MAX_ALIGNED; i++) {
        if (f->ids[i] == self)
            continue;
        uint32_t tcp[PPI_MAX_WORD];
        const char *w = ppi_model_word(m, f->ids[i]);
        int nt = ppi_utf8_to_cps(w, strlen(w), tcp, PPI_MAX_WORD);
        if (nt <= 0)
            continue;
        float c = ppi_channel_cost(m, ocp, no, tcp, nt);
        if (c > 4.5f)
            continue;
        pool[np++] = (ppi_cand){f->ids[i], 0, c, -c + 0.3f * m->vocab[f->ids[i]].logp};
    }
    if (pool) {
        qsort(pool, (size_t)np, sizeof *pool, cmp_cand);
        for (int i = 0; i < np && n < max; i++)
            out[n++] = pool[i];
    }
    free(pool);
    free(vs);
    free(f);
    return pool ? n : -1;
}
