/* model.h - the loaded restoration model and its look-ups (internal). */
#ifndef PP_MODEL_H
#define PP_MODEL_H

#include "../core/internal.h"
#include "model_format.h"

#define PPI_NO_WORD UINT32_MAX

struct pp_model {
    void *map;
    size_t size;
    const ppm_header *h;
    const char *strings;
    uint64_t strings_size;
    const ppm_word *vocab;
    const uint32_t *vhash;
    const ppm_bigram *bigram;
    const ppm_trigram *trigram;
    const ppm_skel *skel;
    const uint32_t *shash;
    const uint32_t *skelids;
    const ppm_channel_entry *channel;
    const ppm_skel *dels;
    const uint32_t *dhash;
    const uint32_t *delids;
    const uint32_t *bhash;
    const ppm_skel *keys; /* see KEYS in model_format.h */
    const uint32_t *khash;
    const ppm_cand *cands;
    /* built at load, read-only after: learned readings by code points */
    struct ppi_chan_key *chan_index;
    uint32_t chan_index_size; /* power of two, or 0 */
    float *freq_logp;         /* per word: see ppi_model_freq_logp */
    /* one bit per hash of a stored bigram: most pairs the decoder asks
       about are not stored, and this answers them without a probe */
    uint64_t *bigram_bits;
    uint32_t bigram_bits_mask; /* bits - 1, a power of two */
    uint64_t *trigram_bits;    /* the same for trigrams, by (bigram index, w3) */
    uint32_t trigram_bits_mask;
    struct ppi_rhyme_index *rhymes; /* see rhyme_channel.h */
};

typedef struct ppi_chan_key {
    uint32_t truth, o0, o1; /* o0 == 0: read as nothing; o1 == 0: one character */
    float cost;
    int used;
} ppi_chan_key;

/* The learned cost of reading letter truth as o0 o1, or -1. */
float ppi_model_channel(const pp_model *m, uint32_t truth, uint32_t o0, uint32_t o1);

/* How common word id is in the corpus, log10 of its share of the tokens
   (the language model's unigram for words the corpus lacks). Candidates
   rank by it: the language model's own unigram is Kneser-Ney's
   continuation probability, tiny for a frequent word that follows few
   others ("dõi" after "theo", "cáo" after "báo"). */
static inline float ppi_model_freq_logp(const pp_model *m, uint32_t id)
{
    return m->freq_logp[id];
}

/* Id of a (lowercase) word, or PPI_NO_WORD. */
uint32_t ppi_model_word_id(const pp_model *m, const char *s, size_t len);
const char *ppi_model_word(const pp_model *m, uint32_t id);
/* log10 p(w | u v); u and/or v may be PPI_NO_WORD (shorter context). */
float ppi_model_logp(const pp_model *m, uint32_t u, uint32_t v, uint32_t w);
/* The same in parts, for a decoder that asks about many w after the same
   (u, v): the index of bigram (u, v) or -1; log10 p(w | v); and log10
   p(w | u v) from those two. */
long ppi_model_bigram(const pp_model *m, uint32_t u, uint32_t v);
/* Both at once for a pair (v, w): the bigram's index (or -1), and log10
   p(w | v) in *logp, with one look-up. */
long ppi_model_bigram_with_logp(const pp_model *m, uint32_t v, uint32_t w, float *logp);
float ppi_model_bigram_logp(const pp_model *m, uint32_t v, uint32_t w);
float ppi_model_trigram_logp(const pp_model *m, long uv, uint32_t w, float vw_logp);
/* The words whose skeleton (no diacritics, lowercase) is s, or NULL. */
const ppm_skel *ppi_model_skeleton(const pp_model *m, const char *s, size_t len);
/* The candidate list the model stores for the lowercase token s (a word,
   a skeleton or a common OCR misreading): *out and its length, or 0 when
   none is stored and the token's candidates must be searched for. */
uint32_t ppi_model_stored_candidates(const pp_model *m, const char *s, size_t len, const ppm_cand **out);
/* The skeletons (SKEL indices in m->delids) that become s when one byte is
   deleted, or NULL. */
const ppm_skel *ppi_model_deletion(const pp_model *m, const char *s, size_t len);

#endif
