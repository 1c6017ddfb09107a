/*
 * internal.h - shared internals of libplanparse. Not installed.
 * Internal symbols are prefixed ppi_ so that even the static library exports
 * nothing outside the pp namespace.
 */
#ifndef PP_INTERNAL_H
#define PP_INTERNAL_H

#include "planparse.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define PPI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PPI_PRINTF(f, a)
#endif

#define PPI_DEFAULT_MAX_BYTES ((size_t)256 << 20)
#define PPI_ERRMSG_CAP 512

/* ---- context ---- */

struct pp_ctx {
    char errmsg[PPI_ERRMSG_CAP];
    char **warnings;
    size_t nwarnings;
    size_t warnings_cap;
    /* restoration's candidate lists, kept between calls (restore/cand_cache.c);
       freed through the function it set, so the core needs no restore types */
    void *restore_cache;
    void (*free_restore_cache)(void *);
};

/* Clears message and warnings: called at the start of every public call. */
void ppi_ctx_reset(pp_ctx *ctx);
/* Sets ctx's message (ctx may be NULL) and returns status, for
   `return ppi_fail(ctx, PP_ERR_INPUT, "...", ...)`. */
int ppi_fail(pp_ctx *ctx, int status, const char *fmt, ...) PPI_PRINTF(3, 4);
/* Adds a warning; PP_ERR_NOMEM if it cannot be stored. */
int ppi_warn(pp_ctx *ctx, const char *fmt, ...) PPI_PRINTF(2, 3);

/* ---- versioned options structs (docs/api.md) ---- */

/* Fields are only ever added at the end: a version v struct is the first
   sizes[v - 1] bytes of the current one's (version current, sizes[current
   - 1] bytes), and its first field is the version. */
typedef struct ppi_options_layout {
    const void *defaults;
    const size_t *sizes;
    unsigned current;
} ppi_options_layout;

/* pp_X_options_init: the defaults, written as a struct of that version
   (a version 1 caller's struct is the smaller one). PP_ERR_ARG for a
   version not known. */
int ppi_options_init(void *opts, unsigned version, const ppi_options_layout *l);
/* The caller's options (NULL: the defaults) in this version's layout, the
   fields an older version's struct lacks at their defaults. PP_ERR_ARG for
   a version not known. */
int ppi_options_read(void *out, const void *given, const ppi_options_layout *l);

/* ---- growable byte buffer ---- */

typedef struct ppi_buf {
    char *data;
    size_t len;
    size_t cap;
} ppi_buf;

int ppi_buf_reserve(ppi_buf *b, size_t extra);
int ppi_buf_append(ppi_buf *b, const void *data, size_t len);
int ppi_buf_putc(ppi_buf *b, char c);
/* NUL-terminates and hands the memory over: *out owns it, b is emptied. */
int ppi_buf_finish(ppi_buf *b, char **out, size_t *out_len);
void ppi_buf_free(ppi_buf *b);

/* ---- growable array of elements of one size ---- */

/* The array data of *cap elements of elem bytes, doubled (or given first
   elements when empty) for an array that is full. The new array, or NULL
   when out of memory or the size would overflow (data and *cap are then
   unchanged, and data is still the caller's to free). */
void *ppi_grow(void *data, size_t *cap, size_t elem, size_t first);

typedef struct ppi_vec {
    void *data;
    size_t n, cap, elem;
} ppi_vec;

/* Appends one element (copied from e); NULL when out of memory, else the
   stored element. */
void *ppi_vec_push(ppi_vec *v, const void *e);
void ppi_vec_free(ppi_vec *v);

/* ---- UTF-8 ---- */

/* Decodes one code point at s (n bytes available). Returns its byte length
   (1..4), or 0 when the bytes there are not valid UTF-8 (overlong forms,
   surrogates and values above U+10FFFF are invalid). */
size_t ppi_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns the byte length. */
size_t ppi_utf8_encode(uint32_t cp, char *out);
/* Length of the maximal invalid subsequence at s (at least 1): how many
   bytes one U+FFFD would replace under Unicode's best practice. */
size_t ppi_utf8_invalid_len(const unsigned char *s, size_t n);

/* 1 if the n bytes of s are all ASCII. */
int ppi_is_ascii(const char *s, size_t n);
/* Code points in len bytes of valid UTF-8: "ở" is one, not three bytes. */
size_t ppi_utf8_count(const char *s, size_t len);
/* Decodes len bytes of UTF-8 into at most max code points. Returns the
   count, or -1 when the bytes are invalid or hold more than max. */
int ppi_utf8_to_cps(const char *s, size_t len, uint32_t *out, int max);
/* The reverse: n code points as UTF-8 in out (room for 4n + 1 bytes),
   NUL-terminated. Returns the bytes written, the NUL aside. */
size_t ppi_utf8_from_cps(const uint32_t *cp, int n, char *out);

/* Position of a byte for error messages: 1-based line and column
   (column in code points). */
void ppi_text_position(const char *text, size_t len, size_t offset,
                       size_t *line, size_t *col);

/* ---- hashing ---- */

/* SHA-256 of data as 64 lowercase hex digits and a NUL. */
void ppi_sha256_hex(const void *data, size_t len, char out[65]);

/* ---- Unicode (ICU) ---- */

/* NFC of valid UTF-8 text into a new buffer. */
int ppi_nfc(pp_ctx *ctx, const char *text, size_t len, char **out, size_t *out_len);
/* pp_normalize, also giving the normalised text's tokens (*toks, freed
   with free(); the same as pp_tokenize of *out would give, without
   tokenizing twice). toks may be NULL. */
int ppi_normalize_tokens(char **out, size_t *out_len, pp_token **toks, size_t *ntok, size_t *changed,
                         pp_ctx *ctx, const char *text, size_t len, const pp_normalize_options *opts);
/* 1 if cp is a letter or a combining mark (part of a word). */
int ppi_is_word_char(uint32_t cp);
int ppi_is_digit(uint32_t cp);
int ppi_is_hspace(uint32_t cp);
int ppi_is_punct(uint32_t cp);
uint32_t ppi_lower_cp(uint32_t cp);
/* Letters and upper-case letters of s; *first_upper (may be NULL): 1 if
   the first letter is upper case, 0 if lower, -1 if s has no letter. */
void ppi_count_case(const char *s, size_t len, size_t *letters, size_t *upper, int *first_upper);
uint32_t ppi_upper_cp(uint32_t cp);
/* Appends text lowercased (simple case mapping) to out. */
int ppi_append_lower(ppi_buf *out, const char *s, size_t len);

#endif
