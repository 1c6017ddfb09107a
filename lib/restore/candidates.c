/*
 * candidates.c - which words an OCR token may stand for.
 *
 * The token is lowercased and turned into variants by undoing typical OCR
 * readings ("6" -> "o", "ir" -> "u", "P" -> "d", ...), one or two at a
 * time; each variant's skeleton (no diacritics) and the skeletons one edit
 * away are looked up in the model's indexes. Every word found is scored by
 * the channel; the best few are kept, and the token itself always is.
 */
#include "candidates.h"

#include "../normalize/syllable.h"
#include "channel.h"
#include "horn.h"
#include "rhyme_channel.h"

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
    /* two characters for ư, ơ found in the training pairs (tools/synth) */
    {"iv", "u"}, {"tf", "u"}, {"if", "u"}, {"ur", "u"}, {"ut", "u"}, {"rg", "o"},
    {"1", "l"}, {"t", "i"}, {"ii", "a"}, {"4", "a"}, {"@", "a"}, {"o", "a"}, {"i", "a"},
    {"rn", "m"}, {"nn", "m"}, {"c", "e"}, {"a", "e"}, {"o", "e"}, {"5", "s"}, {"q", "g"},
    {"f", "t"}, {"li", "h"}, {"v", "y"}, {"v", "u"},
    /* symbols read for marked letters, in words joined by horn.c */
    {"€", "e"}, {"@", "o"}, {"¢", "o"}, {"¢", "u"}, {"t¥", "u"}, {"¥", "u"}, {"¥", "y"}, {"t?", "u"}, {"i?", "u"},
    {"?", "u"}, {"&", "o"}, {"&", "a"}, {"®", "o"}, {"{", "i"}, {"|", "l"},
    /* or stray: the one-edit look-ups delete bytes, which these have two or three of */
    {"€", ""}, {"¢", ""}, {"¥", ""}, {"®", ""}, {"§", ""}, {"©", ""}, {"£", ""},
};

#define MAX_VARIANTS 64
#define MAX_FOUND 512

/* Words found so far, each with how it was found: 0 the token's own
   skeleton, 1 one OCR reading undone or one edit, 2 both. Only the best
   found are aligned letter by letter (MAX_ALIGNED), which keeps the
   expensive part of the search bounded. */
#define MAX_ALIGNED 48

/* Words OCR would have to misread worse than this are not candidates. */
#define MAX_READ_COST 4.5f
/* Candidates rank by -channel cost + this * log10 of the word's corpus
   frequency. On the synthetic dev set (errors, OCR / stripped): 0.4
   -> 384 / 229, 0.6 -> 378 / 233, 0.8 -> 359 / 245, 1.0 -> 385 / -; text
   without diacritics wants rarer words kept, OCR the common ones. */
#define RANK_FREQ_WEIGHT 0.6f

#define FOUND_HASH 2048 /* power of two, > 2 * MAX_FOUND */

typedef struct found_set {
    uint32_t ids[MAX_FOUND];
    unsigned char level[MAX_FOUND];
    int n;
    int cur_level;
    uint16_t at[FOUND_HASH]; /* index + 1 of each id in ids, by hash */
} found_set;

static void add_found(found_set *f, uint32_t id)
{
    uint32_t h = (id * 2654435761u) >> 21;
    for (;; h = (h + 1) & (FOUND_HASH - 1)) {
        int i = f->at[h] - 1;
        if (i < 0)
            break;
        if (f->ids[i] == id) {
            if (f->level[i] > f->cur_level)
                f->level[i] = (unsigned char)f->cur_level;
            return;
        }
    }
    if (f->n < MAX_FOUND) {
        f->level[f->n] = (unsigned char)f->cur_level;
        f->ids[f->n++] = id;
        f->at[h] = (uint16_t)f->n;
    }
}

static void add_skeleton(const pp_model *m, const ppm_skel *s, found_set *f)
{
    for (uint32_t i = 0; s && i < s->nids; i++)
        add_found(f, m->skelids[s->ids + i]);
}

static void lookup(const pp_model *m, const char *skel, size_t len, found_set *f)
{
    add_skeleton(m, ppi_model_skeleton(m, skel, len), f);
}

/* The skeletons that lose one byte to become del. */
static void lookup_deletion(const pp_model *m, const char *del, size_t len, found_set *f)
{
    const ppm_skel *d = ppi_model_deletion(m, del, len);
    for (uint32_t i = 0; d && i < d->nids; i++)
        add_skeleton(m, &m->skel[m->delids[d->ids + i]], f);
}

/* Looks up skel and the skeletons about one edit away by symmetric
   deletion: a skeleton one letter longer (OCR lost a letter) deletes to
   skel; deleting a byte of skel gives a skeleton (OCR added one) or the
   same deletion of a skeleton (a substituted letter, two swapped). */
static void lookup_edits(const pp_model *m, const char *skel, found_set *f)
{
    size_t n = strlen(skel);
    char buf[PPI_MAX_WORD * 4 + 4];
    if (n + 2 > sizeof buf)
        return;
    int base = f->cur_level;
    lookup(m, skel, n, f);
    f->cur_level = base + 1;
    lookup_deletion(m, skel, n, f);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && skel[i] == skel[i - 1])
            continue;
        memcpy(buf, skel, i);
        memcpy(buf + i, skel + i + 1, n - i - 1);
        lookup(m, buf, n - 1, f);
        lookup_deletion(m, buf, n - 1, f);
    }
    f->cur_level = base;
}

/* The words whose rhyme OCR is known to read as the token's rest after an
   onset in plain letters ("dugc": d|đ + a rhyme read as "ugc" -> "được"). */
static void lookup_rhyme_readings(const pp_model *m, const char *low, size_t len, found_set *f)
{
    const char *onset;
    for (size_t i = 0; (onset = ppi_onset_at(i)); i++) {
        char skel[8], word[PPI_MAX_WORD * 4 + 8];
        size_t on = strlen(onset), sk = on ? ppi_skeleton(onset, on, skel, sizeof skel) : 0;
        if (sk >= len || memcmp(low, skel, sk) != 0)
            continue;
        const ppi_rhyme_reading *r;
        int n = ppi_rhymes_read_as(m, low + sk, len - sk, &r);
        for (int k = 0; k < n; k++) {
            size_t rl = strlen(r[k].rhyme);
            if (on + rl >= sizeof word)
                continue;
            memcpy(word, onset, on);
            memcpy(word + on, r[k].rhyme, rl);
            uint32_t id = ppi_model_word_id(m, word, on + rl);
            if (id != PPI_NO_WORD && (m->vocab[id].flags & PPM_W_SYLLABLE))
                add_found(f, id);
        }
    }
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
    /* the bytes s has: most entries' first byte is not among them, and a
       bit test is cheaper than their strstr */
    uint64_t has[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < n; i++)
        has[(unsigned char)s[i] >> 6] |= 1ull << ((unsigned char)s[i] & 63);
    for (size_t u = 0; u < sizeof undo / sizeof undo[0]; u++) {
        unsigned char first = (unsigned char)undo[u].ocr[0];
        if (!(has[first >> 6] >> (first & 63) & 1))
            continue;
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

/* How good a found word is to align: found with fewer rewrites first,
   then the more frequent. */
static float found_rank(const pp_model *m, const found_set *f, int i)
{
    return -100.0f * (float)f->level[i] + ppi_model_freq_logp(m, f->ids[i]);
}

static void sift_down(float *key, uint32_t *id, int n, int i)
{
    for (;;) {
        int l = 2 * i + 1, r = l + 1, min = i;
        if (l < n && key[l] < key[min])
            min = l;
        if (r < n && key[r] < key[min])
            min = r;
        if (min == i)
            return;
        float k = key[i];
        uint32_t d = id[i];
        key[i] = key[min], id[i] = id[min];
        key[min] = k, id[min] = d;
        i = min;
    }
}

/* The max best found words (in no order), by a min-heap of the best so
   far: cheaper than sorting all MAX_FOUND. */
static int best_found(const pp_model *m, const found_set *f, uint32_t *out, int max)
{
    float key[MAX_ALIGNED];
    int n = 0;
    max = max > MAX_ALIGNED ? MAX_ALIGNED : max;
    for (int i = 0; i < f->n; i++) {
        float k = found_rank(m, f, i);
        if (n < max) {
            key[n] = k, out[n] = f->ids[i];
            if (++n == max)
                for (int j = n / 2; j-- > 0;)
                    sift_down(key, out, n, j);
        } else if (k > key[0]) {
            key[0] = k, out[0] = f->ids[i];
            sift_down(key, out, n, 0);
        }
    }
    return n;
}

/* The first eight bytes of a word, big-endian: ordering by it groups the
   words that share a prefix. */
static uint64_t prefix_key(const char *w)
{
    uint64_t k = 0;
    int i = 0;
    for (; i < 8 && w[i]; i++)
        k = k << 8 | (unsigned char)w[i];
    return k << (8 * (8 - i));
}

/* The found words in prefix order, so that neighbours share prefixes and
   the alignment reuses their columns (insertion sort: at most
   MAX_ALIGNED). */
static void sort_by_prefix(const pp_model *m, uint32_t *ids, int n)
{
    uint64_t key[MAX_ALIGNED];
    for (int i = 0; i < n; i++) {
        uint64_t k = prefix_key(ppi_model_word(m, ids[i]));
        uint32_t id = ids[i];
        int j = i;
        for (; j > 0 && key[j - 1] > k; j--)
            key[j] = key[j - 1], ids[j] = ids[j - 1];
        key[j] = k, ids[j] = id;
    }
}

/* Keeps the best `want` ranks in top (best first) with r among them if it
   is good enough. */
static void insert_rank(float *top, int *ntop, int want, float r)
{
    int j;
    if (*ntop < want)
        j = (*ntop)++;
    else if (r > top[want - 1])
        j = want - 1;
    else
        return;
    for (; j > 0 && top[j - 1] < r; j--)
        top[j] = top[j - 1];
    top[j] = r;
}

/* Best rank first (insertion sort: at most MAX_ALIGNED). */
static void sort_by_rank(ppi_cand *c, int n)
{
    for (int i = 1; i < n; i++) {
        ppi_cand x = c[i];
        int j = i;
        for (; j > 0 && c[j - 1].rank < x.rank; j--)
            c[j] = c[j - 1];
        c[j] = x;
    }
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
    ppi_channel_reader *reader = ppi_channel_reader_new(m, ocp, no);
    if (!vs || !f || !reader) {
        free(vs);
        free(f);
        ppi_channel_reader_free(reader);
        return -1;
    }
    vs->n = 0;
    f->n = 0;
    memset(f->at, 0, sizeof f->at);
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
    f->cur_level = 0;
    lookup_rhyme_readings(m, low, len, f);
    uint32_t best[MAX_ALIGNED];
    int nbest = best_found(m, f, best, MAX_ALIGNED);
    sort_by_prefix(m, best, nbest);

    /* score by channel, rank with a little of the word's frequency; once
       `want` are in the pool, a word must outrank the want-th best so far,
       which bounds the cost its alignment may reach */
    ppi_cand pool[MAX_ALIGNED];
    int np = 0, want = max - n;
    float top[MAX_ALIGNED]; /* the best ranks so far, best first, at most want */
    int ntop = 0;
    for (int i = 0; i < nbest && want > 0; i++) {
        if (best[i] == self)
            continue;
        float prior = RANK_FREQ_WEIGHT * ppi_model_freq_logp(m, best[i]);
        float limit = MAX_READ_COST;
        if (ntop == want && prior - top[want - 1] < limit)
            limit = prior - top[want - 1];
        if (limit < 0)
            continue;
        uint32_t tcp[PPI_MAX_WORD];
        const char *w = ppi_model_word(m, best[i]);
        int nt = ppi_utf8_to_cps(w, strlen(w), tcp, PPI_MAX_WORD);
        if (nt <= 0)
            continue;
        /* the cheaper of the letters' and the rhyme's reading */
        float r = ppi_rhyme_cost(m, w, strlen(w), low, len);
        float c = ppi_channel_read(reader, tcp, nt, r >= 0 && r < limit ? r : limit);
        c = r >= 0 && r < c ? r : c;
        if (c > limit)
            continue;
        pool[np++] = (ppi_cand){best[i], 0, c, prior - c};
        insert_rank(top, &ntop, want, prior - c);
    }
    sort_by_rank(pool, np);
    for (int i = 0; i < np && n < max; i++)
        out[n++] = pool[i];
    free(vs);
    free(f);
    ppi_channel_reader_free(reader);
    return n;
}

int ppi_search_candidates(const pp_model *m, ppi_buf *scratch, const char *key, size_t len, ppi_cand *out, int max)
{
    int rc = ppi_horn_lookup(scratch, key, len);
    if (rc < 0)
        return rc;
    int horn = rc == 1;
    if (horn)
        key = scratch->data, len = scratch->len;
    int n = ppi_candidates(m, key, len, out, max);
    if (n < 0)
        return PP_ERR_NOMEM;
    /* a known word read with a horn apostrophe is written as the word */
    for (int k = 0; horn && k < n; k++)
        if (out[k].keep && out[k].id != m->h->unk_id)
            out[k].keep = 0;
    return n;
}
