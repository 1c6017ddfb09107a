/*
 * build_model.c - pp-build-model: builds planparse.model from text.
 *
 *   pp-build-model -o planparse.model [--lexicon FILE]... [--passthrough FILE]
 *                  [--channel FILE] [--ocr-tokens FILE] [--] CORPUS_FILE...
 *
 * CORPUS_FILE: clean Vietnamese text (UTF-8), the language model's training
 *   data. Lines are sentences; . ; : ! ? ( ) also end one.
 * --lexicon: word lists (hunspell .dic or one word per line); their valid
 *   syllables may be proposed as corrections even when the corpus lacks them.
 * --passthrough: abbreviations and foreign words kept as they are.
 * --channel: TSV "truth<TAB>ocr<TAB>cost" of learned OCR substitutions.
 * --ocr-tokens: TSV "token<TAB>count" of OCR's frequent misreadings; their
 *   candidate lists are stored in the model, as are every word's and every
 *   skeleton's (the model is written, loaded, searched with, and written
 *   again with the lists).
 *
 * The language model: syllable trigrams, interpolated Kneser-Ney with one
 * discount per order (from counts of counts), stored in backoff form (see
 * lib/restore/model_format.h).
 */
#include "core/internal.h"
#include "normalize/syllable.h"
#include "planparse.h"
#include "restore/cand_cache.h"
#include "restore/lm_units.h"
#include "restore/model_format.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *fmt, ...) PPI_PRINTF(1, 2);

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "pp-build-model: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die("out of memory");
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

/* ---- interned words ---- */

typedef struct word {
    char *s;
    uint32_t flags;
    uint32_t count;
} word;

typedef struct vocab {
    word *w;
    uint32_t n, cap;
    uint32_t *hash; /* id + 1 */
    uint32_t hcap;
} vocab;

static uint32_t vocab_find(const vocab *v, const char *s, size_t len, uint32_t *slot)
{
    uint32_t mask = v->hcap - 1, i = ppm_hash_str(s, len) & mask;
    while (v->hash[i]) {
        const char *w = v->w[v->hash[i] - 1].s;
        if (strncmp(w, s, len) == 0 && w[len] == '\0')
            return v->hash[i] - 1;
        i = (i + 1) & mask;
    }
    *slot = i;
    return UINT32_MAX;
}

static void vocab_rehash(vocab *v)
{
    free(v->hash);
    v->hcap = v->hcap ? v->hcap * 2 : 1024;
    v->hash = calloc(v->hcap, sizeof *v->hash);
    if (!v->hash)
        die("out of memory");
    for (uint32_t id = 0; id < v->n; id++) {
        uint32_t slot;
        vocab_find(v, v->w[id].s, strlen(v->w[id].s), &slot);
        v->hash[slot] = id + 1;
    }
}

static uint32_t intern(vocab *v, const char *s, size_t len, uint32_t flags)
{
    if ((v->n + 1) * 2 > v->hcap)
        vocab_rehash(v);
    uint32_t slot, id = vocab_find(v, s, len, &slot);
    if (id == UINT32_MAX) {
        if (v->n == v->cap) {
            v->cap = v->cap ? v->cap * 2 : 1024;
            v->w = xrealloc(v->w, v->cap * sizeof *v->w);
        }
        char *copy = xrealloc(NULL, len + 1);
        memcpy(copy, s, len);
        copy[len] = '\0';
        id = v->n++;
        v->w[id] = (word){copy, 0, 0};
        v->hash[slot] = id + 1;
    }
    v->w[id].flags |= flags;
    return id;
}

/* ---- reading text ---- */

static char *read_clean(const char *path, size_t *len)
{
    pp_ctx *ctx = NULL;
    char *raw = NULL, *text = NULL, *norm = NULL;
    size_t raw_len, text_len;
    if (pp_ctx_new(&ctx) != PP_OK)
        die("out of memory");
    pp_decode_options o = PP_DECODE_OPTIONS_INIT;
    o.name = path;
    if (pp_read_file(&raw, &raw_len, ctx, path, 0) != PP_OK ||
        pp_decode(&text, &text_len, ctx, raw, raw_len, &o) != PP_OK ||
        pp_normalize(&norm, len, NULL, ctx, text, text_len, NULL) != PP_OK)
        die("%s", pp_errmsg(ctx));
    pp_free(raw);
    pp_free(text);
    pp_ctx_free(ctx);
    return norm;
}

/* The lowercase form of a word token, in buf. */
static const char *lower(ppi_buf *buf, const char *s, size_t len)
{
    buf->len = 0;
    if (ppi_append_lower(buf, s, len) != PP_OK || ppi_buf_putc(buf, '\0') != PP_OK)
        die("out of memory");
    buf->len--;
    return buf->data;
}

/* ---- n-gram counting ---- */

typedef struct gram {
    uint32_t w[3];
} gram;

typedef struct grams {
    gram *g;
    size_t n, cap;
} grams;

static void add_gram(grams *a, uint32_t x, uint32_t y, uint32_t z)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 1 << 16;
        a->g = xrealloc(a->g, a->cap * sizeof *a->g);
    }
    a->g[a->n++] = (gram){{x, y, z}};
}

static int cmp_gram(const void *a, const void *b)
{
    const gram *x = a, *y = b;
    for (int i = 0; i < 3; i++)
        if (x->w[i] != y->w[i])
            return x->w[i] < y->w[i] ? -1 : 1;
    return 0;
}

typedef struct model_in {
    vocab v;
    grams tri; /* every trigram occurrence (with <s> padding) */
    uint32_t bos, eos, unk, tokens;
} model_in;

static void count_sentence(model_in *m, const uint32_t *ids, size_t n)
{
    if (!n)
        return;
    uint32_t a = UINT32_MAX, b = m->bos;
    for (size_t i = 0; i <= n; i++) {
        uint32_t c = i < n ? ids[i] : m->eos;
        add_gram(&m->tri, a, b, c); /* a == UINT32_MAX: the bigram <s> c */
        a = b;
        b = c;
    }
    m->tokens += (uint32_t)n;
}

static void count_file(model_in *m, const char *path)
{
    size_t len;
    char *text = read_clean(path, &len);
    pp_token *t;
    size_t nt;
    if (pp_tokenize(&t, &nt, text, len) != PP_OK)
        die("out of memory");
    uint32_t *ids = NULL;
    size_t n = 0, cap = 0;
    ppi_buf lw = {0};
    for (size_t i = 0; i <= nt; i++) {
        const char *cls = NULL;
        ppi_unit_kind k = i < nt ? ppi_lm_unit(&t[i], text, &cls) : PPI_UNIT_BREAK;
        if (k == PPI_UNIT_SKIP)
            continue;
        if (k == PPI_UNIT_BREAK) {
            count_sentence(m, ids, n);
            n = 0;
            continue;
        }
        uint32_t id;
        if (k == PPI_UNIT_CLASS) {
            id = intern(&m->v, cls, strlen(cls), PPM_W_CLASS);
        } else {
            const char *w = lower(&lw, text + t[i].offset, t[i].length);
            int syl = pp_syllable_is_valid(w, lw.len);
            id = intern(&m->v, w, lw.len, syl ? PPM_W_SYLLABLE | PPM_W_LEXICON : 0);
        }
        m->v.w[id].count++;
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            ids = xrealloc(ids, cap * sizeof *ids);
        }
        ids[n++] = id;
    }
    ppi_buf_free(&lw);
    free(ids);
    pp_free(t);
    pp_free(text);
}

/* Word lists: one word per line, hunspell's count line and /flags ignored.
   Valid syllables join the lexicon; with passthrough, every entry does. */
static void read_lexicon(model_in *m, const char *path, int passthrough)
{
    size_t len;
    char *text = read_clean(path, &len);
    ppi_buf lw = {0};
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *end = line + strcspn(line, "/\t#");
        while (end > line && end[-1] == ' ')
            end--;
        char *space = memchr(line, ' ', (size_t)(end - line));
        if (end == line || space)
            continue;
        size_t n = (size_t)(end - line);
        if (passthrough) {
            /* lower() first: as arguments of one call, lw.len may be read before it runs */
            const char *w = lower(&lw, line, n);
            intern(&m->v, w, lw.len, PPM_W_LEXICON | PPM_W_PASSTHROUGH);
        } else {
            const char *w = lower(&lw, line, n);
            if (pp_syllable_is_valid(w, lw.len))
                intern(&m->v, w, lw.len, PPM_W_LEXICON | PPM_W_SYLLABLE);
        }
    }
    ppi_buf_free(&lw);
    pp_free(text);
}

/* ---- Kneser-Ney ---- */

typedef struct ngram_out {
    uint32_t w[3];
    float logp, bow;
} ngram_out;

typedef struct lm_out {
    float *uni_logp, *uni_bow;
    ngram_out *bi;
    size_t nbi;
    ngram_out *tri;
    size_t ntri;
} lm_out;

static double discount(const size_t coc[3])
{
    /* D = n1 / (n1 + 2 n2), kept in a sane range */
    double d = coc[1] + 2.0 * coc[2] > 0 ? coc[1] / (coc[1] + 2.0 * coc[2]) : 0.5;
    return d < 0.1 ? 0.1 : d > 0.95 ? 0.95 : d;
}

typedef struct counted {
    uint32_t w[3];
    uint32_t c;
} counted;

/* Sorts g and collapses equal n-grams (the first `order` words) into
   counts. */
static counted *collapse(gram *g, size_t n, int order, size_t *out_n)
{
    qsort(g, n, sizeof *g, cmp_gram);
    counted *c = xrealloc(NULL, (n + 1) * sizeof *c);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && memcmp(c[k - 1].w, g[i].w, sizeof(uint32_t) * (size_t)order) == 0) {
            c[k - 1].c++;
        } else {
            c[k] = (counted){{g[i].w[0], g[i].w[1], g[i].w[2]}, 1};
            k++;
        }
    }
    *out_n = k;
    return c;
}

static void build_lm(model_in *m, lm_out *out)
{
    uint32_t V = m->v.n;
    /* trigram counts (a, b, c); a == UINT32_MAX marks the bigram (<s>, c) */
    size_t ntri;
    counted *tri = collapse(m->tri.g, m->tri.n, 3, &ntri);

    /* bigram continuation counts N1+(. v w); raw counts after <s> */
    grams bg = {0};
    for (size_t i = 0; i < ntri; i++)
        add_gram(&bg, tri[i].w[1], tri[i].w[2], 0);
    size_t nbi;
    counted *bi = collapse(bg.g, bg.n, 2, &nbi);
    free(bg.g);
    for (size_t i = 0; i < nbi; i++)
        if (bi[i].w[0] == m->bos) /* (<s>, w): nothing precedes <s> */
            bi[i].c = 0;
    for (size_t i = 0; i < ntri; i++)
        if (tri[i].w[0] == UINT32_MAX) {
            counted key = {{m->bos, tri[i].w[2], 0}, 0};
            counted *b = bsearch(&key, bi, nbi, sizeof *bi, cmp_gram); /* 2 words + 0 */
            if (b)
                b->c += tri[i].c;
        }

    /* unigram continuation counts N1+(. w) */
    double *cc1 = calloc(V, sizeof *cc1);
    if (!cc1)
        die("out of memory");
    for (size_t i = 0; i < nbi; i++)
        cc1[bi[i].w[1]] += 1;

    size_t coc[3][3] = {{0}};
    for (uint32_t w = 0; w < V; w++)
        if (cc1[w] >= 1 && cc1[w] <= 2)
            coc[0][(int)cc1[w]]++;
    for (size_t i = 0; i < nbi; i++)
        if (bi[i].c >= 1 && bi[i].c <= 2)
            coc[1][bi[i].c]++;
    for (size_t i = 0; i < ntri; i++)
        if (tri[i].w[0] != UINT32_MAX && tri[i].c <= 2)
            coc[2][tri[i].c]++;
    double D1 = discount(coc[0]), D2 = discount(coc[1]), D3 = discount(coc[2]);

    /* unigrams: KN continuation, interpolated with uniform over V */
    double total1 = 0, types1 = 0;
    for (uint32_t w = 0; w < V; w++) {
        total1 += cc1[w];
        types1 += cc1[w] > 0;
    }
    out->uni_logp = calloc(V, sizeof(float));
    out->uni_bow = calloc(V, sizeof(float));
    double *p1 = calloc(V, sizeof *p1);
    if (!out->uni_logp || !out->uni_bow || !p1)
        die("out of memory");
    for (uint32_t w = 0; w < V; w++) {
        double p = (cc1[w] > D1 ? cc1[w] - D1 : 0) / total1 + D1 * types1 / total1 / V;
        p1[w] = p;
        out->uni_logp[w] = (float)log10(p);
    }
    out->uni_logp[m->bos] = -99.0f;

    /* bigrams: per context v, total and distinct followers */
    double *ctx_total = calloc(V, sizeof *ctx_total), *ctx_types = calloc(V, sizeof *ctx_types);
    if (!ctx_total || !ctx_types)
        die("out of memory");
    for (size_t i = 0; i < nbi; i++)
        if (bi[i].c) {
            ctx_total[bi[i].w[0]] += bi[i].c;
            ctx_types[bi[i].w[0]] += 1;
        }
    out->bi = xrealloc(NULL, nbi * sizeof *out->bi);
    out->nbi = 0;
    double *p2 = xrealloc(NULL, nbi * sizeof *p2);
    for (size_t i = 0; i < nbi; i++) {
        uint32_t v = bi[i].w[0], w = bi[i].w[1];
        if (!bi[i].c)
            continue;
        double lam = D2 * ctx_types[v] / ctx_total[v];
        double p = (bi[i].c - D2) / ctx_total[v] + lam * p1[w];
        p2[out->nbi] = p;
        out->bi[out->nbi++] = (ngram_out){{v, w, 0}, (float)log10(p), 0};
    }
    for (uint32_t v = 0; v < V; v++)
        out->uni_bow[v] = ctx_total[v] > 0 ? (float)log10(D2 * ctx_types[v] / ctx_total[v]) : 0.0f;

    /* trigrams: per context (u, v) */
    out->tri = xrealloc(NULL, ntri * sizeof *out->tri);
    out->ntri = 0;
    for (size_t i = 0; i < ntri;) {
        if (tri[i].w[0] == UINT32_MAX) {
            i++;
            continue;
        }
        size_t j = i;
        double total = 0, types = 0;
        while (j < ntri && tri[j].w[0] == tri[i].w[0] && tri[j].w[1] == tri[i].w[1]) {
            total += tri[j].c;
            types++;
            j++;
        }
        double lam = D3 * types / total;
        for (size_t k = i; k < j; k++) {
            uint32_t v = tri[k].w[1], w = tri[k].w[2];
            ngram_out key = {{v, w, 0}, 0, 0};
            ngram_out *b = bsearch(&key, out->bi, out->nbi, sizeof *out->bi, cmp_gram);
            double lower_p = b ? p2[b - out->bi] : pow(10.0, out->uni_bow[v]) * p1[w];
            double p = (tri[k].c - D3) / total + lam * lower_p;
            out->tri[out->ntri++] = (ngram_out){{tri[k].w[0], v, w}, (float)log10(p), 0};
        }
        /* the context's backoff weight lives on bigram (u, v) */
        ngram_out key = {{tri[i].w[0], tri[i].w[1], 0}, 0, 0};
        ngram_out *b = bsearch(&key, out->bi, out->nbi, sizeof *out->bi, cmp_gram);
        if (!b)
            die("internal: trigram context without bigram");
        b->bow = (float)log10(lam);
        i = j;
    }
    fprintf(stderr, "pp-build-model: %u words, %zu bigrams, %zu trigrams, discounts %.2f %.2f %.2f\n",
            V, out->nbi, out->ntri, D1, D2, D3);
    free(p2);
    free(ctx_total);
    free(ctx_types);
    free(p1);
    free(cc1);
    free(tri);
    free(bi);
}

/* ---- writing ---- */

typedef struct outbuf {
    ppi_buf b;
} outbuf;

static uint64_t put(ppi_buf *b, const void *data, size_t len)
{
    while (b->len % 8)
        if (ppi_buf_putc(b, 0) != PP_OK)
            die("out of memory");
    uint64_t off = b->len;
    if (ppi_buf_append(b, data, len) != PP_OK)
        die("out of memory");
    return off;
}

static uint32_t pow2_at_least(size_t n)
{
    uint32_t p = 16;
    while (p < n)
        p *= 2;
    return p;
}

typedef struct skel_entry {
    char *skel;
    uint32_t id;
} skel_entry;

static int cmp_skel_entry(const void *a, const void *b)
{
    const skel_entry *x = a, *y = b;
    int c = strcmp(x->skel, y->skel);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* Strings grouped with the ids they stand for, and hashed: the layout of
   SKEL/SHASH/SKELIDS and of DELS/DHASH/DELIDS. */
typedef struct string_index {
    ppm_skel *groups;
    size_t ngroups;
    uint32_t *ids;
    size_t nids;
    uint32_t *hash;
    uint32_t hash_size;
} string_index;

/* Sorts e[0..n) by string, drops repeated (string, id) pairs, groups the
   ids by string (each string stored once in `strings`), hashes the groups.
   Takes ownership of e and its strings. */
static string_index index_strings(skel_entry *e, size_t n, ppi_buf *strings)
{
    string_index x = {0};
    qsort(e, n, sizeof *e, cmp_skel_entry);
    x.groups = xrealloc(NULL, (n + 1) * sizeof *x.groups);
    x.ids = xrealloc(NULL, (n + 1) * sizeof *x.ids);
    for (size_t i = 0; i < n; i++) {
        int new_string = !x.ngroups || strcmp(e[i].skel, strings->data + x.groups[x.ngroups - 1].str) != 0;
        if (new_string) {
            x.groups[x.ngroups++] = (ppm_skel){(uint32_t)strings->len, (uint32_t)x.nids, 0};
            ppi_buf_append(strings, e[i].skel, strlen(e[i].skel) + 1);
        } else if (e[i].id == e[i - 1].id) {
            continue;
        }
        x.ids[x.nids++] = e[i].id;
        x.groups[x.ngroups - 1].nids++;
    }
    x.hash_size = pow2_at_least(x.ngroups * 2);
    x.hash = calloc(x.hash_size, sizeof *x.hash);
    if (!x.hash)
        die("out of memory");
    for (size_t i = 0; i < x.ngroups; i++) {
        const char *s = strings->data + x.groups[i].str;
        uint32_t j = ppm_hash_str(s, strlen(s)) & (x.hash_size - 1);
        while (x.hash[j])
            j = (j + 1) & (x.hash_size - 1);
        x.hash[j] = (uint32_t)i + 1;
    }
    for (size_t i = 0; i < n; i++)
        free(e[i].skel);
    free(e);
    return x;
}

static void put_index(ppi_buf *file, const string_index *x, ppm_section_ref *groups, ppm_section_ref *hash,
                      ppm_section_ref *ids)
{
    *groups = (ppm_section_ref){put(file, x->groups, x->ngroups * sizeof *x->groups), x->ngroups * sizeof *x->groups};
    *hash = (ppm_section_ref){put(file, x->hash, (size_t)x->hash_size * 4), (size_t)x->hash_size * 4};
    *ids = (ppm_section_ref){put(file, x->ids, x->nids * 4), x->nids * 4};
}

static void free_index(string_index *x)
{
    free(x->groups);
    free(x->ids);
    free(x->hash);
}

typedef struct channel_in {
    char **truth, **ocr;
    float *cost;
    size_t n;
} channel_in;

static void read_channel(channel_in *c, const char *path)
{
    size_t len;
    char *text = read_clean(path, &len);
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#')
            continue;
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2)
            die("%s: channel lines are truth<TAB>ocr<TAB>cost", path);
        *t1 = *t2 = '\0';
        c->truth = xrealloc(c->truth, (c->n + 1) * sizeof(char *));
        c->ocr = xrealloc(c->ocr, (c->n + 1) * sizeof(char *));
        c->cost = xrealloc(c->cost, (c->n + 1) * sizeof(float));
        c->truth[c->n] = strdup(line);
        c->ocr[c->n] = strdup(t1 + 1);
        c->cost[c->n] = strtof(t2 + 1, NULL);
        if (!c->truth[c->n] || !c->ocr[c->n])
            die("out of memory");
        c->n++;
    }
    pp_free(text);
}

/* OCR tokens whose candidate lists are stored (dict/ocr-tokens.tsv). */
typedef struct token_list {
    char **v;
    size_t n;
} token_list;

/* Reads token<TAB>count lines; the tokens become look-up keys as
   restoration makes them (read_clean normalised the file; lowercase). */
static void read_ocr_tokens(token_list *l, const char *path)
{
    size_t len;
    char *text = read_clean(path, &len);
    char *save = NULL;
    ppi_buf low = {0};
    size_t line_no = 0;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        line_no++;
        if (line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab || tab == line)
            die("%s: line %zu: OCR token lines are token<TAB>count", path, line_no);
        l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
        l->v[l->n++] = xstrdup(lower(&low, line, (size_t)(tab - line)));
    }
    ppi_buf_free(&low);
    pp_free(text);
}

static const channel_in *sort_channel_src;

static int cmp_channel(const void *a, const void *b)
{
    const channel_in *c = sort_channel_src;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int r = strcmp(c->truth[x], c->truth[y]);
    return r ? r : strcmp(c->ocr[x], c->ocr[y]);
}

/* The candidate lists to store (KEYS in model_format.h): every candidate
   once in c, and an entry (its key, its index in c) for each. */
typedef struct stored_lists {
    skel_entry *e;
    size_t n, cap;
    ppm_cand *c;
} stored_lists;

/* Writes the model; with lists (taken over: lists->e is consumed), the
   candidate lists in it too. */
static void write_model(const char *path, model_in *m, lm_out *lm, channel_in *ch, stored_lists *lists)
{
    uint32_t V = m->v.n;
    ppi_buf strings = {0};
    ppi_buf_putc(&strings, '\0');
    ppm_word *vw = calloc((size_t)V + 1, sizeof *vw);
    if (!vw)
        die("out of memory");
    for (uint32_t i = 0; i < V; i++) {
        vw[i].str = (uint32_t)strings.len;
        if (ppi_buf_append(&strings, m->v.w[i].s, strlen(m->v.w[i].s) + 1) != PP_OK)
            die("out of memory");
        vw[i].flags = m->v.w[i].flags;
        vw[i].count = m->v.w[i].count;
        vw[i].logp = lm->uni_logp[i];
        vw[i].bow = lm->uni_bow[i];
    }
    /* bigrams are sorted by (v, w): fill each word's start */
    ppm_bigram *bg = calloc(lm->nbi + 1, sizeof *bg);
    if (!bg)
        die("out of memory");
    size_t bi = 0, ti = 0;
    for (uint32_t v = 0; v <= V; v++) {
        vw[v].bi_start = (uint32_t)bi;
        while (v < V && bi < lm->nbi && lm->bi[bi].w[0] == v)
            bi++;
    }
    ppm_trigram *tg = calloc(lm->ntri + 1, sizeof *tg);
    if (!tg)
        die("out of memory");
    for (size_t i = 0; i <= lm->nbi; i++) {
        bg[i].tri_start = (uint32_t)ti;
        if (i == lm->nbi)
            break;
        bg[i].w2 = lm->bi[i].w[1];
        bg[i].logp = lm->bi[i].logp;
        bg[i].bow = lm->bi[i].bow;
        while (ti < lm->ntri && lm->tri[ti].w[0] == lm->bi[i].w[0] && lm->tri[ti].w[1] == lm->bi[i].w[1]) {
            tg[ti].w3 = lm->tri[ti].w[2];
            tg[ti].logp = lm->tri[ti].logp;
            ti++;
        }
    }
    if (ti != lm->ntri)
        die("internal: trigrams out of order");
    uint32_t bh = pow2_at_least(lm->nbi * 2);
    uint32_t *bhash = calloc(bh, sizeof *bhash);
    if (!bhash)
        die("out of memory");
    for (size_t i = 0; i < lm->nbi; i++) {
        uint32_t j = ppm_hash_pair(lm->bi[i].w[0], lm->bi[i].w[1]) & (bh - 1);
        while (bhash[j])
            j = (j + 1) & (bh - 1);
        bhash[j] = (uint32_t)i + 1;
    }
    /* hash of words */
    uint32_t vh = pow2_at_least((size_t)V * 2);
    uint32_t *vhash = calloc(vh, sizeof *vhash);
    if (!vhash)
        die("out of memory");
    for (uint32_t i = 0; i < V; i++) {
        uint32_t j = ppm_hash_str(m->v.w[i].s, strlen(m->v.w[i].s)) & (vh - 1);
        while (vhash[j])
            j = (j + 1) & (vh - 1);
        vhash[j] = i + 1;
    }
    /* skeletons of the lexicon */
    skel_entry *se = xrealloc(NULL, (size_t)V * sizeof *se);
    size_t nse = 0;
    for (uint32_t i = 0; i < V; i++) {
        if (!(m->v.w[i].flags & PPM_W_LEXICON))
            continue;
        char sk[128];
        if (!ppi_skeleton(m->v.w[i].s, strlen(m->v.w[i].s), sk, sizeof sk))
            continue;
        se[nse].skel = xstrdup(sk);
        se[nse++].id = i;
    }
    string_index skels = index_strings(se, nse, &strings);
    /* one-byte deletions of the ASCII skeletons, for edit look-ups */
    size_t nde = 0, cap = 0;
    skel_entry *de = NULL;
    for (size_t k = 0; k < skels.ngroups; k++) {
        const char *sk = strings.data + skels.groups[k].str;
        size_t len = strlen(sk);
        if (!ppi_is_ascii(sk, len))
            continue;
        for (size_t i = 0; i < len; i++) {
            if (i > 0 && sk[i] == sk[i - 1])
                continue; /* same string as deleting the previous byte */
            if (nde == cap)
                de = xrealloc(de, (cap = cap ? cap * 2 : 4096) * sizeof *de);
            de[nde].skel = xrealloc(NULL, len);
            memcpy(de[nde].skel, sk, i);
            memcpy(de[nde].skel + i, sk + i + 1, len - i);
            de[nde++].id = (uint32_t)k;
        }
    }
    string_index dels = index_strings(de, nde, &strings);
    ppm_channel_entry *ce = xrealloc(NULL, (ch->n + 1) * sizeof *ce);
    size_t *order = xrealloc(NULL, (ch->n + 1) * sizeof *order);
    for (size_t i = 0; i < ch->n; i++)
        order[i] = i;
    sort_channel_src = ch;
    qsort(order, ch->n, sizeof *order, cmp_channel);
    for (size_t k = 0; k < ch->n; k++) {
        size_t i = order[k];
        ce[k].truth = (uint32_t)strings.len;
        ppi_buf_append(&strings, ch->truth[i], strlen(ch->truth[i]) + 1);
        ce[k].ocr = (uint32_t)strings.len;
        ppi_buf_append(&strings, ch->ocr[i], strlen(ch->ocr[i]) + 1);
        ce[k].cost = ch->cost[i];
    }
    free(order);

    ppm_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, PPM_MAGIC, sizeof PPM_MAGIC);
    h.format_version = PPM_FORMAT_VERSION;
    h.byte_order = PPM_BYTE_ORDER;
    h.nvocab = V;
    h.nbigram = (uint32_t)lm->nbi;
    h.ntrigram = (uint32_t)lm->ntri;
    h.nskel = (uint32_t)skels.ngroups;
    h.ndel = (uint32_t)dels.ngroups;
    h.dhash_size = dels.hash_size;
    h.bhash_size = bh;
    h.nchannel = (uint32_t)ch->n;
    h.vhash_size = vh;
    h.shash_size = skels.hash_size;
    h.unk_id = m->unk;
    h.bos_id = m->bos;
    h.eos_id = m->eos;
    h.corpus_tokens = m->tokens;
    /* the lists grouped by key; each group's ids then index kc itself */
    string_index keys = index_strings(lists ? lists->e : NULL, lists ? lists->n : 0, &strings);
    if (lists)
        lists->e = NULL, lists->n = 0;
    ppm_cand *kc = xrealloc(NULL, (keys.nids + 1) * sizeof *kc);
    for (size_t k = 0; k < keys.nids; k++)
        kc[k] = lists->c[keys.ids[k]];
    h.nkey = (uint32_t)keys.ngroups;
    h.khash_size = keys.hash_size;
    h.ncand = (uint32_t)keys.nids;

    ppi_buf file = {0};
    put(&file, &h, sizeof h);
    ppm_section_ref *s = h.sections;
    s[PPM_STRINGS] = (ppm_section_ref){put(&file, strings.data, strings.len), strings.len};
    s[PPM_VOCAB] = (ppm_section_ref){put(&file, vw, ((size_t)V + 1) * sizeof *vw), ((size_t)V + 1) * sizeof *vw};
    s[PPM_VHASH] = (ppm_section_ref){put(&file, vhash, (size_t)vh * 4), (size_t)vh * 4};
    s[PPM_BIGRAM] = (ppm_section_ref){put(&file, bg, (lm->nbi + 1) * sizeof *bg), (lm->nbi + 1) * sizeof *bg};
    s[PPM_TRIGRAM] = (ppm_section_ref){put(&file, tg, lm->ntri * sizeof *tg), lm->ntri * sizeof *tg};
    put_index(&file, &skels, s + PPM_SKEL, s + PPM_SHASH, s + PPM_SKELIDS);
    s[PPM_CHANNEL] = (ppm_section_ref){put(&file, ce, ch->n * sizeof *ce), ch->n * sizeof *ce};
    put_index(&file, &dels, s + PPM_DELS, s + PPM_DHASH, s + PPM_DELIDS);
    s[PPM_BHASH] = (ppm_section_ref){put(&file, bhash, (size_t)bh * 4), (size_t)bh * 4};
    s[PPM_KEYS] = (ppm_section_ref){put(&file, keys.groups, keys.ngroups * sizeof *keys.groups),
                                    keys.ngroups * sizeof *keys.groups};
    s[PPM_KHASH] = (ppm_section_ref){put(&file, keys.hash, (size_t)keys.hash_size * 4), (size_t)keys.hash_size * 4};
    s[PPM_CANDS] = (ppm_section_ref){put(&file, kc, keys.nids * sizeof *kc), keys.nids * sizeof *kc};
    while (file.len % 8)
        ppi_buf_putc(&file, 0);
    h.file_size = file.len;
    h.checksum = ppm_checksum(file.data + sizeof h, file.len - sizeof h);
    memcpy(file.data, &h, sizeof h);

    pp_ctx *ctx = NULL;
    if (pp_ctx_new(&ctx) != PP_OK || pp_write_file_atomic(ctx, path, file.data, file.len) != PP_OK)
        die("%s", ctx ? pp_errmsg(ctx) : "out of memory");
    fprintf(stderr,
            "pp-build-model: wrote %s (%zu bytes, %zu lexicon skeletons, %zu deletions, %zu channel entries, "
            "%zu tokens with %zu stored candidates)\n",
            path, file.len, skels.ngroups, dels.ngroups, ch->n, keys.ngroups, keys.nids);
    free_index(&keys);
    free(kc);
    pp_ctx_free(ctx);
    free_index(&skels);
    free_index(&dels);
    free(bhash);
    free(ce);
    free(vhash);
    free(vw);
    free(bg);
    free(tg);
    ppi_buf_free(&strings);
    ppi_buf_free(&file);
}

/* Appends the candidates restoration would search for key. */
static void add_searched(stored_lists *t, const pp_model *m, ppi_buf *scratch, const char *key)
{
    ppi_cand c[PPI_MAX_CANDS];
    int n = ppi_search_candidates(m, scratch, key, strlen(key), c, PPI_MAX_CANDS);
    if (n < 0)
        die("out of memory");
    for (int k = 0; k < n; k++) {
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 65536;
            t->e = xrealloc(t->e, t->cap * sizeof *t->e);
            t->c = xrealloc(t->c, t->cap * sizeof *t->c);
        }
        if (t->n >= UINT32_MAX)
            die("too many stored candidates");
        t->c[t->n] = (ppm_cand){c[k].id, (uint32_t)c[k].keep, c[k].channel};
        t->e[t->n] = (skel_entry){xstrdup(key), (uint32_t)t->n};
        t->n++;
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The tokens whose lists are stored: every word (but <s> and the other
   classes), every skeleton, and the OCR tokens given (as restoration's
   look-up keys: normalised, lowercase), each once, sorted. */
static size_t stored_keys(const pp_model *m, const token_list *ocr, char ***out)
{
    size_t n = 0, cap = (size_t)m->h->nvocab + m->h->nskel + ocr->n;
    char **k = xrealloc(NULL, (cap + 1) * sizeof *k);
    for (uint32_t i = 0; i < m->h->nvocab; i++)
        if (!(m->vocab[i].flags & PPM_W_CLASS))
            k[n++] = xstrdup(ppi_model_word(m, i));
    for (uint32_t i = 0; i < m->h->nskel; i++)
        k[n++] = xstrdup(m->strings + m->skel[i].str);
    for (size_t i = 0; i < ocr->n; i++)
        k[n++] = xstrdup(ocr->v[i]);
    qsort(k, n, sizeof *k, cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < n; i++) {
        if (u && strcmp(k[i], k[u - 1]) == 0)
            free(k[i]);
        else
            k[u++] = k[i];
    }
    *out = k;
    return u;
}

/* The candidate lists of the stored keys, searched with the model at path
   by the library's own search: what a context would find for them. */
static void search_all(stored_lists *t, const char *path, const token_list *ocr)
{
    pp_ctx *ctx = NULL;
    pp_model *m = NULL;
    ppi_buf scratch = {0};
    if (pp_ctx_new(&ctx) != PP_OK || pp_model_load(&m, ctx, path) != PP_OK)
        die("%s", ctx ? pp_errmsg(ctx) : "out of memory");
    char **keys;
    size_t n = stored_keys(m, ocr, &keys);
    for (size_t i = 0; i < n; i++) {
        add_searched(t, m, &scratch, keys[i]);
        free(keys[i]);
    }
    free(keys);
    ppi_buf_free(&scratch);
    pp_model_free(m);
    pp_ctx_free(ctx);
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    model_in m;
    memset(&m, 0, sizeof m);
    channel_in ch = {0};
    token_list ocr = {0};
    /* fixed ids first, so that <s> and friends are stable */
    m.bos = intern(&m.v, "<s>", 3, PPM_W_CLASS);
    m.eos = intern(&m.v, "</s>", 4, PPM_W_CLASS);
    m.unk = intern(&m.v, "<unk>", 5, PPM_W_CLASS);
    int i = 1, files = 0;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--lexicon") == 0 && i + 1 < argc)
            read_lexicon(&m, argv[++i], 0);
        else if (strcmp(argv[i], "--passthrough") == 0 && i + 1 < argc)
            read_lexicon(&m, argv[++i], 1);
        else if (strcmp(argv[i], "--channel") == 0 && i + 1 < argc)
            read_channel(&ch, argv[++i]);
        else if (strcmp(argv[i], "--ocr-tokens") == 0 && i + 1 < argc)
            read_ocr_tokens(&ocr, argv[++i]);
        else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (argv[i][0] == '-')
            die("unknown option %s", argv[i]);
        else
            break;
    }
    for (; i < argc; i++, files++)
        count_file(&m, argv[i]);
    if (!out || !files)
        die("usage: pp-build-model -o OUT [--lexicon F]... [--passthrough F] [--channel F] [--ocr-tokens F] "
            "CORPUS...");
    /* corpus words that are not syllables (CCHC, Zalo) seen often enough
       join the lexicon as pass-through words */
    for (uint32_t w = 0; w < m.v.n; w++)
        if (!(m.v.w[w].flags & (PPM_W_SYLLABLE | PPM_W_CLASS)) && m.v.w[w].count >= 3)
            m.v.w[w].flags |= PPM_W_LEXICON | PPM_W_PASSTHROUGH;
    fprintf(stderr, "pp-build-model: %d corpus files, %u tokens\n", files, m.tokens);
    lm_out lm;
    build_lm(&m, &lm);
    /* the model without candidate lists first: the lists are searched
       with it, then stored in the model written over it */
    write_model(out, &m, &lm, &ch, NULL);
    stored_lists lists = {0};
    search_all(&lists, out, &ocr);
    write_model(out, &m, &lm, &ch, &lists);
    free(lists.c);
    for (size_t k = 0; k < ocr.n; k++)
        free(ocr.v[k]);
    free(ocr.v);
    return 0;
}
