/*
 * model_format.h - the on-disk layout of planparse.model, shared by the
 * builder (tools/model) and the loader (lib/restore/model.c).
 *
 * One file, memory-mapped read-only and shared by every thread:
 *
 *   header   ppm_header (magic, format version, sizes, checksum of
 *            everything after the header)
 *   sections at 8-byte aligned offsets, listed in the header:
 *     STRINGS   NUL-terminated UTF-8 strings, referenced by offset
 *     VOCAB     ppm_word[nvocab]: every word the model knows (lowercase)
 *     VHASH     u32[hash_size]: open addressing, word id + 1 (0 = empty)
 *     BIGRAM    ppm_bigram[nbigram], sorted by (w1, w2); VOCAB.bi_start
 *               gives each w1's range
 *     TRIGRAM   ppm_trigram[ntrigram], sorted by (w1, w2, w3); each
 *               bigram's tri_start gives its range
 *     SKEL      ppm_skel[nskel]: a skeleton (word without diacritics) and
 *               its words; SHASH indexes them like VHASH
 *     SKELIDS   u32 word ids of the skeleton lists
 *     CHANNEL   ppm_channel_entry[nchannel]: learned OCR substitutions
 *     DELS      ppm_skel[ndel]: every string made by deleting one byte of
 *               an ASCII skeleton, with the skeletons it comes from (their
 *               SKEL indices in DELIDS); DHASH indexes them like VHASH.
 *               With it, the skeletons one edit from a string are found
 *               in 2n + 2 look-ups instead of ~53n (symmetric deletion).
 *     DHASH     u32[dhash_size]
 *     DELIDS    u32 SKEL indices of the deletion lists
 *     BHASH     u32[bhash_size]: open addressing by ppm_hash_pair(w1, w2),
 *               bigram index + 1 (0 = empty); a bigram is found in one
 *               or two probes instead of a binary search
 *     KEYS      ppm_skel[nkey]: a lowercase token (a word, a skeleton, a
 *               frequent OCR misreading) and its candidate list, CANDS
 *               [ids, ids + nids); KHASH indexes them like VHASH
 *     KHASH     u32[khash_size]
 *     CANDS     ppm_cand[ncand]: the lists, exactly as the candidate search
 *               finds them, computed by the builder with the library's own
 *               search. Most tokens of a document are words, skeletons or
 *               common misreadings; a new context finds their candidates
 *               here in one look-up instead of a search (most of the time
 *               of restoring one document before session 9).
 *
 * Probabilities are log10, interpolated Kneser-Ney in backoff form:
 *   p(w | u v) = tri(u v w)                    if stored
 *              = bow(u v) + p(w | v)           else
 *   p(w | v)   = bi(v w)                       if stored
 *              = bow(v) + p(w)                 else
 * All integers little-endian (the builder and loader run on the same kind
 * of machine; the header's byte-order mark rejects a foreign file).
 */
#ifndef PP_MODEL_FORMAT_H
#define PP_MODEL_FORMAT_H

#include <stdint.h>
#include <string.h>

#define PPM_MAGIC "PPMODEL"
#define PPM_FORMAT_VERSION 3u
#define PPM_BYTE_ORDER 0x01020304u

enum ppm_section {
    PPM_STRINGS,
    PPM_VOCAB,
    PPM_VHASH,
    PPM_BIGRAM,
    PPM_TRIGRAM,
    PPM_SKEL,
    PPM_SHASH,
    PPM_SKELIDS,
    PPM_CHANNEL,
    PPM_DELS,
    PPM_DHASH,
    PPM_DELIDS,
    PPM_BHASH,
    PPM_KEYS,
    PPM_KHASH,
    PPM_CANDS,
    PPM_NSECTIONS
};

typedef struct ppm_section_ref {
    uint64_t offset; /* from the start of the file */
    uint64_t size;   /* bytes */
} ppm_section_ref;

typedef struct ppm_header {
    char magic[8];             /* "PPMODEL\0" */
    uint32_t format_version;   /* PPM_FORMAT_VERSION */
    uint32_t byte_order;       /* PPM_BYTE_ORDER */
    uint64_t file_size;
    uint64_t checksum;         /* ppm_checksum of bytes [sizeof header, file_size) */
    uint32_t nvocab, nbigram, ntrigram, nskel, nchannel;
    uint32_t vhash_size, shash_size; /* powers of two */
    uint32_t unk_id;           /* id of "<unk>" */
    uint32_t bos_id, eos_id;   /* "<s>", "</s>" */
    uint32_t corpus_tokens;    /* tokens the LM was trained on */
    uint32_t ndel, dhash_size; /* DELS entries; DHASH size, a power of two */
    uint32_t bhash_size;       /* a power of two */
    uint32_t nkey, khash_size; /* KEYS entries; KHASH size, a power of two */
    uint32_t ncand;            /* CANDS entries */
    uint32_t reserved[3];
    ppm_section_ref sections[PPM_NSECTIONS];
} ppm_header;

/* ppm_word.flags */
#define PPM_W_SYLLABLE 0x1u    /* a valid Vietnamese syllable */
#define PPM_W_LEXICON 0x2u     /* may be proposed as a correction */
#define PPM_W_PASSTHROUGH 0x4u /* abbreviation or foreign word: keep as is */
#define PPM_W_CLASS 0x8u       /* a token class such as <num>, <sym> */

typedef struct ppm_word {
    uint32_t str;      /* offset in STRINGS */
    uint32_t flags;
    uint32_t count;    /* occurrences in the training corpus */
    float logp;        /* log10 p(w) */
    float bow;         /* log10 backoff weight as a context */
    uint32_t bi_start; /* bigrams with this word first: [bi_start, next word's bi_start) */
} ppm_word;

typedef struct ppm_bigram {
    uint32_t w2;
    float logp;
    float bow;
    uint32_t tri_start; /* trigrams with this context: [tri_start, next bigram's) */
} ppm_bigram;

typedef struct ppm_trigram {
    uint32_t w3;
    float logp;
} ppm_trigram;

typedef struct ppm_skel {
    uint32_t str;     /* skeleton, offset in STRINGS */
    uint32_t ids;     /* index of the first id in SKELIDS */
    uint32_t nids;
} ppm_skel;

/* A learned OCR substitution: the true letter sequence `truth` (lowercase,
   usually one letter) was read as `ocr` (possibly empty), with cost
   -log10 P(ocr | truth). */
typedef struct ppm_channel_entry {
    uint32_t truth; /* offset in STRINGS */
    uint32_t ocr;   /* offset in STRINGS */
    float cost;
} ppm_channel_entry;

/* A stored candidate: word id (unk for the token kept as an unknown), 1
   if it is the token itself, and -log10 P(token | word). */
typedef struct ppm_cand {
    uint32_t id;
    uint32_t keep;
    float channel;
} ppm_cand;

/* FNV-1a, 64 bit: the hash of the tables' strings. */
static inline uint64_t ppm_fnv1a(const void *data, uint64_t len, uint64_t h)
{
    const unsigned char *p = data;
    for (uint64_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

#define PPM_FNV_SEED 0xcbf29ce484222325ULL

/* The checksum of the payload: FNV-1a's step over 8-byte words in four
   interleaved lanes, then the lanes and the last bytes folded together.
   Byte by byte, FNV-1a took 7 of the 9 ms of loading a 6.8 MB model;
   this takes under 1. Each step is a bijection of its lane's state, so
   any one changed word changes the sum. */
static inline uint64_t ppm_checksum(const void *data, uint64_t len)
{
    const unsigned char *p = data;
    uint64_t lane[4] = {PPM_FNV_SEED, PPM_FNV_SEED ^ 1, PPM_FNV_SEED ^ 2, PPM_FNV_SEED ^ 3};
    uint64_t i = 0;
    for (; i + 32 <= len; i += 32)
        for (int k = 0; k < 4; k++) {
            uint64_t w;
            memcpy(&w, p + i + 8 * k, sizeof w);
            lane[k] = (lane[k] ^ w) * 0x100000001b3ULL;
        }
    return ppm_fnv1a(p + i, len - i, lane[0] ^ lane[1] * 3 ^ lane[2] * 5 ^ lane[3] * 7);
}

static inline uint32_t ppm_hash_str(const char *s, uint64_t len)
{
    uint64_t h = ppm_fnv1a(s, len, PPM_FNV_SEED);
    return (uint32_t)(h ^ (h >> 32));
}

static inline uint32_t ppm_hash_pair(uint32_t v, uint32_t w)
{
    uint64_t h = (uint64_t)v * 0x9E3779B97F4A7C15ULL ^ (uint64_t)w * 0xC2B2AE3D27D4EB4FULL;
    return (uint32_t)(h ^ (h >> 31));
}

#endif
