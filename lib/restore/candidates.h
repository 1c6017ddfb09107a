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

#endif
