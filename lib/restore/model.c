/* model.c - loading planparse.model: map, verify, look up. The model is
   never written after loading, so any number of threads may share it. */
#include "model.h"

#include "channel.h"
#include "rhyme_channel.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PP_DATADIR
#define PP_DATADIR "/usr/local/share/planparse"
#endif

const char *pp_model_default_path(void)
{
    const char *env = getenv("PLANPARSE_MODEL");
    return env && *env ? env : PP_DATADIR "/planparse.model";
}

/* Checks a section's bounds, alignment and element size. */
static int section(const ppm_header *h, size_t file_size, int id, size_t elem, const void **out,
                   uint64_t *count)
{
    const ppm_section_ref *s = &h->sections[id];
    *out = NULL;
    if (count)
        *count = 0;
    if (s->offset < sizeof *h || s->offset % 8 || s->offset > file_size ||
        s->size > file_size - s->offset || (elem && s->size % elem))
        return -1;
    *out = (const char *)h + s->offset;
    if (count)
        *count = elem ? s->size / elem : s->size;
    return 0;
}

static int is_pow2(uint32_t x)
{
    return x && !(x & (x - 1));
}

/* Everything the look-ups rely on, so a corrupt file fails here and not
   later with a read out of bounds. */
static int verify(pp_model *m, pp_ctx *ctx, const char *path)
{
    const ppm_header *h = m->h;
    uint64_t n;
    if (m->size < sizeof *h || memcmp(h->magic, PPM_MAGIC, sizeof PPM_MAGIC) != 0)
        return ppi_fail(ctx, PP_ERR_DATA, "%s: not a planparse model", path);
    if (h->byte_order != PPM_BYTE_ORDER)
        return ppi_fail(ctx, PP_ERR_DATA, "%s: model built on a machine of other byte order", path);
    if (h->format_version != PPM_FORMAT_VERSION)
        return ppi_fail(ctx, PP_ERR_DATA, "%s: model format %u, this library reads format %u; rebuild the model",
                        path, (unsigned)h->format_version, PPM_FORMAT_VERSION);
    if (h->file_size != m->size)
        return ppi_fail(ctx, PP_ERR_DATA, "%s: truncated model (%zu of %llu bytes)", path, m->size,
                        (unsigned long long)h->file_size);
    uint64_t sum = ppm_checksum((const char *)h + sizeof *h, m->size - sizeof *h);
    if (sum != h->checksum)
        return ppi_fail(ctx, PP_ERR_DATA, "%s: model checksum mismatch: the file is corrupt", path);
    const void *p = NULL;
    int bad = 0;
    bad |= section(h, m->size, PPM_STRINGS, 1, &p, &m->strings_size), m->strings = p;
    bad |= section(h, m->size, PPM_VOCAB, sizeof(ppm_word), &p, &n) || n != (uint64_t)h->nvocab + 1, m->vocab = p;
    bad |= section(h, m->size, PPM_VHASH, 4, &p, &n) || n != h->vhash_size || !is_pow2(h->vhash_size), m->vhash = p;
    bad |= section(h, m->size, PPM_BIGRAM, sizeof(ppm_bigram), &p, &n) || n != (uint64_t)h->nbigram + 1, m->bigram = p;
    bad |= section(h, m->size, PPM_TRIGRAM, sizeof(ppm_trigram), &p, &n) || n != h->ntrigram, m->trigram = p;
    bad |= section(h, m->size, PPM_SKEL, sizeof(ppm_skel), &p, &n) || n != h->nskel, m->skel = p;
    bad |= section(h, m->size, PPM_SHASH, 4, &p, &n) || n != h->shash_size || !is_pow2(h->shash_size), m->shash = p;
    bad |= section(h, m->size, PPM_SKELIDS, 4, &p, &n), m->skelids = p;
    uint64_t nskelids = n;
    bad |= section(h, m->size, PPM_CHANNEL, sizeof(ppm_channel_entry), &p, &n) || n != h->nchannel, m->channel = p;
    bad |= section(h, m->size, PPM_DELS, sizeof(ppm_skel), &p, &n) || n != h->ndel, m->dels = p;
    bad |= section(h, m->size, PPM_DHASH, 4, &p, &n) || n != h->dhash_size || !is_pow2(h->dhash_size), m->dhash = p;
    bad |= section(h, m->size, PPM_DELIDS, 4, &p, &n), m->delids = p;
    uint64_t ndelids = n;
    bad |= section(h, m->size, PPM_BHASH, 4, &p, &n) || n != h->bhash_size || !is_pow2(h->bhash_size), m->bhash = p;
    bad |= section(h, m->size, PPM_KEYS, sizeof(ppm_skel), &p, &n) || n != h->nkey, m->keys = p;
    bad |= section(h, m->size, PPM_KHASH, 4, &p, &n) || n != h->khash_size || !is_pow2(h->khash_size), m->khash = p;
    bad |= section(h, m->size, PPM_CANDS, sizeof(ppm_cand), &p, &n) || n != h->ncand, m->cands = p;
    if (bad || !m->strings_size || m->strings[m->strings_size - 1] != '\0')
        return ppi_fail(ctx, PP_ERR_DATA, "%s: model sections are inconsistent", path);
    /* ids and offsets in range, ranges ordered */
    for (uint32_t i = 0; i < h->nvocab; i++)
        if (m->vocab[i].str >= m->strings_size || m->vocab[i].bi_start > m->vocab[i + 1].bi_start)
            bad = 1;
    bad |= m->vocab[h->nvocab].bi_start != h->nbigram;
    for (uint32_t i = 0; i < h->nbigram; i++)
        if (m->bigram[i].w2 >= h->nvocab || m->bigram[i].tri_start > m->bigram[i + 1].tri_start)
            bad = 1;
    bad |= m->bigram[h->nbigram].tri_start != h->ntrigram;
    for (uint32_t i = 0; i < h->ntrigram; i++)
        bad |= m->trigram[i].w3 >= h->nvocab;
    for (uint32_t i = 0; i < h->vhash_size; i++)
        bad |= m->vhash[i] > h->nvocab;
    for (uint32_t i = 0; i < h->shash_size; i++)
        bad |= m->shash[i] > h->nskel;
    for (uint32_t i = 0; i < h->nskel; i++)
        bad |= m->skel[i].str >= m->strings_size || m->skel[i].ids > nskelids ||
               m->skel[i].nids > nskelids - m->skel[i].ids;
    for (uint64_t i = 0; i < nskelids; i++)
        bad |= m->skelids[i] >= h->nvocab;
    for (uint32_t i = 0; i < h->dhash_size; i++)
        bad |= m->dhash[i] > h->ndel;
    for (uint32_t i = 0; i < h->ndel; i++)
        bad |= m->dels[i].str >= m->strings_size || m->dels[i].ids > ndelids ||
               m->dels[i].nids > ndelids - m->dels[i].ids;
    for (uint64_t i = 0; i < ndelids; i++)
        bad |= m->delids[i] >= h->nskel;
    for (uint32_t i = 0; i < h->bhash_size; i++)
        bad |= m->bhash[i] > h->nbigram;
    for (uint32_t i = 0; i < h->nchannel; i++)
        bad |= m->channel[i].truth >= m->strings_size || m->channel[i].ocr >= m->strings_size;
    bad |= h->unk_id >= h->nvocab || h->bos_id >= h->nvocab || h->eos_id >= h->nvocab;
    for (uint32_t i = 0; i < h->khash_size; i++)
        bad |= m->khash[i] > h->nkey;
    for (uint32_t i = 0; i < h->nkey; i++)
        bad |= m->keys[i].str >= m->strings_size || m->keys[i].ids > h->ncand ||
               m->keys[i].nids > h->ncand - m->keys[i].ids;
    for (uint32_t i = 0; i < h->ncand; i++)
        bad |= m->cands[i].id >= h->nvocab || m->cands[i].keep > 1;
    if (bad)
        return ppi_fail(ctx, PP_ERR_DATA, "%s: model tables are inconsistent", path);
    return PP_OK;
}

static uint32_t chan_hash(uint32_t t, uint32_t a, uint32_t b)
{
    uint64_t h = (uint64_t)t * 0x9E3779B97F4A7C15ULL ^ (uint64_t)a * 0xC2B2AE3D27D4EB4FULL ^ (uint64_t)b * 0x165667B19E3779F9ULL;
    return (uint32_t)(h ^ (h >> 29));
}

/* Decodes up to two code points of s into a, b (0 when absent); -1 if
   longer or invalid. */
static int two_cps(const char *s, uint32_t *a, uint32_t *b)
{
    uint32_t cp[2] = {0, 0};
    int n = ppi_utf8_to_cps(s, strlen(s), cp, 2);
    *a = cp[0];
    *b = cp[1];
    return n < 0 ? -1 : 0;
}

/* Adds a reading unless the index has one for the same key (learned
   readings go in first and win). */
static int put_reading(void *arg, uint32_t t, uint32_t a, uint32_t b, float cost)
{
    pp_model *m = arg;
    uint32_t mask = m->chan_index_size - 1, j = chan_hash(t, a, b) & mask;
    for (; m->chan_index[j].used; j = (j + 1) & mask)
        if (m->chan_index[j].truth == t && m->chan_index[j].o0 == a && m->chan_index[j].o1 == b)
            return 0;
    m->chan_index[j] = (ppi_chan_key){t, a, b, cost, 1};
    return 0;
}

static int count_reading(void *arg, uint32_t t, uint32_t a, uint32_t b, float cost)
{
    (void)t, (void)a, (void)b, (void)cost;
    ++*(uint32_t *)arg;
    return 0;
}

/* One hash table of every letter reading with a cost of its own: the
   learned ones (mixed with the hand-set costs) and the hand-set
   look-alikes. The channel then needs one probe per reading. */
static int index_channel(pp_model *m, pp_ctx *ctx)
{
    uint32_t n = m->h->nchannel;
    ppi_channel_each_look_alike(count_reading, &n);
    uint32_t size = 16;
    while (size < n * 2)
        size *= 2;
    m->chan_index = calloc(size, sizeof *m->chan_index);
    if (!m->chan_index)
        return ppi_fail(ctx, PP_ERR_NOMEM, "out of memory");
    m->chan_index_size = size;
    for (uint32_t i = 0; i < m->h->nchannel; i++) {
        uint32_t t, t2, a, b;
        if (two_cps(m->strings + m->channel[i].truth, &t, &t2) || t2 || !t ||
            two_cps(m->strings + m->channel[i].ocr, &a, &b))
            continue; /* only single letters are used */
        put_reading(m, t, a, b, ppi_channel_mixed(m->channel[i].cost, t, a, b));
    }
    ppi_channel_each_look_alike(put_reading, m);
    return PP_OK;
}

float ppi_model_channel(const pp_model *m, uint32_t truth, uint32_t o0, uint32_t o1)
{
    if (!m || !m->chan_index_size)
        return -1;
    uint32_t mask = m->chan_index_size - 1;
    for (uint32_t j = chan_hash(truth, o0, o1) & mask;; j = (j + 1) & mask) {
        const ppi_chan_key *k = &m->chan_index[j];
        if (!k->used)
            return -1;
        if (k->truth == truth && k->o0 == o0 && k->o1 == o1)
            return k->cost;
    }
}

static int index_frequencies(pp_model *m, pp_ctx *ctx)
{
    uint32_t n = m->h->nvocab;
    m->freq_logp = malloc(sizeof *m->freq_logp * (n ? n : 1));
    if (!m->freq_logp)
        return ppi_fail(ctx, PP_ERR_NOMEM, "out of memory");
    double total = m->h->corpus_tokens ? (double)m->h->corpus_tokens : 1.0;
    for (uint32_t i = 0; i < n; i++)
        m->freq_logp[i] = m->vocab[i].count ? (float)log10(m->vocab[i].count / total) : m->vocab[i].logp;
    return PP_OK;
}

/* A bitset of 16 to 32 bits per entry; *mask is its size - 1. */
static uint64_t *new_bits(uint32_t entries, uint32_t *mask)
{
    uint32_t bits = 1u << 12;
    while (bits < entries * 16u && bits < (1u << 28))
        bits *= 2;
    *mask = bits - 1;
    return calloc(bits / 64, sizeof(uint64_t));
}

static void set_bit(uint64_t *bits, uint32_t mask, uint32_t hash)
{
    hash &= mask;
    bits[hash / 64] |= 1ull << (hash % 64);
}

static int bit_is_set(const uint64_t *bits, uint32_t mask, uint32_t hash)
{
    hash &= mask;
    return (bits[hash / 64] >> (hash % 64)) & 1;
}

/* Sets the bit of every stored bigram's and trigram's hash: a pair or
   triple whose bit is clear is not stored (87% of the decoder's bigram
   look-ups are of pairs not stored; about 4% of those find their bit
   set), and is answered without a probe or a search. */
static int index_ngram_bits(pp_model *m, pp_ctx *ctx)
{
    m->bigram_bits = new_bits(m->h->nbigram, &m->bigram_bits_mask);
    m->trigram_bits = new_bits(m->h->ntrigram, &m->trigram_bits_mask);
    if (!m->bigram_bits || !m->trigram_bits)
        return ppi_fail(ctx, PP_ERR_NOMEM, "out of memory");
    for (uint32_t v = 0; v < m->h->nvocab; v++)
        for (uint32_t b = m->vocab[v].bi_start; b < m->vocab[v + 1].bi_start; b++)
            set_bit(m->bigram_bits, m->bigram_bits_mask, ppm_hash_pair(v, m->bigram[b].w2));
    for (uint32_t b = 0; b < m->h->nbigram; b++)
        for (uint32_t t = m->bigram[b].tri_start; t < m->bigram[b + 1].tri_start; t++)
            set_bit(m->trigram_bits, m->trigram_bits_mask, ppm_hash_pair(b, m->trigram[t].w3));
    return PP_OK;
}

int pp_model_load(pp_model **out, pp_ctx *ctx, const char *path)
{
    if (out)
        *out = NULL;
    ppi_ctx_reset(ctx);
    if (!out)
        return ppi_fail(ctx, PP_ERR_ARG, "pp_model_load: NULL argument");
    if (!path)
        path = pp_model_default_path();
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return ppi_fail(ctx, errno == ENOENT ? PP_ERR_DATA : PP_ERR_IO,
                        "%s: cannot open the model: %s (set PLANPARSE_MODEL or --model)", path,
                        strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        close(fd);
        return ppi_fail(ctx, PP_ERR_DATA, "%s: not a regular, non-empty file", path);
    }
    pp_model *m = calloc(1, sizeof *m);
    if (!m) {
        close(fd);
        return ppi_fail(ctx, PP_ERR_NOMEM, "out of memory");
    }
    m->size = (size_t)st.st_size;
    m->map = mmap(NULL, m->size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m->map == MAP_FAILED) {
        free(m);
        return ppi_fail(ctx, PP_ERR_IO, "%s: cannot map the model: %s", path, strerror(errno));
    }
    m->h = m->map;
    int rc = verify(m, ctx, path);
    if (rc == PP_OK)
        rc = index_channel(m, ctx);
    if (rc == PP_OK)
        rc = ppi_index_rhymes(m, ctx);
    if (rc == PP_OK)
        rc = index_frequencies(m, ctx);
    if (rc == PP_OK)
        rc = index_ngram_bits(m, ctx);
    if (rc != PP_OK) {
        pp_model_free(m);
        return rc;
    }
    *out = m;
    return PP_OK;
}

void pp_model_free(pp_model *m)
{
    if (!m)
        return;
    if (m->map && m->map != MAP_FAILED)
        munmap(m->map, m->size);
    free(m->chan_index);
    ppi_free_rhymes(m);
    free(m->freq_logp);
    free(m->bigram_bits);
    free(m->trigram_bits);
    free(m);
}

int pp_model_get_info(pp_model_info *out, const pp_model *m)
{
    if (!out || !m)
        return PP_ERR_ARG;
    memset(out, 0, sizeof *out);
    out->vocabulary = m->h->nvocab;
    for (uint32_t i = 0; i < m->h->nvocab; i++)
        out->lexicon += (m->vocab[i].flags & PPM_W_LEXICON) != 0;
    out->bigrams = m->h->nbigram;
    out->trigrams = m->h->ntrigram;
    out->corpus_tokens = m->h->corpus_tokens;
    out->channel_entries = m->h->nchannel;
    out->file_bytes = m->size;
    return PP_OK;
}

/* ---- look-ups ---- */

/* Probes an open-addressing table of entry index + 1 for the entry whose
   string is s. Both kinds of entry (ppm_word, ppm_skel) start with the
   string's offset. Returns index + 1, or 0. */
static uint32_t probe(const pp_model *m, const uint32_t *table, uint32_t size, const void *entries,
                      size_t stride, const char *s, size_t len)
{
    uint32_t mask = size - 1;
    for (uint32_t i = ppm_hash_str(s, len) & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
        uint32_t e = table[i];
        if (!e)
            return 0;
        uint32_t str;
        memcpy(&str, (const char *)entries + (size_t)(e - 1) * stride, sizeof str);
        const char *w = m->strings + str;
        if (strncmp(w, s, len) == 0 && w[len] == '\0')
            return e;
    }
    return 0;
}

uint32_t ppi_model_word_id(const pp_model *m, const char *s, size_t len)
{
    uint32_t e = probe(m, m->vhash, m->h->vhash_size, m->vocab, sizeof *m->vocab, s, len);
    return e ? e - 1 : PPI_NO_WORD;
}

const char *ppi_model_word(const pp_model *m, uint32_t id)
{
    return id < m->h->nvocab ? m->strings + m->vocab[id].str : "";
}

const ppm_skel *ppi_model_skeleton(const pp_model *m, const char *s, size_t len)
{
    uint32_t e = probe(m, m->shash, m->h->shash_size, m->skel, sizeof *m->skel, s, len);
    return e ? &m->skel[e - 1] : NULL;
}

uint32_t ppi_model_stored_candidates(const pp_model *m, const char *s, size_t len, const ppm_cand **out)
{
    uint32_t e = probe(m, m->khash, m->h->khash_size, m->keys, sizeof *m->keys, s, len);
    if (!e)
        return 0;
    *out = m->cands + m->keys[e - 1].ids;
    return m->keys[e - 1].nids;
}

const ppm_skel *ppi_model_deletion(const pp_model *m, const char *s, size_t len)
{
    uint32_t e = probe(m, m->dhash, m->h->dhash_size, m->dels, sizeof *m->dels, s, len);
    return e ? &m->dels[e - 1] : NULL;
}

/* Index of bigram (v, w) or -1: a hash probe, the entry's w2 and its
   place in v's range confirming the pair. */
static long find_bigram(const pp_model *m, uint32_t v, uint32_t w)
{
    uint32_t mask = m->h->bhash_size - 1, lo = m->vocab[v].bi_start, hi = m->vocab[v + 1].bi_start;
    uint32_t hash = ppm_hash_pair(v, w);
    if (lo == hi || !bit_is_set(m->bigram_bits, m->bigram_bits_mask, hash))
        return -1;
    for (uint32_t j = hash & mask;; j = (j + 1) & mask) {
        uint32_t e = m->bhash[j];
        if (!e)
            return -1;
        if (e - 1 >= lo && e - 1 < hi && m->bigram[e - 1].w2 == w)
            return (long)(e - 1);
    }
}

long ppi_model_bigram_with_logp(const pp_model *m, uint32_t v, uint32_t w, float *logp)
{
    if (v == PPI_NO_WORD) {
        *logp = m->vocab[w].logp;
        return -1;
    }
    long b = find_bigram(m, v, w);
    *logp = b >= 0 ? m->bigram[b].logp : m->vocab[v].bow + m->vocab[w].logp;
    return b;
}

static float bigram_logp(const pp_model *m, uint32_t v, uint32_t w)
{
    float logp;
    ppi_model_bigram_with_logp(m, v, w, &logp);
    return logp;
}

long ppi_model_bigram(const pp_model *m, uint32_t u, uint32_t v)
{
    return u == PPI_NO_WORD || v == PPI_NO_WORD ? -1 : find_bigram(m, u, v);
}

float ppi_model_bigram_logp(const pp_model *m, uint32_t v, uint32_t w)
{
    return bigram_logp(m, v, w);
}

/* Index of trigram (u v w) given bigram (u v)'s index, or -1. */
static long find_trigram(const pp_model *m, long uv, uint32_t w)
{
    uint32_t lo = m->bigram[uv].tri_start, end = m->bigram[uv + 1].tri_start, hi = end;
    if (lo == end || !bit_is_set(m->trigram_bits, m->trigram_bits_mask, ppm_hash_pair((uint32_t)uv, w)))
        return -1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (m->trigram[mid].w3 < w)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < end && m->trigram[lo].w3 == w ? (long)lo : -1;
}

float ppi_model_trigram_logp(const pp_model *m, long uv, uint32_t w, float vw_logp)
{
    if (uv < 0)
        return vw_logp;
    long t = find_trigram(m, uv, w);
    return t >= 0 ? m->trigram[t].logp : m->bigram[uv].bow + vw_logp;
}

/* The same, with p(w | v) looked up only when the trigram is not stored. */
float ppi_model_logp(const pp_model *m, uint32_t u, uint32_t v, uint32_t w)
{
    long uv = ppi_model_bigram(m, u, v);
    long t = uv >= 0 ? find_trigram(m, uv, w) : -1;
    if (t >= 0)
        return m->trigram[t].logp;
    float vw = bigram_logp(m, v, w);
    return uv >= 0 ? m->bigram[uv].bow + vw : vw;
}
