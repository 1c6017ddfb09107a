/* cand_cache.h - candidate lists remembered by token (internal).
 *
 * Finding a token's candidates is most of restoration's time, and
 * documents repeat their words, as do the documents of one batch. Words,
 * skeletons and OCR's frequent misreadings have their lists in the model
 * itself (KEYS in model_format.h); this cache holds the other tokens, the
 * rarer damaged ones. It lives in the caller's pp_ctx (one per thread), so a
 * context that restores many documents finds each distinct OCR token
 * once; it is tied to one model (another model clears it) and bounded
 * (full: cleared). */
#ifndef PP_CAND_CACHE_H
#define PP_CAND_CACHE_H

#include "../core/internal.h"
#include "candidates.h"

/* Candidates kept per token, the token itself included. The gold word is
   often the 9th-12th ("tu" -> "tử" after tự, tư, tụ, từ, tủ, tú, tù): on
   the dev set 8 scored 94.05%, 10 94.56%, 12 94.70% (session 4); with
   candidates ranked by frequency (session 7) 12 left 362 errors, 14 359,
   16 345 ("thực" read as "thu" is the 16th), at 1.1x and 1.2x the time. */
#define PPI_MAX_CANDS 16
/* Distinct tokens remembered at most (about 290 bytes each). */
#define PPI_CAND_CACHE_MAX (1u << 15)

typedef struct ppi_cand_list {
    ppi_cand c[PPI_MAX_CANDS];
    int nc;
} ppi_cand_list;

typedef struct ppi_cand_cache ppi_cand_cache;

/* The cache of ctx for model m, made on first use; NULL when out of
   memory. With ctx NULL: a new cache the caller frees. */
ppi_cand_cache *ppi_cand_cache_for(pp_ctx *ctx, const pp_model *m);
void ppi_cand_cache_free(ppi_cand_cache *c);

/* The list remembered for key, or NULL. */
const ppi_cand_list *ppi_cand_cache_find(const ppi_cand_cache *c, const char *key, size_t len);
/* Remembers list under key; PP_ERR_NOMEM when out of memory. */
int ppi_cand_cache_add(ppi_cand_cache *c, const char *key, size_t len, const ppi_cand_list *list);

#endif
