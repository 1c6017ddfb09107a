/* score.c - token-level Levenshtein scoring of restored text. */
#include "score.h"

#include "core/internal.h"
#include "planparse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct tok {
    const char *s;
    size_t len;
    size_t line;
    int diacritic;
} tok;

typedef struct tok_list {
    tok *v;
    size_t n, cap;
    size_t lines;
} tok_list;

static int push_tok(tok_list *l, const char *s, size_t len, size_t line, int dia)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        tok *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (tok){s, len, line, dia};
    return 0;
}

/* Tokens: maximal runs of letters and digits, with their 0-based line. */
static int tokenize(const char *t, size_t n, tok_list *out)
{
    size_t line = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = ppi_utf8_decode((const unsigned char *)t + i, n - i, &cp);
        if (!k)
            return -1;
        if (!(ppi_is_word_char(cp) || ppi_is_digit(cp))) {
            line += cp == '\n';
            i += k;
            continue;
        }
        size_t start = i;
        int dia = 0;
        while (i < n && (k = ppi_utf8_decode((const unsigned char *)t + i, n - i, &cp)) &&
               (ppi_is_word_char(cp) || ppi_is_digit(cp))) {
            dia |= cp >= 0x80;
            i += k;
        }
        if (push_tok(out, t + start, i - start, line, dia))
            return -1;
    }
    out->lines = line + 1;
    return 0;
}

static int tok_eq(const tok *a, const tok *b)
{
    return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* Levenshtein distance of g[0..ng) and h[0..nh); adds the errors and the
   exactly matched diacritic tokens (from the backtrace) into s. */
static int align(const tok *g, size_t ng, const tok *h, size_t nh, pp_score *s)
{
    size_t w = nh + 1;
    unsigned *d = malloc(sizeof(unsigned) * (ng + 1) * w);
    if (!d)
        return -1;
    for (size_t j = 0; j <= nh; j++)
        d[j] = (unsigned)j;
    for (size_t i = 1; i <= ng; i++) {
        d[i * w] = (unsigned)i;
        for (size_t j = 1; j <= nh; j++) {
            unsigned sub = d[(i - 1) * w + j - 1] + !tok_eq(&g[i - 1], &h[j - 1]);
            unsigned del = d[(i - 1) * w + j] + 1, ins = d[i * w + j - 1] + 1;
            unsigned m = sub < del ? sub : del;
            d[i * w + j] = m < ins ? m : ins;
        }
    }
    s->errors += d[ng * w + nh];
    size_t i = ng, j = nh;
    while (i > 0 && j > 0) {
        int same = tok_eq(&g[i - 1], &h[j - 1]);
        if (d[i * w + j] == d[(i - 1) * w + j - 1] + !same) {
            s->diacritic_exact += same && g[i - 1].diacritic;
            i--;
            j--;
        } else if (d[i * w + j] == d[(i - 1) * w + j] + 1) {
            i--;
        } else {
            j--;
        }
    }
    free(d);
    return 0;
}

/* NFC and one tone placement, as pp_normalize does. */
static int canonical(const char *t, size_t n, char **out, size_t *out_len)
{
    return pp_normalize(out, out_len, NULL, NULL, t, n, NULL) == PP_OK ? 0 : -1;
}

static int score_canonical(pp_score *s, const char *g, size_t gn, const char *h, size_t hn)
{
    tok_list gt = {0}, ht = {0};
    int rc = tokenize(g, gn, &gt) || tokenize(h, hn, &ht) ? -1 : 0;
    s->gold_tokens = gt.n;
    for (size_t i = 0; i < gt.n; i++)
        s->diacritic_tokens += gt.v[i].diacritic;
    s->line_aligned = rc == 0 && gt.lines == ht.lines;
    if (rc == 0 && s->line_aligned) {
        size_t gi = 0, hi = 0;
        for (size_t line = 0; rc == 0 && line < gt.lines; line++) {
            size_t g0 = gi, h0 = hi;
            while (gi < gt.n && gt.v[gi].line == line)
                gi++;
            while (hi < ht.n && ht.v[hi].line == line)
                hi++;
            rc = align(gt.v + g0, gi - g0, ht.v + h0, hi - h0, s);
        }
    } else if (rc == 0) {
        rc = align(gt.v, gt.n, ht.v, ht.n, s);
    }
    free(gt.v);
    free(ht.v);
    return rc;
}

int pp_score_texts(pp_score *out, const char *gold, size_t gold_len, const char *hyp,
                   size_t hyp_len)
{
    memset(out, 0, sizeof *out);
    char *g = NULL, *h = NULL;
    size_t gn = 0, hn = 0;
    int rc = canonical(gold, gold_len, &g, &gn);
    if (rc == 0)
        rc = canonical(hyp, hyp_len, &h, &hn);
    if (rc == 0)
        rc = score_canonical(out, g, gn, h, hn);
    pp_free(g);
    pp_free(h);
    return rc;
}

void pp_score_add(pp_score *a, const pp_score *b)
{
    a->gold_tokens += b->gold_tokens;
    a->errors += b->errors;
    a->diacritic_tokens += b->diacritic_tokens;
    a->diacritic_exact += b->diacritic_exact;
}

double pp_score_accuracy(const pp_score *s)
{
    return s->gold_tokens ? 1.0 - (double)s->errors / (double)s->gold_tokens : 1.0;
}

double pp_score_diacritic_rate(const pp_score *s)
{
    return s->diacritic_tokens ? (double)s->diacritic_exact / (double)s->diacritic_tokens : 1.0;
}
