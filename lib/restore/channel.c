/*
 * channel.c - the OCR channel: how likely an OCR string is as a reading of
 * a candidate word, as a cost (-log10 probability, 0 for a perfect match).
 *
 * A weighted alignment of the two strings, letter by letter, where a true
 * letter may be read as one OCR character, two ("ư" as "ir", "m" as "rn"),
 * or none, and OCR may add characters. Costs come from the model's learned
 * substitution table when it has the pair, else from the hand-set classes
 * below. Diacritics lost or changed cost little: that is what an English
 * OCR engine does to every Vietnamese letter.
 */
#include "channel.h"

#include "../normalize/syllable.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* hand-set costs, log10 units */
#define COST_MARK_LOST 0.35f   /* "ế" read as "e": the diacritics vanished */
#define COST_MARK_WRONG 0.7f   /* "ế" read as "é": other diacritics */
#define COST_CONFUSION 1.0f    /* a known look-alike: "ô" as "6", "đ" as "P" */
#define COST_CONFUSION2 1.2f   /* a known two-character reading: "ư" as "ir" */
#define COST_SUB 2.5f          /* any other substitution */
#define COST_DEL 2.2f          /* a letter lost */
#define COST_INS 2.2f          /* a character added */
#define COST_TWO_OTHER 3.0f    /* two characters, no known look-alike */
/* weight of the learned readings against the hand-set ones, chosen on the
   synthetic dev set (0: 88.3%, 0.5: 91.9%, 1: 91.9%) */
#define PPI_LEARNED_SHARE 0.5

/* Look-alikes: a true base letter (no diacritics) and what OCR makes of it
   (one or two code points). */
static const struct {
    char truth;
    uint32_t o0, o1;
} confusions[] = {
    {'o', '6', 0}, {'o', '0', 0}, {'o', 'd', 0}, {'o', 'b', 0}, {'o', '9', 0}, {'o', 'e', 0}, {'o', 'a', 0},
    {'u', 'w', 0}, {'u', 'i', 'r'}, {'u', 't', 'r'}, {'u', 't', 'i'}, {'u', 'l', 'i'}, {'u', 'i', 't'},
    {'u', 'i', 'i'}, {'u', 'i', 0}, {'u', 'a', 0}, {'u', 'v', 0}, {'u', 'c', 'i'}, {'u', 'n', 'i'},
    {'u', 'r', 'i'},
    /* found in the training pairs (tools/synth), the learned table lacking them */
    {'u', 'i', 'v'}, {'u', 't', 'f'}, {'u', 'i', 'f'}, {'u', 'u', 'r'},
    {'u', 'u', 't'}, {'o', 'r', 'g'},
    {'d', 'p', 0}, {'d', 'b', 0}, {'d', 0xF0, 0}, {'d', 0xE4, 0},
    {'i', 'l', 0}, {'i', '1', 0}, {'i', 'j', 0}, {'i', '!', 0}, {'i', 't', 0},
    {'a', '@', 0}, {'a', '4', 0}, {'a', 'i', 'i'}, {'a', 'e', 0}, {'a', 'o', 0}, {'a', 'd', 0}, {'a', 'i', 0},
    {'e', '&', 0}, {'e', 'c', 0}, {'e', '6', 0}, {'e', 'a', 0}, {'e', 'o', 0},
    {'m', 'r', 'n'}, {'m', 'n', 'n'}, {'m', 'i', 'n'},
    {'n', 'r', 'i'}, {'h', 'b', 0}, {'h', 'l', 'i'}, {'c', 0xA2, 0}, {'c', 'e', 0}, {'s', 0xA7, 0},
    {'s', '5', 0}, {'y', 0xA5, 0}, {'y', 'v', 0}, {'g', 'q', 0}, {'q', 'g', 0}, {'l', '1', 0},
    {'l', 'i', 0}, {'t', 'f', 0},
    /* symbols for marked letters ("huy€n", "nu@c", "xt?", "ct¥a", "s&") */
    {'e', 0x20AC, 0}, {'o', '@', 0}, {'o', 0xA2, 0}, {'u', 0xA2, 0}, {'u', 0xA5, 0}, {'u', 't', 0xA5},
    {'u', 't', '?'}, {'u', 'i', '?'}, {'u', '?', 0}, {'o', '&', 0}, {'a', '&', 0}, {'o', 0xAE, 0}, {'i', '{', 0},
};

/* A word's letters with their plain base letters, classified once. */
typedef struct letters {
    const uint32_t *cp;
    char base[PPI_MAX_WORD];
    int n;
} letters;

static void classify(letters *l, const uint32_t *cp, int n)
{
    l->cp = cp;
    l->n = n;
    for (int i = 0; i < n; i++)
        l->base[i] = ppi_base_letter(cp[i]);
}

/* The hand-set cost of reading true letter tc (plain base tb) as o0 o1
   (olen 0-2 characters; ob0 the plain base of o0), look-alikes aside.
   Negative: no such reading. */
static float plain_cost(uint32_t tc, char tb, uint32_t o0, char ob0, int olen)
{
    if (olen == 1 && o0 == tc)
        return 0;
    if (!tb)
        return olen == 1 ? COST_SUB : -1;
    if (olen == 1 && ob0 == tb)
        return o0 < 0x80 ? COST_MARK_LOST : COST_MARK_WRONG;
    return olen == 1 ? COST_SUB : -1;
}

/* The same with the look-alikes. */
static float hand_cost(uint32_t tc, char tb, uint32_t o0, char ob0, uint32_t o1, int olen)
{
    float plain = plain_cost(tc, tb, o0, ob0, olen);
    if (plain == 0 || !tb || (olen == 1 && ob0 == tb) || olen == 0)
        return plain;
    for (size_t k = 0; k < sizeof confusions / sizeof confusions[0]; k++)
        if (confusions[k].truth == tb && confusions[k].o0 == o0 && confusions[k].o1 == o1)
            return olen == 1 ? COST_CONFUSION : COST_CONFUSION2;
    /* any other two characters: dearer than a look-alike, cheaper than a
       substitution and an added character, so that pp-learn-channel can
       find two-character readings no one listed ("ư" as "tf") */
    return olen == 2 ? COST_TWO_OTHER : plain;
}

int ppi_channel_each_look_alike(int (*add)(void *arg, uint32_t truth, uint32_t o0, uint32_t o1, float cost),
                                void *arg)
{
    /* every lowercase letter: ASCII, Latin-1 and Latin Extended-A, and
       Vietnamese in Latin Extended Additional */
    for (uint32_t tc = 'a'; tc < 0x1F00; tc++) {
        char tb = ppi_base_letter(tc);
        if (!tb || ppi_lower_cp(tc) != tc)
            continue;
        for (size_t k = 0; k < sizeof confusions / sizeof confusions[0]; k++) {
            uint32_t o0 = confusions[k].o0, o1 = confusions[k].o1;
            if (confusions[k].truth != tb || (!o1 && ppi_base_letter(o0) == tb))
                continue;
            int rc = add(arg, tc, o0, o1, hand_cost(tc, tb, o0, ppi_base_letter(o0), o1, o1 ? 2 : 1));
            if (rc)
                return rc;
        }
    }
    return 0;
}

float ppi_channel_mixed(float learned, uint32_t tc, uint32_t o0, uint32_t o1)
{
    int olen = o0 ? (o1 ? 2 : 1) : 0;
    float hand = hand_cost(tc, ppi_base_letter(tc), o0, o0 ? ppi_base_letter(o0) : 0, o1, olen);
    double p = PPI_LEARNED_SHARE * pow(10.0, -learned) + (1 - PPI_LEARNED_SHARE) * (hand < 0 ? 0 : pow(10.0, -hand));
    return (float)-log10(p);
}

/* Reading costs already computed for one OCR string, by (OCR position,
   characters read, true letter): the same readings recur across the
   dozens of candidates aligned against one token. Direct-mapped: a
   collision only costs a recomputation. */
#define MEMO_WAYS 16

struct ppi_channel_reader {
    const pp_model *m;
    int memo_on;
    uint32_t cp[PPI_MAX_WORD];
    letters o;
    struct {
        uint32_t tc; /* 0: empty */
        float cost;
    } memo[PPI_MAX_WORD + 1][3][MEMO_WAYS];
    /* the DP columns of the last word read (prev_t), valid up to ncols */
    float cols[PPI_MAX_WORD + 1][PPI_MAX_WORD + 1];
    uint32_t prev_t[PPI_MAX_WORD];
    int ncols;
};

/* The model's reading when it has one (learned readings mixed with the
   hand-set cost, and the hand-set look-alikes, indexed at load), else the
   plain hand-set one. */
static float reading_cost(const pp_model *m, const letters *t, int j, const letters *o, int i, int olen)
{
    uint32_t tc = t->cp[j];
    uint32_t o0 = olen > 0 ? o->cp[i] : 0, o1 = olen > 1 ? o->cp[i + 1] : 0;
    if (!m) /* no model (learning the channel): the hand-set costs alone */
        return hand_cost(tc, t->base[j], o0, olen > 0 ? o->base[i] : 0, o1, olen);
    float known = ppi_model_channel(m, tc, o0, o1);
    if (known >= 0)
        return known;
    return plain_cost(tc, t->base[j], o0, olen > 0 ? o->base[i] : 0, olen);
}

static float memo_cost(ppi_channel_reader *r, const letters *t, int j, int i, int olen)
{
    if (!r->memo_on)
        return reading_cost(r->m, t, j, &r->o, i, olen);
    uint32_t tc = t->cp[j];
    unsigned w = (tc * 2654435761u) >> 28;
    if (r->memo[i][olen][w].tc != tc) {
        r->memo[i][olen][w].tc = tc;
        r->memo[i][olen][w].cost = reading_cost(r->m, t, j, &r->o, i, olen);
    }
    return r->memo[i][olen][w].cost;
}

/* One DP column: the best cost of reading the true letters t[0..j) as the
   OCR characters o[0..i), for each i. Column j depends on t[0..j) only. */
static float fill_column(ppi_channel_reader *r, const letters *tl, int j, const float *prev, float *col,
                         unsigned char from[PPI_MAX_WORD + 1][PPI_MAX_WORD + 1])
{
    int no = r->o.n;
    float col_min = 1e9f;
    for (int i = 0; i <= no; i++) {
        float best = i == 0 && j == 0 ? 0 : 1e9f;
        unsigned char move = 0;
        if (i > 0 && col[i - 1] + COST_INS < best)
            best = col[i - 1] + COST_INS, move = 0;
        if (j > 0) {
            float del = memo_cost(r, tl, j - 1, i, 0);
            del = del < 0 ? COST_DEL : del;
            if (prev[i] + del < best)
                best = prev[i] + del, move = 1;
            if (i > 0) {
                float c = memo_cost(r, tl, j - 1, i - 1, 1);
                if (prev[i - 1] + c < best)
                    best = prev[i - 1] + c, move = 2;
            }
            if (i > 1) {
                float c = memo_cost(r, tl, j - 1, i - 2, 2);
                if (c >= 0 && prev[i - 2] + c < best)
                    best = prev[i - 2] + c, move = 3;
            }
        }
        col[i] = best;
        col_min = best < col_min ? best : col_min;
        if (from)
            from[i][j] = move;
    }
    return col_min;
}

/* The alignment DP, column by column (true letter by true letter); when
   `from` is given it records which move reached each cell (0 insert, 1
   delete, 2 one-to-one, 3 one-to-two). Candidates come in sorted order,
   so the columns of the prefix shared with the last word read are reused.
   Stops with a cost above limit once a whole column is above it: every
   alignment passes through every column, and costs never fall. */
static float align_dp(ppi_channel_reader *r, const uint32_t *t, int nt,
                      unsigned char from[PPI_MAX_WORD + 1][PPI_MAX_WORD + 1], float limit)
{
    if (r->o.n > PPI_MAX_WORD || nt > PPI_MAX_WORD)
        return 99.0f;
    letters tl;
    classify(&tl, t, nt);
    int start = 0;
    if (!from && r->ncols > 0) {
        int p = 0; /* columns 0..p hold for t too */
        while (p < nt && p < r->ncols - 1 && r->prev_t[p] == t[p])
            p++;
        start = p + 1;
    }
    for (int k = start; k <= nt; k++) {
        if (k > 0)
            r->prev_t[k - 1] = t[k - 1];
        float col_min = fill_column(r, &tl, k, k > 0 ? r->cols[k - 1] : NULL, r->cols[k], from);
        r->ncols = k + 1;
        if (col_min > limit)
            return col_min;
    }
    return r->cols[nt][r->o.n];
}

static void reader_init(ppi_channel_reader *r, const pp_model *m, const uint32_t *o, int no, int memo_on)
{
    r->m = m;
    r->memo_on = memo_on;
    r->ncols = 0;
    no = no > PPI_MAX_WORD ? PPI_MAX_WORD + 1 : no;
    memcpy(r->cp, o, sizeof(uint32_t) * (size_t)(no > PPI_MAX_WORD ? PPI_MAX_WORD : no));
    classify(&r->o, r->cp, no > PPI_MAX_WORD ? PPI_MAX_WORD : no);
    r->o.n = no;
    if (memo_on) /* only the rows of the string's positions are used */
        memset(r->memo, 0, sizeof r->memo[0] * (size_t)(no > PPI_MAX_WORD ? PPI_MAX_WORD + 1 : no + 1));
}

ppi_channel_reader *ppi_channel_reader_new(const pp_model *m, const uint32_t *o, int no)
{
    ppi_channel_reader *r = malloc(sizeof *r);
    if (r)
        reader_init(r, m, o, no, 1);
    return r;
}

void ppi_channel_reader_free(ppi_channel_reader *r)
{
    free(r);
}

float ppi_channel_read(ppi_channel_reader *r, const uint32_t *t, int nt, float limit)
{
    return align_dp(r, t, nt, NULL, limit);
}

float ppi_channel_align(const pp_model *m, const uint32_t *o, int no, const uint32_t *t, int nt,
                        ppi_align_step *steps, int *nsteps)
{
    unsigned char from[PPI_MAX_WORD + 1][PPI_MAX_WORD + 1];
    *nsteps = 0;
    ppi_channel_reader r;
    reader_init(&r, m, o, no, 0); /* one alignment: nothing to remember */
    float cost = align_dp(&r, t, nt, from, 1e30f);
    if (no > PPI_MAX_WORD || nt > PPI_MAX_WORD)
        return cost;
    ppi_align_step rev[PPI_MAX_WORD * 2 + 2];
    int n = 0, i = no, j = nt;
    while ((i > 0 || j > 0) && n < PPI_MAX_WORD * 2 + 2) {
        switch (from[i][j]) {
        case 0: rev[n++] = (ppi_align_step){-1, i - 1, 1}; i--; break;
        case 1: rev[n++] = (ppi_align_step){j - 1, i, 0}; j--; break;
        case 2: rev[n++] = (ppi_align_step){j - 1, i - 1, 1}; i--; j--; break;
        default: rev[n++] = (ppi_align_step){j - 1, i - 2, 2}; i -= 2; j--; break;
        }
    }
    for (int k = 0; k < n; k++)
        steps[k] = rev[n - 1 - k];
    *nsteps = n;
    return cost;
}
