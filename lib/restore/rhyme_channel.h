/* rhyme_channel.h - OCR readings of whole rhymes (internal). */
#ifndef PP_RHYME_CHANNEL_H
#define PP_RHYME_CHANNEL_H

#include "model.h"

/* A learned reading of a syllable's rhyme (what follows its written onset,
   see ppi_written_onset): "ược" read as "ugc", at cost -log10 P. */
typedef struct ppi_rhyme_reading {
    const char *rhyme; /* in the model's strings */
    const char *ocr;
    float cost;
} ppi_rhyme_reading;

/* Indexes the model's rhyme readings (channel entries whose truth starts
   with "-") at load. */
int ppi_index_rhymes(pp_model *m, pp_ctx *ctx);
void ppi_free_rhymes(pp_model *m);

/* The rhymes OCR reads as ocr[0..len): *first points at n readings. */
int ppi_rhymes_read_as(const pp_model *m, const char *ocr, size_t len, const ppi_rhyme_reading **first);

/* The cost of reading the lowercase word w as the lowercase OCR string o
   by its rhyme: o starts with w's onset in plain letters and its rest is a
   learned reading of w's rhyme. -1 when there is no such reading. */
float ppi_rhyme_cost(const pp_model *m, const char *w, size_t wlen, const char *o, size_t olen);

#endif
