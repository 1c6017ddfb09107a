/*
 * resegment.c - words OCR split in two or ran together.
 *
 * An English OCR engine sometimes loses a vowel with its marks and leaves
 * the rest of a word in two pieces ("huy n" for "huyện", "c p" for "cấp"),
 * or loses the space between two words ("SOY" for "SỞ Y", "NGHIQUYET").
 * After a first decoding, each such place is scored both ways with the
 * decoded words before it fixed and the word after it free to change: the
 * pieces as decoded against the best reading of the joined token, or the
 * token as decoded against the best pair of readings of its two parts.
 * The channel pays MERGE_COST or SPLIT_COST (restore.c) for the space; the
 * language model scores the trigrams the change touches. The token arrays
 * are rewritten where the other way scores higher, and the segments that
 * changed are decoded again (a second round splits a part again).
 *
 * Only pieces that cannot be read as they stand are looked at: a merge
 * needs a lone letter that is no syllable ("n", "p") and a joined reading
 * that uses it ("huyn" is "huyện" with its n; "capc" is "cấp" and a stray
 * c). A split needs a token without digits, of 3 to MAX_SPLIT_LETTERS
 * letters, that is no word and was decoded as an unknown word or at a
 * channel cost of SPLIT_MIN_COST or more; one of its parts must be a
 * syllable as printed. Every word proposed is a syllable (no
 * abbreviations: "LĐVP" is not "LĐ VP"). Measured on the synthetic dev
 * set, the cost of a split or merge (0.5 to 2.5) changes nothing; the
 * filters keep the time spent here to about a tenth of restoration's.
 */
#include "channel.h"
#include "decode.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MERGED_LETTERS 8
#define MAX_SPLIT_LETTERS 16
/* readings of each part of a split tried together */
#define SPLIT_TOP 4
/* a token is looked at for a split when the word it was decoded as is
   unknown, or was read at least at this channel cost */
#define SPLIT_MIN_COST 1.0f

typedef struct rewrite {
    size_t tok;   /* first token */
    int merge;    /* 1: join tok, the space and tok + 2; 0: split tok */
    size_t split; /* bytes of tok before the split */
} rewrite;

/* 1 if token i is a word the model knows as printed (a syllable, an
   abbreviation, a foreign word). */
static int known_word(work *w, size_t i)
{
    const pp_token *t = &w->t[i];
    if (t->flags & PP_TOKF_SYLLABLE)
        return 1;
    w->lowbuf.len = 0;
    if (ppi_append_lower(&w->lowbuf, w->text + t->offset, t->length) != PP_OK)
        return 1;
    uint32_t id = ppi_model_word_id(w->m, w->lowbuf.data, w->lowbuf.len);
    return id != PPI_NO_WORD && (w->m->vocab[id].flags & (PPM_W_LEXICON | PPM_W_PASSTHROUGH | PPM_W_SYLLABLE));
}

/* 1 if token i is a Vietnamese syllable as printed ("y", "ở"; not the
   letters "n", "c" of list items). */
static int syllable(const work *w, size_t i)
{
    return (w->t[i].flags & PP_TOKF_SYLLABLE) != 0;
}

/* A token decoding may rewrite: a word, not fixed, not joined already,
   and for a merge not a part of a split either. */
static int open_word(const work *w, size_t i, int merge)
{
    const pp_token *t = &w->t[i];
    unsigned done = merge ? PPI_TOKF_MERGED | PPI_TOKF_SPLIT : PPI_TOKF_MERGED;
    return t->kind == PP_TOK_WORD && !(t->flags & done) && !ppi_token_fixed(w, i);
}

static uint32_t decoded(const slot *s)
{
    return ppi_slot_word(s, s->best);
}

/* The best reading of slot next after words (u, v): its emission plus the
   trigrams ending at it and at the word after it. Log probabilities are
   at most 0, so a reading whose emission is no higher than the best score
   so far cannot beat it and is not looked up; the one with the highest
   emission goes first. Returns -1e30 when none can score above floor. */
static float best_next(const work *w, const slot *next, uint32_t after, uint32_t u, uint32_t v, float floor)
{
    float e[PPI_MAX_CANDS];
    int n = ppi_slot_count(next), top = 0;
    for (int k = 0; k < n; k++) {
        e[k] = ppi_emission(w, next, k);
        top = e[k] > e[top] ? k : top;
    }
    float best = floor;
    for (int i = -1; i < n; i++) {
        int k = i < 0 ? top : i;
        if ((i >= 0 && k == top) || e[k] <= best)
            continue;
        uint32_t c = ppi_slot_word(next, k);
        float s = e[k] + ppi_model_logp(w->m, u, v, c) + ppi_model_logp(w->m, v, c, after);
        best = s > best ? s : best;
    }
    return best > floor ? best : -1e30f;
}

/* log10 P of the trigrams that words x[0..nx), put in place of slots
   [j, jend) of one decoded segment, touch: those ending at each x and at
   the (at most two) words after them, end of sentence included. The word
   right after is chosen anew among its candidates (emission included): a
   first decoding around "SOY té" reads "Sở tổ", which "Sở Y" must not be
   judged by. The same for every x sharing j and jend, so sums compare.
   Only a score above floor counts: below it, -1e30 may stand for it. */
static float window_logp(const work *w, size_t j, size_t jend, const uint32_t *x, int nx, float floor)
{
    const slot *sl = w->slots;
    size_t lo = sl[j].seg_first, hi = sl[j].seg_end;
    uint32_t u = PPI_NO_WORD, v = w->m->h->bos_id; /* the context of a segment's first word */
    if (j >= lo + 1) {
        u = j >= lo + 2 ? decoded(&sl[j - 2]) : v;
        v = decoded(&sl[j - 1]);
    }
    float lp = 0;
    for (int k = 0; k < nx; k++) {
        lp += ppi_model_logp(w->m, u, v, x[k]);
        u = v, v = x[k];
    }
    if (jend >= hi)
        return lp + ppi_model_logp(w->m, u, v, w->m->h->eos_id);
    uint32_t after = jend + 1 < hi ? decoded(&sl[jend + 1]) : w->m->h->eos_id;
    return lp + best_next(w, &sl[jend], after, u, v, floor - lp);
}

/* Score of slots [j, jend) as decoded, with their context. */
static float decoded_score(const work *w, size_t j, size_t jend)
{
    uint32_t x[2];
    float e = 0;
    for (size_t k = j; k < jend; k++) {
        x[k - j] = decoded(&w->slots[k]);
        e += ppi_emission(w, &w->slots[k], w->slots[k].best);
    }
    return e + window_logp(w, j, jend, x, (int)(jend - j), -1e30f);
}

/* The readings of token t (which need not be in w->t). */
static int readings(work *w, const pp_token *t, ppi_cand_list *found, const ppi_cand_list **out)
{
    int rc = ppi_token_key(w, t);
    return rc == PP_OK ? ppi_key_candidates(w, w->lowbuf.data, w->lowbuf.len, found, out) : rc;
}

/* 1 if candidate c is a reading of a token rewritten as t: a word of the
   model, or the token kept as printed when that is a known word. */
static int usable(const work *w, const pp_token *t, const ppi_cand *c)
{
    if (c->id == w->m->h->unk_id || !(w->m->vocab[c->id].flags & PPM_W_SYLLABLE))
        return 0;
    return !c->keep || !(t->flags & PPI_TOKF_MERGED);
}

/* 1 if the best alignment of the joined key (lowercase, no space) with
   word id reads the key's first letter (first) or last letter (!first)
   as part of the word: "huyn" is "huyện" with its n, but "capc" is
   "cấp" and a stray c, which is no reason to join "cap c". */
static int letter_read(const work *w, const char *key, size_t len, uint32_t id, int first)
{
    uint32_t o[PPI_MAX_WORD], t[PPI_MAX_WORD];
    const char *word = ppi_model_word(w->m, id);
    int no = ppi_utf8_to_cps(key, len, o, PPI_MAX_WORD), nt = ppi_utf8_to_cps(word, strlen(word), t, PPI_MAX_WORD);
    if (no <= 0 || nt <= 0)
        return 0;
    ppi_align_step steps[PPI_MAX_WORD * 2];
    int nsteps = 0;
    ppi_channel_align(w->m, o, no, t, nt, steps, &nsteps);
    int at = first ? 0 : no - 1;
    for (int k = 0; k < nsteps; k++)
        if (steps[k].ocr <= at && at < steps[k].ocr + steps[k].ocr_len)
            return steps[k].truth >= 0;
    return 0;
}

/* Joining the lone-letter piece of slots j, j + 1 into one word. */
static int try_merge(work *w, size_t j, rewrite *rw)
{
    const slot *a = &w->slots[j], *b = &w->slots[j + 1];
    if (j + 1 >= a->seg_end || a->tok == SIZE_MAX || b->tok == SIZE_MAX || b->tok != a->tok + 2)
        return 0;
    const pp_token *ta = &w->t[a->tok], *sp = &w->t[a->tok + 1], *tb = &w->t[b->tok];
    if (sp->kind != PP_TOK_SPACE || sp->length > 2 || w->text[sp->offset] != ' ' ||
        w->text[sp->offset + sp->length - 1] != ' ' || !open_word(w, a->tok, 1) || !open_word(w, b->tok, 1))
        return 0;
    size_t la = ppi_utf8_count(w->text + ta->offset, ta->length), lb = ppi_utf8_count(w->text + tb->offset, tb->length);
    if (la + lb > MAX_MERGED_LETTERS || (la != 1 && lb != 1))
        return 0;
    if ((la == 1 && syllable(w, a->tok)) || (lb == 1 && syllable(w, b->tok)))
        return 0;
    pp_token joined = {PP_TOK_WORD, PPI_TOKF_MERGED, ta->offset, tb->offset + tb->length - ta->offset, ta->line};
    ppi_cand_list found;
    const ppi_cand_list *r;
    int rc = readings(w, &joined, &found, &r);
    if (rc != PP_OK)
        return rc;
    /* nothing below looks up candidates or writes lowbuf (the key) */
    const ppi_buf *key = &w->lowbuf;
    float best = decoded_score(w, j, j + 2);
    int better = 0;
    for (int k = 0; k < r->nc; k++) {
        const ppi_cand *c = &r->c[k];
        if (!usable(w, &joined, c) || (la == 1 && !letter_read(w, key->data, key->len, c->id, 1)) ||
            (lb == 1 && !letter_read(w, key->data, key->len, c->id, 0)))
            continue;
        float e = ppi_token_emission(w, &joined, c);
        float s = e + window_logp(w, j, j + 2, &c->id, 1, best - e);
        if (s > best)
            best = s, better = 1;
    }
    if (better)
        *rw = (rewrite){a->tok, 1, 0};
    return better;
}

/* Indices of the first SPLIT_TOP usable readings of a part (candidates
   come best first) and their emissions. */
static int top_readings(const work *w, const pp_token *t, const ppi_cand_list *r, int *top, float *em)
{
    int n = 0;
    for (int k = 0; k < r->nc && n < SPLIT_TOP; k++)
        if (usable(w, t, &r->c[k])) {
            top[n] = k;
            em[n++] = ppi_token_emission(w, t, &r->c[k]);
        }
    return n;
}

/* The highest emission of the slot after slot j's segment position, 0 at
   the segment's end: with log probabilities at most 0, no reading of slot
   j scores above its own emission plus this. */
static float next_emission_bound(const work *w, size_t j)
{
    const slot *sl = w->slots;
    if (j + 1 >= sl[j].seg_end)
        return 0;
    float best = -1e30f;
    for (int k = 0; k < ppi_slot_count(&sl[j + 1]); k++) {
        float e = ppi_emission(w, &sl[j + 1], k);
        best = e > best ? e : best;
    }
    return best;
}

/* The best score of token t read as two words split after `at` bytes, or
   -1e30 when no pair of readings can score above bar (next: the next
   slot's best emission, next_emission_bound). */
static int score_split(work *w, size_t j, const pp_token *t, size_t at, float bar, float next, float *score)
{
    pp_token pa = {PP_TOK_WORD, t->flags & PPI_TOKF_SPLIT, t->offset, at, t->line};
    pp_token pb = {PP_TOK_WORD, PPI_TOKF_SPLIT, t->offset + at, t->length - at, t->line};
    ppi_cand_list fa, fb, ra_copy;
    const ppi_cand_list *ra, *rb;
    int rc = readings(w, &pa, &fa, &ra);
    if (rc != PP_OK)
        return rc;
    ra_copy = *ra; /* the next look-up may move the cache's entries */
    if ((rc = readings(w, &pb, &fb, &rb)) != PP_OK)
        return rc;
    int ta[SPLIT_TOP], tb[SPLIT_TOP];
    float ea[SPLIT_TOP], eb[SPLIT_TOP];
    int na = top_readings(w, &pa, &ra_copy, ta, ea), nb = top_readings(w, &pb, rb, tb, eb);
    *score = -1e30f;
    for (int x = 0; x < na; x++)
        for (int y = 0; y < nb; y++) {
            if (ea[x] + eb[y] + next <= bar)
                continue;
            uint32_t words[2] = {ra_copy.c[ta[x]].id, rb->c[tb[y]].id};
            float s = ea[x] + eb[y] + window_logp(w, j, j + 1, words, 2, bar - ea[x] - eb[y]);
            *score = s > *score ? s : *score;
        }
    return PP_OK;
}

/* Splitting the token of slot j into two words. */
static int try_split(work *w, size_t j, rewrite *rw)
{
    const slot *s = &w->slots[j];
    if (s->tok == SIZE_MAX || !open_word(w, s->tok, 0))
        return 0;
    /* a word read at a low cost is no run of two */
    const ppi_cand *c = &s->c[s->best];
    if (c->keep ? c->id != w->m->h->unk_id : c->channel < SPLIT_MIN_COST)
        return 0;
    const pp_token *t = &w->t[s->tok];
    const char *p = w->text + t->offset;
    size_t n = ppi_utf8_count(p, t->length);
    if ((t->flags & PP_TOKF_DIGITS) || n < 3 || n > MAX_SPLIT_LETTERS || known_word(w, s->tok))
        return 0;
    const pp_token *given = w->in_t ? &w->in_t[s->tok] : t;
    if (given->length != t->length || memcmp(w->input + given->offset, p, t->length) != 0)
        return 0; /* a split point in the normalised text only */
    /* the token as printed, if that is what was decoded, with the prior to
       keep a word: no split of an unknown name or abbreviation in clean text */
    float best = decoded_score(w, j, j + 1);
    if (s->c[s->best].keep)
        best += ppi_is_ascii(p, t->length) ? w->ds.keep_bonus_plain : w->ds.keep_bonus_marked;
    int better = 0;
    float next = next_emission_bound(w, j);
    for (size_t at = 1; at < t->length; at++) {
        /* one part at least must be a syllable as printed ("SO|Y",
           "xtr|ly"): the look-ups of the parts are the costly part */
        if (((unsigned char)p[at] & 0xC0) == 0x80 ||
            (!pp_syllable_is_valid(p, at) && !pp_syllable_is_valid(p + at, t->length - at)))
            continue;
        float sc;
        int rc = score_split(w, j, t, at, best, next, &sc);
        if (rc != PP_OK)
            return rc;
        if (sc > best)
            best = sc, better = 1, *rw = (rewrite){s->tok, 0, at};
    }
    return better;
}

/* The token arrays with the rewrites (in token order) applied. */
static int apply(work *w, const rewrite *rw, size_t nrw)
{
    size_t cap = w->nt + nrw;
    pp_token *t = malloc(sizeof *t * cap);
    pp_token *in_t = w->in_t ? malloc(sizeof *in_t * cap) : NULL;
    unsigned char *locked = w->locked ? calloc(cap, 1) : NULL;
    if (!t || (w->in_t && !in_t) || (w->locked && !locked)) {
        free(t);
        free(in_t);
        free(locked);
        return PP_ERR_NOMEM;
    }
    size_t n = 0, r = 0;
    for (size_t i = 0; i < w->nt; i++, n++) {
        const pp_token *src[2] = {&w->t[i], w->in_t ? &w->in_t[i] : NULL};
        pp_token *dst[2] = {&t[n], in_t ? &in_t[n] : NULL};
        if (locked)
            locked[n] = w->locked[i];
        for (int a = 0; a < 2; a++)
            if (dst[a]) {
                *dst[a] = *src[a];
                dst[a]->flags &= ~PPI_TOKF_FRESH;
            }
        if (r == nrw || rw[r].tok != i)
            continue;
        for (int a = 0; a < 2; a++) {
            if (!dst[a])
                continue;
            if (rw[r].merge) {
                const pp_token *end = a ? &w->in_t[i + 2] : &w->t[i + 2];
                dst[a]->length = end->offset + end->length - dst[a]->offset;
                dst[a]->flags = PPI_TOKF_MERGED | PPI_TOKF_FRESH;
            } else {
                dst[a][1] = *dst[a];
                dst[a]->length = rw[r].split;
                /* no longer a syllable as printed */
                dst[a]->flags = (dst[a]->flags & PPI_TOKF_SPLIT) | PPI_TOKF_FRESH;
                dst[a][1].offset += rw[r].split;
                dst[a][1].length -= rw[r].split;
                dst[a][1].flags = PPI_TOKF_SPLIT | PPI_TOKF_FRESH;
            }
        }
        if (rw[r].merge)
            i += 2;
        else
            n++;
        r++;
    }
    free(w->t);
    free(w->in_t);
    free(w->locked);
    w->t = t, w->in_t = in_t, w->locked = locked, w->nt = n;
    return PP_OK;
}

/* 1 if slots [first, end) hold a token rewritten in the last round. */
static int fresh_segment(const work *w, size_t first, size_t end)
{
    for (size_t j = first; j < end; j++)
        if (w->slots[j].tok != SIZE_MAX && (w->t[w->slots[j].tok].flags & PPI_TOKF_FRESH))
            return 1;
    return 0;
}

int ppi_resegment(work *w, int round)
{
    ppi_vec rw = {.elem = sizeof(rewrite)};
    int rc = PP_OK;
    for (size_t j = 0; j < w->nslots && rc == PP_OK; j++) {
        if (round > 0 && j == w->slots[j].seg_first && !fresh_segment(w, j, w->slots[j].seg_end)) {
            j = w->slots[j].seg_end - 1; /* decoded as before: nothing new to find */
            continue;
        }
        rewrite r;
        if ((rc = try_merge(w, j, &r)) == 0)
            rc = try_split(w, j, &r);
        if (rc <= 0)
            continue;
        rc = ppi_vec_push(&rw, &r) ? PP_OK : PP_ERR_NOMEM;
        j += r.merge; /* the next slot is joined to this one */
    }
    if (rc == PP_OK && rw.n)
        rc = apply(w, rw.data, rw.n);
    size_t n = rw.n;
    ppi_vec_free(&rw);
    return rc != PP_OK ? rc : n > INT_MAX ? INT_MAX : (int)n;
}
