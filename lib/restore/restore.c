/*
 * restore.c - pp_restore: noisy-channel decoding of OCR-damaged text.
 *
 * For each sentence-like segment of a line (split at line ends and at
 * . ; : ! ? ( )), every word token gets candidates (candidates.c); the best
 * sequence maximises
 *     sum log10 P_lm(w_i | w_i-2 w_i-1) - sum channel(token_i | w_i)
 *       + keep_bonus for tokens left as they are
 * by Viterbi over pairs of candidates (trigram states). Numbers, symbols,
 * URLs and e-mails enter the language model as classes and are kept.
 *
 * keep_bonus is the prior that a token which already is a valid word is
 * right. It depends on how damaged the document looks as a whole: in clean
 * text it is strong (nothing is changed without overwhelming evidence); in
 * text typed without diacritics it is nil for words without diacritics.
 */
#include "cand_cache.h"
#include "candidates.h"
#include "channel.h"
#include "decode.h"
#include "horn.h"
#include "lm_units.h"
#include "model.h"

#include "../core/tables.h"
#include "../normalize/syllable.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CANDS PPI_MAX_CANDS

/* ---- the result ---- */

struct pp_restored {
    char *text;
    size_t len;
    pp_restore_token *tokens;
    size_t ntokens;
    char *strings; /* one block holding every token string */
};

static const pp_restore_options restore_defaults = PP_RESTORE_OPTIONS_INIT;
/* the size of each version's struct */
static const size_t restore_sizes[PP_RESTORE_OPTIONS_VERSION] = {
    offsetof(pp_restore_options, ocr_words), offsetof(pp_restore_options, text_only), sizeof(pp_restore_options)};
static const ppi_options_layout restore_layout = {&restore_defaults, restore_sizes, PP_RESTORE_OPTIONS_VERSION};

int pp_restore_options_init(pp_restore_options *opts, unsigned version)
{
    return ppi_options_init(opts, version, &restore_layout);
}

/* The options in this version's layout, 0 replaced by the defaults. */
static int options_of(pp_restore_options *o, const pp_restore_options *given)
{
    if (ppi_options_read(o, given, &restore_layout) != PP_OK)
        return PP_ERR_ARG;
    if (!o->keep_confidence)
        o->keep_confidence = PP_KEEP_CONFIDENCE_DEFAULT;
    return PP_OK;
}

const char *pp_restored_text(const pp_restored *r, size_t *len)
{
    if (len)
        *len = r ? r->len : 0;
    return r ? r->text : NULL;
}

size_t pp_restored_token_count(const pp_restored *r)
{
    return r ? r->ntokens : 0;
}

const pp_restore_token *pp_restored_token(const pp_restored *r, size_t index)
{
    return r && index < r->ntokens ? &r->tokens[index] : NULL;
}

void pp_restored_free(pp_restored *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->tokens);
    free(r->strings);
    free(r);
}

/* ---- per-call working state ---- */

/* How much to trust tokens that are already valid words. Clean
   Vietnamese has diacritics on ~80% of its words and ~95% valid
   syllables; text read by an English OCR engine keeps diacritics on ~20%
   and ~55% valid; text typed without diacritics has none. So the share of
   marked words says how far a plain valid token ("trong") may be a damaged
   one ("trọng"), and both shares how far a marked one may be; and how far
   keeping a token that is no known word ("civa") must cost: UNK_KEEP
   (log10) in damaged text, nothing in clean text (where such tokens are
   names and foreign words), and an abbreviation there gets the bonus of
   a known word. On the dev set 1.0 to 3.0 scored the same
   when it came (421 errors; 0.5: 425, 0: 428), and with the channel
   weight of 1.3 (0.75: 333, 1.5 and 3.0: 329). */
#define UNK_KEEP 1.5
/* The bonus a valid token gets for staying in text that looks clean. */
#define KEEP_BONUS_MAX 4.0
static doc_stats document_stats(const char *text, const pp_token *t, size_t n)
{
    size_t words = 0, valid = 0, marked = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].kind != PP_TOK_WORD || t[i].length < 2)
            continue;
        words++;
        valid += (t[i].flags & PP_TOKF_SYLLABLE) != 0;
        marked += !ppi_is_ascii(text + t[i].offset, t[i].length);
    }
    doc_stats d;
    double vr = words ? (double)valid / (double)words : 1.0;
    double mr = words ? (double)marked / (double)words : 1.0;
    double by_marks = (mr - 0.3) / 0.3, by_valid = (vr - 0.6) / 0.25;
    by_marks = by_marks < 0 ? 0 : by_marks > 1 ? 1 : by_marks;
    by_valid = by_valid < 0 ? 0 : by_valid > 1 ? 1 : by_valid;
    double clean = by_marks * by_valid;
    d.keep_bonus_marked = (float)(0.4 + 3.6 * clean);
    d.keep_bonus_plain = mr < 0.1 ? 0.0f : (float)(0.1 + 3.9 * clean);
    d.unk_keep_cost = (float)(UNK_KEEP * (1.0 - clean));
    d.clean = clean;
    return d;
}

/* ---- decoding ---- */

/* The channel's weight against the language model. On the dev set
   (errors, OCR / stripped): 0.85 -> 367 / 265, 1.0 -> 345 / 232, 1.15 ->
   333 / 217, 1.3 -> 329 / 211, 1.5 -> 335 / 208 (session 7; at session 2,
   with fewer and worse candidates, 0.7 and 1.3 had scored no better). */
#define CHANNEL_WEIGHT 1.3f

/* What OCR's splitting a word in two ("huy n") or running two together
   ("SOY") costs, in log10, on top of the letters' channel cost. */
#define MERGE_COST 1.5f
#define SPLIT_COST 1.5f

/* What a token the model does not know looks like, by its letters:
   - an abbreviation: two capitals or more, at most six letters, at most
     one vowel ("TTHT", "LĐVP", "TTg", "UBND"); OCR damage to a word
     leaves its vowels ("CH{NH", "NGHIQUYET");
   - a name: capitalised ("Glai", "Kpă"). */
typedef enum { UNKNOWN_OTHER, UNKNOWN_ABBREVIATION, UNKNOWN_NAME } unknown_kind;

static int at_most_one_vowel(const char *s, size_t len)
{
    size_t vowels = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = ppi_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (!k)
            return 0;
        i += k;
        char b = ppi_base_letter(ppi_lower_cp(cp));
        vowels += b && strchr("aeiouy", b);
    }
    return vowels <= 1;
}

static unknown_kind unknown_kind_of(const char *s, size_t len)
{
    size_t letters, upper;
    int first;
    ppi_count_case(s, len, &letters, &upper, &first);
    if (upper >= 2 && letters <= 6 && at_most_one_vowel(s, len))
        return UNKNOWN_ABBREVIATION;
    return first == 1 && upper == 1 && letters >= 2 ? UNKNOWN_NAME : UNKNOWN_OTHER;
}

/* What keeping token t, no word the model knows, costs: in damaged text
   a price (UNK_KEEP); for an abbreviation none, and in clean text the
   bonus a known word gets ("HTX", "TDP", "ST"), NAME_SHARE of it for a
   name (the whole bonus also kept "Pang" (Đảng) in a clean sentence; on
   50 clean documents kept out of the corpus, 0.3 changed 11 tokens, 0.5
   changed 6). Other unknown tokens get no bonus even in clean text: they
   may be its few damaged words ("t6 chirc"). */
#define NAME_SHARE 0.5f
static float unk_keep_cost(const work *w, const pp_token *t)
{
    float bonus = (float)(KEEP_BONUS_MAX * w->ds.clean);
    switch (unknown_kind_of(w->text + t->offset, t->length)) {
    case UNKNOWN_ABBREVIATION:
        return -bonus;
    case UNKNOWN_NAME:
        return -NAME_SHARE * bonus;
    default:
        return w->ds.unk_keep_cost;
    }
}

/* Emission of candidate c for token t, whose text has diacritics or not
   (marked: computed once per token by the callers that loop). */
static float emission(const work *w, const pp_token *t, int marked, const ppi_cand *c)
{
    const pp_model *m = w->m;
    float e = -CHANNEL_WEIGHT * c->channel;
    if (c->keep && c->id != m->h->unk_id && (m->vocab[c->id].flags & (PPM_W_LEXICON | PPM_W_SYLLABLE)))
        e += marked ? w->ds.keep_bonus_marked : w->ds.keep_bonus_plain;
    if (c->keep && c->id == m->h->unk_id)
        e -= unk_keep_cost(w, t);
    if (t->flags & PPI_TOKF_MERGED)
        e -= MERGE_COST;
    if (t->flags & PPI_TOKF_SPLIT)
        e -= SPLIT_COST;
    return e;
}

static int marked_token(const work *w, const pp_token *t)
{
    return !ppi_is_ascii(w->text + t->offset, t->length);
}

float ppi_token_emission(const work *w, const pp_token *t, const ppi_cand *c)
{
    return emission(w, t, marked_token(w, t), c);
}

float ppi_emission(const work *w, const slot *s, int k)
{
    return s->tok == SIZE_MAX ? 0 : ppi_token_emission(w, &w->t[s->tok], &s->c[k]);
}


/* States (choice at i-1, choice at i) scoring more than this (log10)
   below the best state at i are not extended: with up to 16 choices a
   slot the full search walks 16^3 transitions per word, most of them
   through pairs no context rescues. On the dev set 8.0, 4.0 and 3.5
   decode the same, 2.5 loses 13 tokens, 1.5 loses 72. */
#define BEAM_MARGIN 4.0f
#define DEAD (-1e30f)

/* The states (z, a) before a slot that are above the beam's floor, walked
   once per choice a: whether a ends any (live), those that are stored
   bigrams (seen: each is extended by a trigram look-up), and the best of
   the others (unseen): where (z, a) is no stored bigram, p(w | z a) =
   p(w | a) for every w, so only the best such z matters, found once per a
   and not once per (a, b). */
typedef struct live_states {
    unsigned char live[MAX_CANDS];
    signed char seen[MAX_CANDS][MAX_CANDS];
    int nseen[MAX_CANDS];
    float unseen_best[MAX_CANDS];
    int unseen_arg[MAX_CANDS];
} live_states;

/* row, bi: the last slot's scores and bigram indices, states (z, a) for
   the nz choices z in zs that were live there (the others are DEAD). */
static void walk_live_states(const float *row, const long *bi, const int *zs, int nz, int na, float floor,
                             live_states *ls)
{
    for (int a = 0; a < na; a++) {
        ls->nseen[a] = 0;
        ls->unseen_best[a] = DEAD;
        ls->unseen_arg[a] = 0;
        for (int k = 0; k < nz; k++) {
            int z = zs[k];
            size_t za = (size_t)z * MAX_CANDS + (size_t)a;
            if (row[za] < floor)
                continue;
            if (bi[za] >= 0)
                ls->seen[a][ls->nseen[a]++] = (signed char)z;
            else if (row[za] > ls->unseen_best[a])
                ls->unseen_best[a] = row[za], ls->unseen_arg[a] = z;
        }
        ls->live[a] = ls->nseen[a] > 0 || ls->unseen_best[a] > DEAD;
    }
}

/* Viterbi over slots[0..n) with states (choice at i-1, choice at i).
   Each pair of neighbouring choices (a, b) is looked up in the bigram
   table once (bi: its index as a trigram context, pb: log10 p(b | a)),
   which the K trigram transitions into it then share. States below the
   beam (BEAM_MARGIN) are not extended. */
static int viterbi(const pp_model *m, slot *sl, size_t n, const float *em)
{
    const int K = MAX_CANDS;
    float *score = malloc(sizeof(float) * n * K * K);
    float *pb = malloc(sizeof(float) * n * K * K);
    long *bi = malloc(sizeof(long) * n * K * K);
    signed char *back = malloc(n * K * K);
    if (!score || !back || !pb || !bi) {
        free(score);
        free(back);
        free(pb);
        free(bi);
        return PP_ERR_NOMEM;
    }
    uint32_t bos = m->h->bos_id, eos = m->h->eos_id;
    float floor = DEAD; /* of the states at i - 1 */
    live_states ls = {.live = {1}};
    int live[MAX_CANDS] = {0}, nlive = 1; /* the choices at i - 1 extended to i */
    for (size_t i = 0; i < n; i++) {
        float *row = score + i * K * K;
        int na = i ? ppi_slot_count(&sl[i - 1]) : 1, nb = ppi_slot_count(&sl[i]);
        if (i)
            walk_live_states(row - K * K, bi + (i - 1) * K * K, live, nlive, na, floor, &ls);
        nlive = 0;
        for (int a = 0; a < na; a++) {
            if (ls.live[a]) {
                live[nlive++] = a;
                continue;
            }
            for (int b = 0; b < nb; b++) /* below the next floor: never extended */
                row[a * K + b] = DEAD;
        }
        for (int l = 0; l < nlive; l++) {
            int a = live[l];
            uint32_t v = i ? ppi_slot_word(&sl[i - 1], a) : bos;
            for (int b = 0; b < nb; b++) {
                size_t ab = (i * K + a) * K + b;
                bi[ab] = ppi_model_bigram_with_logp(m, v, ppi_slot_word(&sl[i], b), &pb[ab]);
            }
        }
        float row_best = DEAD;
        for (int b = 0; b < nb; b++) {
            float e = em[i * K + b];
            uint32_t w = ppi_slot_word(&sl[i], b);
            if (i == 0) {
                score[b] = pb[b] + e;
                row_best = score[b] > row_best ? score[b] : row_best;
                continue;
            }
            for (int l = 0; l < nlive; l++) {
                int a = live[l];
                size_t ab = (i * K + a) * K + b;
                float best = ls.unseen_best[a] + pb[ab];
                int arg = ls.unseen_arg[a];
                for (int k = 0; k < ls.nseen[a]; k++) {
                    int z = ls.seen[a][k];
                    size_t za = ((i - 1) * K + z) * K + a;
                    float s = score[za] + ppi_model_trigram_logp(m, bi[za], w, pb[ab]);
                    if (s > best) {
                        best = s;
                        arg = z;
                    }
                }
                score[ab] = best + e;
                back[ab] = (signed char)arg;
                row_best = score[ab] > row_best ? score[ab] : row_best;
            }
        }
        floor = row_best - BEAM_MARGIN;
    }
    /* close with </s> and trace back */
    float best = DEAD;
    int ba = 0, bb = 0;
    size_t last = n - 1;
    for (int a = 0; a < (n > 1 ? ppi_slot_count(&sl[last - 1]) : 1); a++)
        for (int b = 0; b < ppi_slot_count(&sl[last]); b++) {
            size_t ab = (last * K + a) * K + b;
            if (score[ab] < floor)
                continue;
            float to_end = ppi_model_bigram_logp(m, ppi_slot_word(&sl[last], b), eos);
            float end = ppi_model_trigram_logp(m, bi[ab], eos, to_end);
            float s = score[ab] + end;
            if (s > best) {
                best = s;
                ba = a;
                bb = b;
            }
        }
    for (size_t i = n; i-- > 0;) {
        sl[i].best = bb;
        if (i == 0)
            break;
        int prev = i >= 2 ? back[(i * K + ba) * K + bb] : 0;
        bb = ba;
        ba = prev;
    }
    free(score);
    free(back);
    free(pb);
    free(bi);
    return PP_OK;
}

/* Confidence of each candidate with the chosen neighbours fixed. */
static void confidences(const pp_model *m, slot *sl, size_t n, const float *em)
{
    uint32_t bos = m->h->bos_id, eos = m->h->eos_id;
    for (size_t i = 0; i < n; i++) {
        if (sl[i].tok == SIZE_MAX)
            continue;
        if (sl[i].nc == 1) { /* nothing to weigh it against */
            sl[i].conf[0] = 1.0f;
            continue;
        }
        uint32_t p2 = i >= 2 ? ppi_slot_word(&sl[i - 2], sl[i - 2].best) : (i == 1 ? bos : PPI_NO_WORD);
        uint32_t p1 = i >= 1 ? ppi_slot_word(&sl[i - 1], sl[i - 1].best) : bos;
        uint32_t n1 = i + 1 < n ? ppi_slot_word(&sl[i + 1], sl[i + 1].best) : eos;
        uint32_t n2 = i + 2 < n ? ppi_slot_word(&sl[i + 2], sl[i + 2].best) : (i + 1 < n ? eos : PPI_NO_WORD);
        /* the pairs without w are looked up once, those with w once each */
        long p2p1 = ppi_model_bigram(m, p2, p1);
        float n1n2_logp = n2 != PPI_NO_WORD ? ppi_model_bigram_logp(m, n1, n2) : 0;
        float s[MAX_CANDS], top = -1e30f;
        for (int k = 0; k < sl[i].nc; k++) {
            uint32_t w = sl[i].c[k].id;
            float p1w_logp, wn1_logp;
            long p1w = ppi_model_bigram_with_logp(m, p1, w, &p1w_logp);
            long wn1 = ppi_model_bigram_with_logp(m, w, n1, &wn1_logp);
            s[k] = em[i * MAX_CANDS + k] + ppi_model_trigram_logp(m, p2p1, w, p1w_logp) +
                   ppi_model_trigram_logp(m, p1w, n1, wn1_logp);
            if (n2 != PPI_NO_WORD)
                s[k] += ppi_model_trigram_logp(m, wn1, n2, n1n2_logp);
            top = s[k] > top ? s[k] : top;
        }
        double p[MAX_CANDS], sum = 0;
        for (int k = 0; k < sl[i].nc; k++)
            sum += p[k] = pow(10.0, s[k] - top);
        for (int k = 0; k < sl[i].nc; k++)
            sl[i].conf[k] = (float)(p[k] / sum);
    }
}

/* ---- assembling the output ---- */

typedef enum word_case { CASE_LOWER, CASE_TITLE, CASE_UPPER } word_case;

/* 1 if most letters of the line around token i are upper case. */
static int line_is_upper(const char *text, const pp_token *t, size_t nt, size_t i)
{
    size_t a = i, b = i, letters = 0, upper = 0;
    while (a > 0 && t[a - 1].kind != PP_TOK_NEWLINE)
        a--;
    while (b < nt && t[b].kind != PP_TOK_NEWLINE)
        b++;
    for (size_t k = a; k < b; k++) {
        size_t l, u;
        int f;
        if (t[k].kind != PP_TOK_WORD)
            continue;
        ppi_count_case(text + t[k].offset, t[k].length, &l, &u, &f);
        letters += l;
        upper += u;
    }
    return letters && upper * 3 > letters * 2;
}

/* The case to write a replacement of token i in: the token's own when it
   has a clear one; OCR's mixed case ("PiCH", "CAc") follows its line
   instead (the line is only looked at then). */
static word_case case_of_token(const char *text, const pp_token *t, size_t nt, size_t i)
{
    size_t letters, upper;
    int first;
    ppi_count_case(text + t[i].offset, t[i].length, &letters, &upper, &first);
    if (upper == 0)
        return CASE_LOWER;
    if (letters > 1 && upper == letters)
        return CASE_UPPER;
    if (first == 1 && upper == 1)
        return CASE_TITLE;
    if (line_is_upper(text, t, nt, i))
        return CASE_UPPER;
    return first == 1 ? CASE_TITLE : CASE_LOWER;
}

static int append_cased(ppi_buf *out, const char *w, word_case wc)
{
    size_t len = strlen(w);
    int rc = PP_OK;
    for (size_t i = 0, idx = 0; rc == PP_OK && i < len; idx++) {
        uint32_t cp;
        size_t k = ppi_utf8_decode((const unsigned char *)w + i, len - i, &cp);
        if (!k)
            return PP_ERR_INTERNAL;
        if (wc == CASE_UPPER || (idx == 0 && wc == CASE_TITLE))
            cp = ppi_upper_cp(cp);
        char enc[4];
        rc = ppi_buf_append(out, enc, ppi_utf8_encode(cp, enc));
        i += k;
    }
    return rc;
}

/* Indices of the nearest tokens before and after token i that are not
   horizontal space; SIZE_MAX where there is none. */
static void neighbours(const pp_token *t, size_t nt, size_t i, size_t *prev, size_t *next)
{
    size_t a = i, b = i + 1;
    while (a > 0 && t[a - 1].kind == PP_TOK_SPACE)
        a--;
    while (b < nt && t[b].kind == PP_TOK_SPACE)
        b++;
    *prev = a > 0 ? a - 1 : SIZE_MAX;
    *next = b < nt ? b : SIZE_MAX;
}

/* A Roman section number as OCR writes it at the start of a line: "I1."
   and "Il." for "II.", "I11." for "III.". Returns the mended text in buf,
   or NULL when the token is not one. */
static const char *roman_marker(const char *text, const pp_token *t, size_t nt, size_t i, char *buf,
                                size_t cap)
{
    size_t prev, next;
    neighbours(t, nt, i, &prev, &next);
    if ((prev != SIZE_MAX && t[prev].kind != PP_TOK_NEWLINE) || i + 1 >= nt || t[i + 1].kind != PP_TOK_PUNCT ||
        text[t[i + 1].offset] != '.' || t[i].length >= cap)
        return NULL;
    const char *s = text + t[i].offset;
    int roman = 0, fixed = 0;
    for (size_t j = 0; j < t[i].length; j++) {
        char c = s[j];
        if (c == 'I' || c == 'V' || c == 'X')
            roman = 1;
        else if (c == '1' || c == 'l')
            fixed = 1, c = 'I';
        else
            return NULL;
        buf[j] = c;
    }
    buf[t[i].length] = '\0';
    return roman && fixed ? buf : NULL;
}

static int append_symbol(ppi_buf *out, const char *s, size_t len)
{
    int rc = PP_OK;
    for (size_t i = 0; rc == PP_OK && i < len;) {
        size_t j = i;
        while (j < len && s[j] != '/' && s[j] != '-')
            j++;
        const char *fix = ppi_symbol_fix(s + i, j - i);
        rc = fix ? ppi_buf_append(out, fix, strlen(fix)) : ppi_buf_append(out, s + i, j - i);
        if (rc == PP_OK && j < len)
            rc = ppi_buf_putc(out, s[j]);
        i = j + 1;
    }
    return rc;
}

/* ---- the whole call ---- */

/* The list the model stores for key, copied into found; 0 if none. */
static int stored_candidates(const pp_model *m, const char *key, size_t len, ppi_cand_list *found)
{
    const ppm_cand *c;
    uint32_t n = ppi_model_stored_candidates(m, key, len, &c);
    found->nc = n < PPI_MAX_CANDS ? (int)n : PPI_MAX_CANDS;
    for (int k = 0; k < found->nc; k++)
        found->c[k] = (ppi_cand){c[k].id, (int)c[k].keep, c[k].channel, 0};
    return found->nc;
}

int ppi_key_candidates(work *w, const char *key, size_t len, ppi_cand_list *found, const ppi_cand_list **out)
{
    *out = found;
    if (stored_candidates(w->m, key, len, found))
        return PP_OK;
    /* cached under the printed form: "co'" and "cơ" are not the same token */
    *out = ppi_cand_cache_find(w->cache, key, len);
    if (*out)
        return PP_OK;
    found->nc = ppi_search_candidates(w->m, &w->hornbuf, key, len, found->c, MAX_CANDS);
    if (found->nc < 0)
        return found->nc;
    if (ppi_cand_cache_add(w->cache, key, len, found) != PP_OK)
        return PP_ERR_NOMEM;
    *out = found;
    return PP_OK;
}

int ppi_token_key(work *w, const pp_token *t)
{
    w->lowbuf.len = 0;
    const char *s = w->text + t->offset;
    for (size_t i = 0, j; i < t->length; i = j) {
        for (j = i; j < t->length && s[j] != ' '; j++)
            ;
        int rc = ppi_append_lower(&w->lowbuf, s + i, j - i);
        if (rc)
            return rc;
        while (j < t->length && s[j] == ' ')
            j++;
    }
    return PP_OK;
}

/* A token the OCR was sure of: itself, the only candidate. */
static int keep_only(work *w, slot *s, const pp_token *t)
{
    w->lowbuf.len = 0;
    int rc = ppi_append_lower(&w->lowbuf, w->text + t->offset, t->length);
    if (rc)
        return rc;
    uint32_t id = ppi_model_word_id(w->m, w->lowbuf.data, w->lowbuf.len);
    s->c[0] = (ppi_cand){id == PPI_NO_WORD ? w->m->h->unk_id : id, 1, 0, 0};
    s->nc = 1;
    return PP_OK;
}

/* 1 if word token t, in text that looks clean, holds a 2 or a 7: a code
   ("Quốc lộ 7A", "K27"), not a damaged word. The digits that stand for
   letters in damaged text (0 1 4 5 6 9 for o i a s ô, and 3 and 8 for ã)
   do not count. */
static int is_code(const work *w, const pp_token *t)
{
    if (!(t->flags & PP_TOKF_DIGITS) || w->ds.clean < 0.5)
        return 0;
    for (size_t i = 0; i < t->length; i++)
        if (w->text[t->offset + i] == '2' || w->text[t->offset + i] == '7')
            return 1;
    return 0;
}

static int fill_candidates(work *w, slot *s, const pp_token *t)
{
    /* very long tokens are not words at all: keep those as they are */
    if (t->length > PPI_MAX_WORD * 2) {
        s->c[0] = (ppi_cand){w->m->h->unk_id, 1, 0, 0};
        s->nc = 1;
        return PP_OK;
    }
    if (is_code(w, t))
        return keep_only(w, s, t);
    int rc = ppi_token_key(w, t);
    if (rc)
        return rc;
    ppi_cand_list found;
    const ppi_cand_list *known;
    if ((rc = ppi_key_candidates(w, w->lowbuf.data, w->lowbuf.len, &found, &known)) != PP_OK)
        return rc;
    s->nc = 0;
    for (int k = 0; k < known->nc; k++) /* a merged token kept as printed is no reading */
        if (!(known->c[k].keep && (t->flags & PPI_TOKF_MERGED)))
            s->c[s->nc++] = known->c[k];
    if (!s->nc) /* not expected: resegment merges only tokens with readings */
        s->c[s->nc++] = (ppi_cand){w->m->h->unk_id, 1, 0, 0};
    return PP_OK;
}

/* Token i as it stands in the input given to pp_restore. */
static const pp_token *given_token(const work *w, size_t i)
{
    return w->in_t ? &w->in_t[i] : &w->t[i];
}


/* Drops candidates whose emission is so far below the best one's that
   language-model context hardly ever makes up for it (PRUNE_MARGIN in
   log10). It must exceed the largest keep bonus (4.0) by a diacritic's
   channel cost, or a valid plain token in clean text ("SO") would prune
   the word it stands for ("Sở"). On the dev set 6.0, 5.0 and 4.0 decode
   the same, 3.0 loses 0.4 points. Keeps the Viterbi small where one
   reading is clear. */
#define PRUNE_MARGIN 5.0f

static void prune(slot *s, float *em)
{
    float best = -1e30f;
    for (int k = 0; k < s->nc; k++)
        best = em[k] > best ? em[k] : best;
    int n = 0;
    for (int k = 0; k < s->nc; k++) {
        if (em[k] < best - PRUNE_MARGIN)
            continue;
        s->c[n] = s->c[k];
        em[n++] = em[k];
    }
    s->nc = n;
}

/* When decoding again: 1 if the segment holds no rewritten token, and then
   its slots as decoded the first time are taken over (the slots the same
   tokens make are the same). The old segments are walked in step. */
static int reuse_segment(work *w, size_t first, size_t end)
{
    size_t n = end - first, at = w->old_at;
    int fresh = 0;
    for (size_t i = first; i < end; i++)
        fresh |= w->slots[i].tok != SIZE_MAX && (w->t[w->slots[i].tok].flags & PPI_TOKF_FRESH);
    w->old_at = w->old_slots[at].seg_end;
    if (fresh || w->old_at - at != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        slot *s = &w->slots[first + i];
        size_t tok = s->tok;
        *s = w->old_slots[at + i];
        s->tok = tok;
        s->seg_first = first;
        s->seg_end = end;
    }
    return 1;
}

static int decode_segment(work *w, size_t first, size_t end)
{
    size_t n = end - first;
    if (!n || (w->old_slots && reuse_segment(w, first, end)))
        return PP_OK;
    float *em = malloc(sizeof(float) * n * MAX_CANDS);
    if (!em)
        return PP_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        slot *s = &w->slots[first + i];
        s->seg_first = first;
        s->seg_end = end;
        if (s->tok == SIZE_MAX) {
            em[i * MAX_CANDS] = 0;
            continue;
        }
        const pp_token *t = &w->t[s->tok];
        int marked = marked_token(w, t);
        for (int k = 0; k < s->nc; k++)
            em[i * MAX_CANDS + k] = emission(w, t, marked, &s->c[k]);
        prune(s, em + i * MAX_CANDS);
    }
    int rc = viterbi(w->m, w->slots + first, n, em);
    if (rc == PP_OK)
        if (!w->text_only)
            confidences(w->m, w->slots + first, n, em);
    free(em);
    return rc;
}

/* "6" or "0" alone between two words is more often OCR's "ở", "ô", "ơ"
   than a number: decode it as a word (the digit stays a candidate). */
static int lone_digit_between_words(const char *text, const pp_token *t, size_t nt, size_t i)
{
    if (t[i].kind != PP_TOK_NUMBER || t[i].length != 1 || (text[t[i].offset] != '6' && text[t[i].offset] != '0'))
        return 0;
    size_t prev, next;
    neighbours(t, nt, i, &prev, &next);
    return prev != SIZE_MAX && next != SIZE_MAX && prev + 1 < i && next > i + 1 && t[prev].kind == PP_TOK_WORD &&
           t[next].kind == PP_TOK_WORD;
}

/* A line end inside a sentence: hard wraps of PDF and OCR text. The
   sentence goes on when the line ends in a word, number, symbol, comma or
   hyphen and the next line starts with a lower-case word. The language
   model then sees the whole sentence; the output keeps the line. */
static int wrapped_line_end(const char *text, const pp_token *t, size_t nt, size_t i)
{
    if (t[i].kind != PP_TOK_NEWLINE)
        return 0;
    size_t prev, b;
    neighbours(t, nt, i, &prev, &b);
    if (prev == SIZE_MAX || b == SIZE_MAX || t[b].kind != PP_TOK_WORD)
        return 0;
    const pp_token *last = &t[prev];
    int continues = last->kind == PP_TOK_WORD || last->kind == PP_TOK_NUMBER || last->kind == PP_TOK_SYMBOL ||
                    (last->kind == PP_TOK_PUNCT && (text[last->offset] == ',' || text[last->offset] == '-'));
    uint32_t first;
    if (!continues || !ppi_utf8_decode((const unsigned char *)text + t[b].offset, t[b].length, &first))
        return 0;
    return ppi_lower_cp(first) == first;
}

/* A piece of a document symbol that the tokenizer split off because of a
   space ("01- CTr/TU"): a word of two or more capitals glued to a '/'.
   It is a code, not a syllable, and stays as printed. */
static int symbol_piece(const char *text, const pp_token *t, size_t nt, size_t i)
{
    if (t[i].kind != PP_TOK_WORD)
        return 0;
    int glued = (i > 0 && t[i - 1].kind == PP_TOK_PUNCT && text[t[i - 1].offset] == '/') ||
                (i + 1 < nt && t[i + 1].kind == PP_TOK_PUNCT && text[t[i + 1].offset] == '/');
    if (!glued) /* most words: their letters need no count */
        return 0;
    size_t letters, upper;
    int first;
    ppi_count_case(text + t[i].offset, t[i].length, &letters, &upper, &first);
    return upper >= 2;
}

int ppi_token_fixed(const work *w, size_t i)
{
    return (w->locked && w->locked[i]) || symbol_piece(w->text, w->t, w->nt, i);
}

/* Builds the slots and decodes each segment between breaks. */
static int decode_all(work *w)
{
    size_t seg = 0;
    for (size_t i = 0; i <= w->nt; i++) {
        const char *cls = NULL;
        ppi_unit_kind k = i < w->nt ? ppi_lm_unit(&w->t[i], w->text, &cls) : PPI_UNIT_BREAK;
        if (k == PPI_UNIT_BREAK && i < w->nt && wrapped_line_end(w->text, w->t, w->nt, i))
            k = PPI_UNIT_SKIP;
        if (k == PPI_UNIT_SKIP)
            continue;
        if (k == PPI_UNIT_BREAK) {
            int rc = decode_segment(w, seg, w->nslots);
            if (rc)
                return rc;
            seg = w->nslots;
            continue;
        }
        char rbuf[32];
        if (k == PPI_UNIT_WORD && roman_marker(w->text, w->t, w->nt, i, rbuf, sizeof rbuf))
            continue;
        int locked = w->locked && w->locked[i];
        if (k == PPI_UNIT_CLASS && !locked && lone_digit_between_words(w->text, w->t, w->nt, i))
            k = PPI_UNIT_WORD;
        slot *s = &w->slots[w->nslots];
        memset(s, 0, sizeof *s);
        if (k == PPI_UNIT_CLASS) {
            uint32_t id = ppi_model_word_id(w->m, cls, strlen(cls));
            s->tok = SIZE_MAX;
            s->class_id = id == PPI_NO_WORD ? w->m->h->unk_id : id;
            s->nc = 1;
        } else {
            s->tok = i;
            w->slot_of[i] = w->nslots;
            int rc = PP_OK;
            if (symbol_piece(w->text, w->t, w->nt, i)) { /* reported, kept as printed */
                s->c[0] = (ppi_cand){w->m->h->unk_id, 1, 0, 0};
                s->nc = 1;
            } else if (locked) {
                rc = keep_only(w, s, &w->t[i]);
            } else {
                rc = fill_candidates(w, s, &w->t[i]);
            }
            if (rc)
                return rc;
            if (w->t[i].kind == PP_TOK_NUMBER) { /* a lone digit kept is a number */
                uint32_t num = ppi_model_word_id(w->m, PPI_CLASS_NUM, strlen(PPI_CLASS_NUM));
                s->c[0].id = num == PPI_NO_WORD ? w->m->h->unk_id : num;
            }
        }
        w->nslots++;
    }
    return PP_OK;
}

/* The text with every word replaced by its choice, and the token list. */
/* 1 if token k is a word of two or more letters, all capitals. */
static int is_capitals(const char *text, const pp_token *t, size_t k)
{
    size_t letters, upper;
    int first;
    if (t[k].kind != PP_TOK_WORD)
        return 0;
    ppi_count_case(text + t[k].offset, t[k].length, &letters, &upper, &first);
    return letters > 1 && upper == letters;
}

/* A word in capitals restored to another syllable, alone in capitals in
   a line that is not, is OCR's reading of a title-case word ("SO Y tế" for
   "Sở Y tế"). Acronyms restore to themselves; runs of capitals ("HUYỆN
   THẠCH THÀNH" beside the other column of a header) stay capitals. */
static int capitals_misread(work *w, size_t i, uint32_t id, const char *word)
{
    const pp_token *t = &w->t[i];
    uint32_t flags = w->m->vocab[id].flags;
    if (!(flags & PPM_W_SYLLABLE) || (flags & PPM_W_PASSTHROUGH))
        return 0;
    w->lowbuf.len = 0;
    if (ppi_append_lower(&w->lowbuf, w->text + t->offset, t->length) != PP_OK)
        return 0;
    if (w->lowbuf.len == strlen(word) && memcmp(w->lowbuf.data, word, w->lowbuf.len) == 0)
        return 0;
    size_t prev, next;
    neighbours(w->t, w->nt, i, &prev, &next);
    if ((prev != SIZE_MAX && is_capitals(w->text, w->t, prev)) || (next != SIZE_MAX && is_capitals(w->text, w->t, next)))
        return 0;
    return !line_is_upper(w->text, w->t, w->nt, i);
}

static int assemble(work *w, pp_restored *r, pp_tone_style style)
{
    ppi_buf out = {0}, strs = {0};
    size_t nwords = 0;
    for (size_t i = 0; i < w->nt && !w->text_only; i++)
        nwords += w->slot_of[i] != SIZE_MAX;
    r->tokens = calloc(nwords ? nwords : 1, sizeof *r->tokens);
    if (!r->tokens)
        return PP_ERR_NOMEM;
    /* string offsets first; pointers are fixed once strs stops growing */
    size_t (*offs)[2 + PP_RESTORE_MAX_ALTS] = calloc(nwords ? nwords : 1, sizeof *offs);
    if (!offs)
        return PP_ERR_NOMEM;
    char roman[32];
    int rc = ppi_buf_reserve(&out, w->nt ? w->t[w->nt - 1].offset + w->t[w->nt - 1].length : 0);
    for (size_t i = 0; rc == PP_OK && i < w->nt; i++) {
        const pp_token *t = &w->t[i];
        const char *orig = w->text + t->offset;
        if (t->kind == PP_TOK_SYMBOL) {
            rc = append_symbol(&out, orig, t->length);
            continue;
        }
        if (w->slot_of[i] == SIZE_MAX) {
            const char *r_fix = t->kind == PP_TOK_WORD ? roman_marker(w->text, w->t, w->nt, i, roman, sizeof roman) : NULL;
            rc = r_fix ? ppi_buf_append(&out, r_fix, strlen(r_fix)) : ppi_buf_append(&out, orig, t->length);
            continue;
        }
        const slot *s = &w->slots[w->slot_of[i]];
        if (t->flags & PPI_TOKF_SPLIT) /* the word OCR ran into the one before */
            rc = ppi_buf_putc(&out, ' ');
        size_t start = out.len;
        const ppi_cand *c = &s->c[s->best];
        word_case wc = case_of_token(w->text, w->t, w->nt, i);
        if (c->keep) {
            rc = ppi_buf_append(&out, orig, t->length);
        } else {
            char syl[64];
            const char *word = ppi_model_word(w->m, c->id);
            size_t sl;
            if (ppi_syllable_restyle(word, strlen(word), style, syl, sizeof syl, &sl) == PP_OK)
                word = syl;
            if (wc == CASE_UPPER && capitals_misread(w, i, c->id, word))
                wc = CASE_TITLE;
            rc = append_cased(&out, word, wc);
        }
        if (w->text_only)
            continue;
        pp_restore_token *rt = &r->tokens[r->ntokens];
        const pp_token *it = given_token(w, i);
        const char *given = w->input + it->offset;
        int changed = out.len - start != it->length || memcmp(out.data + start, given, it->length) != 0;
        *rt = (pp_restore_token){.offset = it->offset, .length = it->length, .line = t->line,
                                 .confidence = s->conf[s->best], .changed = rc == PP_OK && changed};
        offs[r->ntokens][0] = strs.len;
        if (rc == PP_OK)
            rc = ppi_buf_append(&strs, given, it->length);
        if (rc == PP_OK)
            rc = ppi_buf_putc(&strs, '\0');
        offs[r->ntokens][1] = strs.len;
        if (rc == PP_OK)
            rc = ppi_buf_append(&strs, out.data + start, out.len - start);
        if (rc == PP_OK)
            rc = ppi_buf_putc(&strs, '\0');
        /* alternatives: the other candidates, most confident first */
        for (int k = 0; rc == PP_OK && k < s->nc; k++) {
            if (k == s->best)
                continue;
            size_t at = rt->nalts;
            while (at > 0 && rt->alt_confidence[at - 1] < s->conf[k])
                at--;
            if (at >= PP_RESTORE_MAX_ALTS)
                continue;
            size_t last = rt->nalts < PP_RESTORE_MAX_ALTS ? rt->nalts : PP_RESTORE_MAX_ALTS - 1;
            for (size_t q = last; q > at; q--) {
                rt->alt_confidence[q] = rt->alt_confidence[q - 1];
                offs[r->ntokens][2 + q] = offs[r->ntokens][2 + q - 1];
            }
            rt->alt_confidence[at] = s->conf[k];
            offs[r->ntokens][2 + at] = strs.len;
            if (s->c[k].keep)
                rc = ppi_buf_append(&strs, orig, t->length);
            else
                rc = append_cased(&strs, ppi_model_word(w->m, s->c[k].id), wc);
            if (rc == PP_OK)
                rc = ppi_buf_putc(&strs, '\0');
            if (rt->nalts < PP_RESTORE_MAX_ALTS)
                rt->nalts++;
        }
        r->ntokens++;
    }
    if (rc == PP_OK)
        rc = ppi_buf_finish(&strs, &r->strings, NULL);
    if (rc == PP_OK) {
        for (size_t i = 0; i < r->ntokens; i++) {
            r->tokens[i].original = r->strings + offs[i][0];
            r->tokens[i].choice = r->strings + offs[i][1];
            for (size_t a = 0; a < r->tokens[i].nalts; a++)
                r->tokens[i].alts[a] = r->strings + offs[i][2 + a];
        }
        rc = ppi_buf_finish(&out, &r->text, &r->len);
    }
    free(offs);
    ppi_buf_free(&out);
    ppi_buf_free(&strs);
    return rc;
}

/* Decodes the text's tokens into new slots. Given the slots of an earlier
   decoding (ppi_resegment has changed the tokens since), the segments it
   did not touch keep theirs; those are freed once done. */
static int decode_tokens(work *w, slot *earlier)
{
    slot *slots = malloc(sizeof *slots * (w->nt + 1));
    size_t *slot_of = realloc(w->slot_of, sizeof *slot_of * (w->nt + 1));
    if (slot_of)
        w->slot_of = slot_of;
    if (!slots || !slot_of) {
        free(slots);
        return PP_ERR_NOMEM;
    }
    for (size_t i = 0; i < w->nt; i++)
        w->slot_of[i] = SIZE_MAX;
    w->slots = slots;
    w->nslots = 0;
    w->old_slots = earlier;
    w->old_at = 0;
    int rc = decode_all(w);
    free(earlier);
    w->old_slots = NULL;
    return rc;
}

/* The tokens of the input as given, one for one with those of its
   normalised form, when normalising changed it (NFD input, another tone
   placement): token offsets and originals are reported in the input.
   *out stays NULL when the two are the same (or, which should not
   happen, tokenize differently: then the normalised offsets are used). */
static int input_tokens(pp_token **out, const char *text, size_t len, const char *norm, size_t nlen, size_t nt)
{
    *out = NULL;
    if (len == nlen && memcmp(text, norm, len) == 0)
        return PP_OK;
    pp_token *t = NULL;
    size_t n = 0;
    int rc = pp_tokenize(&t, &n, text, len);
    if (rc != PP_OK)
        return rc == PP_ERR_NOMEM ? rc : PP_OK;
    ppi_join_word_pieces(text, t, &n);
    if (n == nt)
        *out = t;
    else
        pp_free(t);
    return PP_OK;
}

/* Marks the tokens lying inside an OCR word read with at least the
   options' confidence: those are kept as they are. Except words in
   capitals: tesseract's vie model reads "KẾ HOẠCH" as "KE HOACH" with
   full confidence (12 scanned pages: keeping confident capitals cost 0.17
   points, keeping the other confident words nothing). */
static int lock_confident_words(work *w, const pp_restore_options *o)
{
    if (!o->ocr_words || !o->ocr_word_count || o->keep_confidence > 100)
        return PP_OK;
    w->locked = calloc(w->nt ? w->nt : 1, 1);
    if (!w->locked)
        return PP_ERR_NOMEM;
    const pp_ocr_word *ow = o->ocr_words;
    size_t k = 0;
    for (size_t i = 0; i < w->nt; i++) {
        const pp_token *t = given_token(w, i);
        while (k < o->ocr_word_count && ow[k].offset + ow[k].length <= t->offset)
            k++;
        if (k == o->ocr_word_count)
            break;
        int inside = ow[k].offset <= t->offset && t->offset + t->length <= ow[k].offset + ow[k].length;
        if (!inside || ow[k].confidence < o->keep_confidence)
            continue;
        size_t letters, upper;
        int first;
        ppi_count_case(w->text + w->t[i].offset, w->t[i].length, &letters, &upper, &first);
        w->locked[i] = letters < 2 || upper < letters;
    }
    return PP_OK;
}

int pp_restore(pp_restored **out, pp_ctx *ctx, const pp_model *model, const char *text, size_t len,
               const pp_restore_options *opts)
{
    if (out)
        *out = NULL;
    ppi_ctx_reset(ctx);
    pp_restore_options opt;
    const pp_restore_options *o = &opt;
    if (!out || !model || (!text && len) || options_of(&opt, opts) != PP_OK)
        return ppi_fail(ctx, PP_ERR_ARG, "pp_restore: NULL argument or unknown options version");
    text = text ? text : "";
    char *norm = NULL;
    size_t nlen = 0;
    /* NFC and one tone placement first: the model knows one spelling */
    pp_normalize_options no = PP_NORMALIZE_OPTIONS_INIT;
    no.tone_style = o->tone_style;
    pp_token *toks = NULL, *in_toks = NULL;
    size_t ntoks = 0;
    int rc = ppi_normalize_tokens(&norm, &nlen, &toks, &ntoks, NULL, ctx, text, len, &no);
    if (rc)
        return rc;
    work w = {.m = model, .text = norm, .input = text, .cache = ppi_cand_cache_for(ctx, model),
              .text_only = o->text_only, .t = toks, .nt = ntoks};
    pp_restored *r = calloc(1, sizeof *r);
    rc = r && w.cache ? PP_OK : PP_ERR_NOMEM;
    if (rc == PP_OK)
        ppi_join_word_pieces(norm, toks, &w.nt);
    if (rc == PP_OK && (rc = input_tokens(&in_toks, text, len, norm, nlen, w.nt)) == PP_OK)
        w.in_t = in_toks;
    if (rc == PP_OK)
        rc = lock_confident_words(&w, o);
    if (rc == PP_OK) {
        w.ds = document_stats(norm, w.t, w.nt);
        rc = decode_tokens(&w, NULL);
    }
    /* decoded again with the new tokens; a second round can split a part
       of a token OCR ran three words into again */
    for (int round = 0; round < 2 && rc == PP_OK && (rc = ppi_resegment(&w, round)) > 0; round++)
        rc = decode_tokens(&w, w.slots);
    if (rc == PP_OK)
        rc = assemble(&w, r, o->tone_style);
    free(w.slots);
    free(w.slot_of);
    free(w.locked);
    free(w.t); /* ppi_resegment may have replaced the token arrays */
    free(w.in_t);
    ppi_buf_free(&w.lowbuf);
    ppi_buf_free(&w.hornbuf);
    if (!ctx) /* no context to keep it in */
        ppi_cand_cache_free(w.cache);
    pp_free(norm);
    if (rc != PP_OK) {
        pp_restored_free(r);
        return ppi_fail(ctx, rc, "restoration failed: %s", pp_strerror(rc));
    }
    *out = r;
    return PP_OK;
}
