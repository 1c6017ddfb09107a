/* decode.h - the working state of one pp_restore call (internal), shared
 * by the decoder (restore.c) and the search for split and merged words
 * (resegment.c). */
#ifndef PP_DECODE_H
#define PP_DECODE_H

#include "cand_cache.h"
#include "candidates.h"
#include "model.h"

#include "../core/internal.h"

#include <stddef.h>

/* Token flags of restoration's own, beside the public PP_TOKF_*: a token
   made of two that OCR split ("huy n" for "huyện"); a part after the
   first of one that OCR ran together ("Y" of "SOY" for "Sở Y"), written
   with a space before it. Each costs the channel once. */
#define PPI_TOKF_MERGED 0x100u
#define PPI_TOKF_SPLIT 0x200u
/* rewritten in the last round of ppi_resegment */
#define PPI_TOKF_FRESH 0x400u

/* One word of the language model's sequence: a token's candidates, or a
   class (<num>, <sym>) when tok is SIZE_MAX. */
typedef struct slot {
    size_t tok;
    uint32_t class_id;
    ppi_cand c[PPI_MAX_CANDS];
    int nc;
    int best;
    float conf[PPI_MAX_CANDS];
    size_t seg_first, seg_end; /* the sentence-like segment it was decoded in */
} slot;

typedef struct doc_stats {
    float keep_bonus_marked;  /* for valid tokens with diacritics */
    float keep_bonus_plain;   /* for valid tokens without */
    float unk_keep_cost;      /* for keeping a token that is no known word */
    double clean;             /* how clean the text looks, 0..1 */
} doc_stats;

typedef struct work {
    const pp_model *m;
    const char *text; /* the input normalised (NFC, one tone placement) */
    pp_token *t;
    size_t nt;
    const char *input;     /* the text as given */
    pp_token *in_t;        /* the same tokens in the input; NULL: same as t */
    unsigned char *locked; /* per token: an OCR word read with confidence, kept */
    doc_stats ds;
    slot *slots; /* one per word/class token of the text */
    size_t nslots;
    size_t *slot_of; /* token index -> slot index, SIZE_MAX if none */
    slot *old_slots; /* decoding again: the slots of the last decoding */
    size_t old_at;   /* and the first of them not yet walked past */
    ppi_buf lowbuf;
    ppi_buf hornbuf; /* look-up form of a word read with a horn apostrophe */
    ppi_cand_cache *cache;
    int text_only; /* no tokens wanted: no confidences either */
} work;

/* Emission score (log10) of candidate k of slot s: minus the channel cost,
   plus the prior to keep a valid token, minus the cost of a split or
   merge the slot's token stands for. */
float ppi_emission(const work *w, const slot *s, int k);
/* The same for candidate c of token t (which need not be in w->t). */
float ppi_token_emission(const work *w, const pp_token *t, const ppi_cand *c);

/* The word choice k of slot s stands for (its class for a class slot). */
static inline uint32_t ppi_slot_word(const slot *s, int k)
{
    return s->tok == SIZE_MAX ? s->class_id : s->c[k].id;
}

/* The choices of slot s (one for a class slot). */
static inline int ppi_slot_count(const slot *s)
{
    return s->tok == SIZE_MAX ? 1 : s->nc;
}

/* The look-up form of token t (which need not be in w->t) in w->lowbuf:
   lowercase, without the space inside a merged token. */
int ppi_token_key(work *w, const pp_token *t);

/* The candidates of the lowercase key (cached in w->cache): *out points
   into the cache or into found. */
int ppi_key_candidates(work *w, const char *key, size_t len, ppi_cand_list *found, const ppi_cand_list **out);

/* 1 if token i is one the decoder must leave as printed (a locked OCR
   word, a capital piece of a document symbol). */
int ppi_token_fixed(const work *w, size_t i);

/* Looks, in the decoded slots, for tokens OCR split apart or ran
   together that read better joined or split; rewrites w's token arrays
   (t, in_t, locked) for them, marking the new tokens PPI_TOKF_FRESH.
   Round 0 looks at every segment, later rounds only at those with fresh
   tokens. Returns how many were rewritten (then the text is decoded
   again), or a negative PP_ERR_* code. */
int ppi_resegment(work *w, int round);

#endif
