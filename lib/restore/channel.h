/* channel.h - OCR channel costs (internal). */
#ifndef PP_CHANNEL_H
#define PP_CHANNEL_H

#include "model.h"

/* Longest word, in code points, that restoration considers. */
#define PPI_MAX_WORD 24

/* One OCR string (lowercase code points) prepared for scoring against
   many true words; remembers the letter readings it has costed. */
typedef struct ppi_channel_reader ppi_channel_reader;
ppi_channel_reader *ppi_channel_reader_new(const pp_model *m, const uint32_t *o, int no);
void ppi_channel_reader_free(ppi_channel_reader *r);
/* -log10 P(the reader's OCR string | true word t); once it is sure to be
   above limit it stops and returns some cost above limit. */
float ppi_channel_read(ppi_channel_reader *r, const uint32_t *t, int nt, float limit);

/* The cost used for a learned reading: -log10 of a P_learned + (1 - a)
   P_hand (a = PPI_LEARNED_SHARE). Computed once per entry at model load. */
float ppi_channel_mixed(float learned, uint32_t tc, uint32_t o0, uint32_t o1);

/* Calls add(arg, truth, o0, o1, cost) for each hand-set look-alike reading
   ("ô" as "6", "ư" as "ir") of each lowercase letter, so that the model can
   index them with the learned ones; stops at and returns add's first
   non-zero result. */
int ppi_channel_each_look_alike(int (*add)(void *arg, uint32_t truth, uint32_t o0, uint32_t o1, float cost),
                                void *arg);


/* One step of an alignment: true letter t[truth] (or -1: OCR added
   characters) read as ocr_len (0-2) characters from o[ocr]. */
typedef struct ppi_align_step {
    int truth;
    int ocr;
    int ocr_len;
} ppi_align_step;

/* -log10 P(OCR string o | true word t) (m NULL: hand-set costs only), also giving the best alignment (at most
   PPI_MAX_WORD * 2 steps, in order). Returns the cost. */
float ppi_channel_align(const pp_model *m, const uint32_t *o, int no, const uint32_t *t, int nt,
                        ppi_align_step *steps, int *nsteps);

#endif
