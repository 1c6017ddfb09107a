/* candidates.h - candidate words for an OCR token (internal). */
#ifndef PP_CANDIDATES_H
#define PP_CANDIDATES_H

#include "model.h"

typedef struct ppi_cand {
    uint32_t id;    /* vocabulary id (unk for an unknown kept token) */
    int keep;       /* the token itself */
    float channel;  /* -log10 P(token | candidate) */
    float rank;     /* for pruning */
} ppi_cand;

/* Fills out with up to max candidates for the lowercase token low, the
   token itself first. Returns the count, or -1 when out of memory. */
int ppi_candidates(const pp_model *m, const char *low, size_t len, ppi_cand *out, int max);

/* The candidates restoration searches for the lowercase token key: those
   of its horn-restored form when it was read with a horn apostrophe
   ("co'" as "cơ", which is then no kept token of its own). scratch holds
   that form. Returns the count, or a negative PP_ERR_ code. The model
   builder stores this search's result for every word and skeleton. */
int ppi_search_candidates(const pp_model *m, ppi_buf *scratch, const char *key, size_t len, ppi_cand *out, int max);

#endif
