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

#include <string.h>

/* hand-set costs, log10 units */
#define COST_MARK_LOST 0.35f   /* "ế" read as "e": the diacritics vanished */
#define COST_MARK_WRONG 0.7f   /* "ế" read as "é": other diacritics */
#define COST_CONFUSION 1.0f    /* a known look-alike: "ô" as "6", "đ" as "P" */
#define COST_CONFUSION2 1.2f   /* a known two-character reading: "ư" as "ir" */
#define COST_SUB 2.5f          /* any other substitution */
#define COST_DEL 2.2f          /* a letter lost */
#define COST_INS 2.2f          /* a character added */

/* Look-alikes: a true base letter (no diacritics) and what OCR makes of it. */
static const struct {
    char truth;
    const char *ocr;
} confusions[] = {
    {'o', "6"}, {'o', "0"}, {'o', "d"}, {'o', "b"}, {'o', "9"}, {'o', "e"}, {'o', "a"},
    {'u', "w"}, {'u', "ir"}, {'u', "tr"}, {'u', "ti"}, {'u', "li"}, {'u', "it"}, {'u', "ii"},
    {'u', "i"}, {'u', "a"}, {'u', "v"}, {'u', "ci"}, {'u', "ni"}, {'u', "ri"},
    {'d', "p"}, {'d', "b"}, {'d', "ð"}, {'d', "ä"},
    {'i', "l"}, {'i', "1"}, {'i', "j"}, {'i', "!"}, {'i', "t"},
    {'a', "@"}, {'a', "4"}, {'a', "ii"}, {'a', "e"}, {'a', "o"}, {'a', "d"}, {'a', "i"},
    {'e', "&"}, {'e', "c"}, {'e', "6"}, {'e', "a"}, {'e', "o"},
    {'m', "rn"}, {'m', "nn"}, {'m', "in"},
    {'n', "ri"}, {'h', "b"}, {'h', "li"}, {'c', "¢"}, {'c', "e"}, {'s', "§"}, {'s', "5"},
    {'y', "¥"}, {'y', "v"}, {'g', "q"}, {'q', "g"}, {'l', "1"}, {'l', "i"}, {'t', "f"},
};

static int base_letter(uint32_t cp, char *out)
{
    char enc[4], sk[8];
    size_t n = ppi_utf8_encode(cp, enc);
    if (ppi_skeleton(enc, n, sk, sizeof sk) != 1)
        return 0;
    *out = sk[0];
    return 1;
}

/* Cost of reading the true letter t as the OCR string o (1-2 code points,
   or none when olen is 0). Negative: no such reading. */
static float reading_cost(const pp_model *m, uint32_t t, const uint32_t *o, int olen)
{
    char tb, ob;
    char ostr[16];
    size_t k = 0;
    for (int i = 0; i < olen; i++)
        k += ppi_utf8_encode(o[i], ostr + k);
    ostr[k] = '\0';
    float learned = ppi_channel_lookup(m, t, ostr);
    if (learned >= 0)
        return learned;
    if (olen == 1 && o[0] == t)
        return 0;
    if (!base_letter(t, &tb))
        return olen == 1 ? COST_SUB : -1;
    if (olen == 1 && base_letter(o[0], &ob) && ob == tb)
        return o[0] < 0x80 ? COST_MARK_LOST : COST_MARK_WRONG;
    for (size_t i = 0; i < sizeof confusions / sizeof confusions[0]; i++)
        if (confusions[i].truth == tb && strcmp(confusions[i].ocr, ostr) == 0)
            return olen == 1 ? COST_CONFUSION : COST_CONFUSION2;
    return olen == 1 ? COST_SUB : -1;
}

float ppi_channel_lookup(const pp_model *m, uint32_t truth, const char *ocr)
{
    if (!m || !m->h->nchannel)
        return -1;
    char t[8];
    size_t n = ppi_utf8_encode(truth, t);
    t[n] = '\0';
    /* entries are sorted by (truth, ocr) */
    uint32_t lo = 0, hi = m->h->nchannel;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const ppm_channel_entry *e = &m->channel[mid];
        int c = strcmp(m->strings + e->truth, t);
        if (!c)
            c = strcmp(m->strings + e->ocr, ocr);
        if (!c)
            return e->cost;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The alignment DP; when `from` is given it records which move reached
   each cell (0 insert, 1 delete, 2 one-to-one, 3 one-to-two). */
static float align_dp(const pp_model *m, const uint32_t *o, int no, const uint32_t *t, int nt,
                      unsigned char from[PPI_MAX_WORD + 1][PPI_MAX_WORD + 1])
{
    /* d[i][j]: best cost of reading t[0..j) as o[0..i) */
    float d[PPI_MAX_WORD + 1][PPI_MAX_WORD + 1];
    if (no > PPI_MAX_WORD || nt > PPI_MAX_WORD)
        return 99.0f;
    for (int i = 0; i <= no; i++) {
        for (int j = 0; j <= nt; j++) {
            float best = i == 0 && j == 0 ? 0 : 1e9f;
            unsigned char move = 0;
            if (i > 0 && d[i - 1][j] + COST_INS < best)
                best = d[i - 1][j] + COST_INS, move = 0;
            if (j > 0) {
                float del = reading_cost(m, t[j - 1], NULL, 0);
                del = del < 0 ? COST_DEL : del;
                if (d[i][j - 1] + del < best)
                    best = d[i][j - 1] + del, move = 1;
            }
            if (i > 0 && j > 0) {
                float c = reading_cost(m, t[j - 1], o + i - 1, 1);
                if (d[i - 1][j - 1] + c < best)
                    best = d[i - 1][j - 1] + c, move = 2;
            }
            if (i > 1 && j > 0) {
                float c = reading_cost(m, t[j - 1], o + i - 2, 2);
                if (c >= 0 && d[i - 2][j - 1] + c < best)
                    best = d[i - 2][j - 1] + c, move = 3;
            }
            d[i][j] = best;
            if (from)
                from[i][j] = move;
        }
    }
    return d[no][nt];
}

float ppi_channel_cost(const pp_model *m, const uint32_t *o, int no, const uint32_t *t, int nt)
{
    return align_dp(m, o, no, t, nt, NULL);
}

float ppi_channel_align(const pp_model *m, const uint32_t *o, int no, const uint32_t *t, int nt,
                        ppi_align_step *steps, int *nsteps)
{
    unsigned char from[PPI_MAX_WORD + 1][PPI_MAX_WORD + 1];
    *nsteps = 0;
    float cost = align_dp(m, o, no, t, nt, from);
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
