/*
 * learn_channel.c - pp-learn-channel: learns how OCR reads each letter.
 *
 *   pp-learn-channel [-o OUT.tsv] [--min-count N] [--tokens TOKENS.tsv]
 *                    GOLD OCR [GOLD OCR ...]
 *
 * GOLD is clean text, OCR the same text after rendering and OCR (made by
 * tools/synth/make-ocr-pairs.sh from training documents only). Words are
 * aligned (line by line when the line counts agree), each aligned pair is
 * aligned letter by letter with the hand-set channel, and the readings are
 * counted: truth letter -> OCR string (0-2 characters). So is each
 * syllable's rhyme as a whole, when OCR read its onset plainly: truth
 * "-" + rhyme -> the rest of the OCR string ("-ược" -> "ugc"). Output: TSV
 * "truth<TAB>ocr<TAB>cost" with cost = -log10 P(ocr | truth), for every
 * reading seen at least --min-count times (default 3; a rhyme read as
 * itself is left out). --tokens also writes the OCR tokens that are no
 * syllable and no number, seen twice or more, "token<TAB>count", most
 * frequent first: the model stores their candidate lists
 * (dict/ocr-tokens.tsv).
 */
#include "core/internal.h"
#include "restore/model_format.h"
#include "normalize/syllable.h"
#include "planparse.h"
#include "restore/channel.h"
#include "restore/horn.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct wtok {
    uint32_t cp[PPI_MAX_WORD];
    int n;
    char skel[PPI_MAX_WORD * 4 + 4];
    size_t line;
    int syllable; /* a valid Vietnamese syllable */
} wtok;

typedef struct wlist {
    wtok *v;
    size_t n, cap, lines;
} wlist;

static void fail(const char *msg, const char *arg)
{
    fprintf(stderr, "pp-learn-channel: %s%s\n", msg, arg);
    exit(1);
}

/* Lowercase word tokens (letters and digits) of a file, with lines. */
static void read_words(const char *path, wlist *out)
{
    pp_ctx *ctx;
    char *raw, *text;
    size_t rn, tn;
    if (pp_ctx_new(&ctx) || pp_read_file(&raw, &rn, ctx, path, 0) || pp_decode(&text, &tn, ctx, raw, rn, NULL))
        fail("cannot read ", path);
    pp_token *t;
    size_t nt;
    if (pp_tokenize(&t, &nt, text, tn))
        fail("out of memory", "");
    /* the words as restoration sees them: "huy€n", "thu'c" one token each */
    ppi_join_word_pieces(text, t, &nt);
    ppi_buf low = {0};
    size_t line = 0;
    for (size_t i = 0; i < nt; i++) {
        line += t[i].kind == PP_TOK_NEWLINE;
        if (t[i].kind != PP_TOK_WORD && t[i].kind != PP_TOK_NUMBER)
            continue;
        low.len = 0;
        if (ppi_append_lower(&low, text + t[i].offset, t[i].length))
            fail("out of memory", "");
        wtok w = {.line = line, .syllable = (t[i].flags & PP_TOKF_SYLLABLE) != 0};
        for (size_t k = 0; k < low.len && w.n < PPI_MAX_WORD;) {
            size_t l = ppi_utf8_decode((const unsigned char *)low.data + k, low.len - k, &w.cp[w.n]);
            if (!l)
                break;
            w.n++;
            k += l;
        }
        if (!ppi_skeleton(low.data, low.len, w.skel, sizeof w.skel))
            continue;
        if (out->n == out->cap) {
            out->cap = out->cap ? out->cap * 2 : 1024;
            out->v = realloc(out->v, out->cap * sizeof *out->v);
            if (!out->v)
                fail("out of memory", "");
        }
        out->v[out->n++] = w;
    }
    out->lines = line + 1;
    ppi_buf_free(&low);
    pp_free(t);
    pp_free(text);
    pp_free(raw);
    pp_ctx_free(ctx);
}

/* Normalised edit distance of two skeletons, 0 (same) .. 1. */
static double skel_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (!na || !nb)
        return 1;
    unsigned d[64][64];
    if (na > 63 || nb > 63)
        return 1;
    for (size_t i = 0; i <= na; i++)
        for (size_t j = 0; j <= nb; j++) {
            if (!i || !j) {
                d[i][j] = (unsigned)(i + j);
                continue;
            }
            unsigned s = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            unsigned x = d[i - 1][j] + 1 < d[i][j - 1] + 1 ? d[i - 1][j] + 1 : d[i][j - 1] + 1;
            d[i][j] = s < x ? s : x;
        }
    return (double)d[na][nb] / (double)(na > nb ? na : nb);
}

/* ---- counting readings ---- */

/* A reading: a true letter, or a rhyme written "-" + rhyme ("-ược"), and
   what OCR made of it. */
typedef struct reading {
    char truth[PPI_MAX_WORD * 4 + 2];
    char ocr[PPI_MAX_WORD * 4 + 1];
    unsigned count;
} reading;

/* The readings, with an open-addressing index (entry + 1, 0 empty): the
   rhymes make thousands of distinct readings. */
typedef struct counts {
    reading *v;
    size_t n, cap;
    size_t *at;
    size_t at_size; /* power of two, > 2n */
    size_t pairs, letters, rhymes;
} counts;

static size_t reading_hash(const char *truth, const char *ocr)
{
    uint64_t h = ppm_fnv1a(truth, strlen(truth) + 1, PPM_FNV_SEED);
    return (size_t)ppm_fnv1a(ocr, strlen(ocr), h);
}

static void grow_index(counts *c)
{
    c->at_size = c->at_size ? c->at_size * 2 : 4096;
    free(c->at);
    c->at = calloc(c->at_size, sizeof *c->at);
    if (!c->at)
        fail("out of memory", "");
    for (size_t i = 0; i < c->n; i++) {
        size_t j = reading_hash(c->v[i].truth, c->v[i].ocr) & (c->at_size - 1);
        while (c->at[j])
            j = (j + 1) & (c->at_size - 1);
        c->at[j] = i + 1;
    }
}

static void count_string_reading(counts *c, const char *truth, const char *ocr)
{
    if (strlen(truth) >= sizeof c->v[0].truth || strlen(ocr) >= sizeof c->v[0].ocr)
        return;
    if (2 * (c->n + 1) > c->at_size)
        grow_index(c);
    size_t j = reading_hash(truth, ocr) & (c->at_size - 1);
    for (; c->at[j]; j = (j + 1) & (c->at_size - 1)) {
        reading *r = &c->v[c->at[j] - 1];
        if (strcmp(r->truth, truth) == 0 && strcmp(r->ocr, ocr) == 0) {
            r->count++;
            return;
        }
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 512;
        c->v = realloc(c->v, c->cap * sizeof *c->v);
        if (!c->v)
            fail("out of memory", "");
    }
    reading *r = &c->v[c->n++];
    strcpy(r->truth, truth);
    strcpy(r->ocr, ocr);
    r->count = 1;
    c->at[j] = c->n;
}

static void count_reading(counts *c, uint32_t truth, const uint32_t *o, int len)
{
    char t[8], s[12];
    ppi_utf8_from_cps(&truth, 1, t);
    ppi_utf8_from_cps(o, len, s);
    count_string_reading(c, t, s);
}

/* The rhyme of a true syllable and what OCR made of it, when OCR read the
   onset as its plain letters ("được" / "dugc": "ược" as "ugc"). OCR mangles
   a rhyme as a whole more often than its letters one by one would say:
   "ực" read as "y" loses a letter and changes another. */
static void count_rhyme(counts *c, const wtok *g, const wtok *o)
{
    char gs[PPI_MAX_WORD * 4 + 1], os[PPI_MAX_WORD * 4 + 1], onset[8];
    size_t gl = ppi_utf8_from_cps(g->cp, g->n, gs);
    size_t ol = ppi_utf8_from_cps(o->cp, o->n, os);
    size_t on = ppi_written_onset(gs, gl);
    size_t sk = on ? ppi_skeleton(gs, on, onset, sizeof onset) : 0;
    if (sk > ol || strncmp(os, onset, sk) != 0)
        return;
    char truth[PPI_MAX_WORD * 4 + 2] = "-";
    memcpy(truth + 1, gs + on, gl - on + 1);
    count_string_reading(c, truth, os + sk);
    c->rhymes++;
}

static void learn_pair(counts *c, const wtok *g, const wtok *o)
{
    ppi_align_step steps[PPI_MAX_WORD * 2 + 2];
    int n;
    ppi_channel_align(NULL, o->cp, o->n, g->cp, g->n, steps, &n);
    for (int k = 0; k < n; k++)
        if (steps[k].truth >= 0) {
            count_reading(c, g->cp[steps[k].truth], o->cp + steps[k].ocr, steps[k].ocr_len);
            c->letters++;
        }
    if (g->syllable)
        count_rhyme(c, g, o);
    c->pairs++;
}

/* Aligns two word sequences and learns from the pairs that match. */
static void align_words(counts *c, const wtok *g, size_t ng, const wtok *h, size_t nh)
{
    size_t w = nh + 1;
    double *d = malloc(sizeof(double) * (ng + 1) * w);
    if (!d)
        fail("out of memory", "");
    for (size_t i = 0; i <= ng; i++)
        for (size_t j = 0; j <= nh; j++) {
            if (!i || !j) {
                d[i * w + j] = (double)(i + j);
                continue;
            }
            double s = d[(i - 1) * w + j - 1] + skel_distance(g[i - 1].skel, h[j - 1].skel);
            double x = d[(i - 1) * w + j] + 1, y = d[i * w + j - 1] + 1;
            d[i * w + j] = s < x ? (s < y ? s : y) : (x < y ? x : y);
        }
    size_t i = ng, j = nh;
    while (i > 0 && j > 0) {
        double sd = skel_distance(g[i - 1].skel, h[j - 1].skel);
        if (d[i * w + j] == d[(i - 1) * w + j - 1] + sd) {
            if (sd <= 0.5)
                learn_pair(c, &g[i - 1], &h[j - 1]);
            i--;
            j--;
        } else if (d[i * w + j] == d[(i - 1) * w + j] + 1) {
            i--;
        } else {
            j--;
        }
    }
    free(d);
}

/* Counts the OCR tokens that are no syllable and no number as they stand
   ("tuyén", "ctia", "dugc"), as an empty truth's readings. */
static void count_tokens(counts *tokens, const wlist *h)
{
    for (size_t i = 0; i < h->n; i++) {
        const wtok *w = &h->v[i];
        int digits = 1;
        for (int k = 0; k < w->n; k++)
            digits &= ppi_is_digit(w->cp[k]);
        if (w->syllable || digits || w->n >= PPI_MAX_WORD)
            continue; /* the last: cut at PPI_MAX_WORD letters */
        char s[PPI_MAX_WORD * 4 + 1];
        ppi_utf8_from_cps(w->cp, w->n, s);
        count_string_reading(tokens, "", s);
    }
}

static void learn_files(counts *c, counts *tokens, const char *gold, const char *ocr)
{
    wlist g = {0}, h = {0};
    read_words(gold, &g);
    read_words(ocr, &h);
    count_tokens(tokens, &h);
    if (g.lines == h.lines) {
        size_t gi = 0, hi = 0;
        for (size_t line = 0; line < g.lines; line++) {
            size_t g0 = gi, h0 = hi;
            while (gi < g.n && g.v[gi].line == line)
                gi++;
            while (hi < h.n && h.v[hi].line == line)
                hi++;
            align_words(c, g.v + g0, gi - g0, h.v + h0, hi - h0);
        }
    } else {
        align_words(c, g.v, g.n, h.v, h.n);
    }
    free(g.v);
    free(h.v);
}

static int cmp_reading(const void *a, const void *b)
{
    const reading *x = a, *y = b;
    int t = strcmp(x->truth, y->truth);
    return t ? t : strcmp(x->ocr, y->ocr);
}

/* Most frequent first, then by token. */
static int cmp_token(const void *a, const void *b)
{
    const reading *x = a, *y = b;
    return x->count != y->count ? (x->count < y->count) - (x->count > y->count) : strcmp(x->ocr, y->ocr);
}

/* The OCR tokens seen at least min_count times: their candidate lists are
   stored in the model (pp-build-model --ocr-tokens). */
static void write_tokens(counts *tokens, const char *path, unsigned min_count, size_t pages)
{
    qsort(tokens->v, tokens->n, sizeof *tokens->v, cmp_token);
    FILE *f = fopen(path, "w");
    if (!f)
        fail("cannot write ", path);
    fprintf(f, "# OCR tokens that are no syllable, seen %u times or more in %zu pages of synthetic OCR\n"
               "# of training documents (tools/synth): token<TAB>count. pp-build-model stores their\n"
               "# candidate lists in the model. Made by pp-learn-channel --tokens. Do not edit by hand.\n",
            min_count, pages);
    size_t written = 0;
    for (size_t i = 0; i < tokens->n && tokens->v[i].count >= min_count; i++, written++)
        fprintf(f, "%s\t%u\n", tokens->v[i].ocr, tokens->v[i].count);
    if (fclose(f) != 0)
        fail("cannot write ", path);
    fprintf(stderr, "pp-learn-channel: %zu OCR tokens written to %s\n", written, path);
}

int main(int argc, char **argv)
{
    const char *out = NULL, *tokens_out = NULL;
    unsigned min_count = 3, min_token_count = 2;
    int a = 1;
    for (; a < argc && argv[a][0] == '-'; a++) {
        if (strcmp(argv[a], "-o") == 0 && a + 1 < argc)
            out = argv[++a];
        else if (strcmp(argv[a], "--min-count") == 0 && a + 1 < argc)
            min_count = (unsigned)atoi(argv[++a]);
        else if (strcmp(argv[a], "--tokens") == 0 && a + 1 < argc)
            tokens_out = argv[++a];
        else
            fail("unknown option ", argv[a]);
    }
    if (argc - a < 2 || (argc - a) % 2)
        fail("usage: pp-learn-channel [-o OUT] [--min-count N] [--tokens OUT] GOLD OCR [GOLD OCR ...]", "");
    counts c = {0}, tokens = {0};
    size_t pages = 0;
    for (; a + 1 < argc; a += 2, pages++)
        learn_files(&c, &tokens, argv[a], argv[a + 1]);
    if (tokens_out)
        write_tokens(&tokens, tokens_out, min_token_count, pages);
    qsort(c.v, c.n, sizeof *c.v, cmp_reading);
    FILE *f = out ? fopen(out, "w") : stdout;
    if (!f)
        fail("cannot write ", out);
    fprintf(f, "# Learned OCR readings: truth<TAB>ocr<TAB>cost, cost = -log10 P(ocr | truth).\n"
               "# A truth \"-rhyme\" is a syllable's rhyme (after its onset) as a whole.\n"
               "# Made by pp-learn-channel from %zu aligned word pairs (%zu letters, %zu rhymes)\n"
               "# of synthetic OCR of training documents (tools/synth). Do not edit by hand.\n",
            c.pairs, c.letters, c.rhymes);
    size_t written = 0;
    for (size_t i = 0; i < c.n;) {
        size_t j = i;
        unsigned total = 0;
        while (j < c.n && strcmp(c.v[j].truth, c.v[i].truth) == 0)
            total += c.v[j++].count;
        for (size_t k = i; k < j; k++) {
            /* a rhyme read right is the letters' business */
            int rhyme_as_is = c.v[k].truth[0] == '-' && strcmp(c.v[k].truth + 1, c.v[k].ocr) == 0;
            if (c.v[k].count < min_count || rhyme_as_is)
                continue;
            double cost = -log10((double)c.v[k].count / (double)total);
            cost = cost > 0 ? cost : 0; /* not -0.000 */
            fprintf(f, "%s\t%s\t%.3f\n", c.v[k].truth, c.v[k].ocr, cost > 3.0 ? 3.0 : cost);
            written++;
        }
        i = j;
    }
    if (out)
        fclose(f);
    fprintf(stderr, "pp-learn-channel: %zu word pairs, %zu letters, %zu rhymes, %zu readings written\n",
            c.pairs, c.letters, c.rhymes, written);
    free(c.v);
    free(c.at);
    free(tokens.v);
    free(tokens.at);
    return 0;
}
