/* structure.h - splitting a document into its parts (internal). */
#ifndef PP_STRUCTURE_H
#define PP_STRUCTURE_H

#include "../core/internal.h"

/* ---- strings owned by a record: one arena, freed at once ---- */

typedef struct ppi_arena {
    struct ppi_arena_block *head;
} ppi_arena;

void *ppi_arena_alloc(ppi_arena *a, size_t size);
/* A NUL-terminated copy of s[0..len); NULL when out of memory. */
char *ppi_arena_strndup(ppi_arena *a, const char *s, size_t len);
void ppi_arena_free(ppi_arena *a);

/* ---- text helpers ---- */

/* The letters of s folded for matching: each code point becomes one byte,
   a letter its plain capital ("Đ", "đ", "ẫ" -> 'D', 'D', 'A'), ASCII as it
   is, anything else '?'. at[i] is the byte offset in s of folded byte i
   (at[n] = len). Both arrays hold len + 1 entries. Returns the count n. */
size_t ppi_fold(const char *s, size_t len, char *folded, size_t *at);

/* A line folded for matching, at most PPI_FOLD_CAP bytes of it. */
#define PPI_FOLD_CAP 1024
typedef struct ppi_folded {
    char f[PPI_FOLD_CAP + 1];
    size_t at[PPI_FOLD_CAP + 1];
    size_t n;
} ppi_folded;
/* Folds the first PPI_FOLD_CAP bytes of s (cut back to the start of a
   code point). */
void ppi_fold_text(ppi_folded *out, const char *s, size_t len);

/* The words of s (runs of bytes other than ' '), at most max of them. */
typedef struct ppi_span {
    size_t at, len;
} ppi_span;
size_t ppi_split_words(const char *s, size_t len, ppi_span *out, size_t max);

/* 1 if s, trimmed, ends a sentence or a clause: . ; : ! ? */
int ppi_ends_sentence(const char *s, size_t len);
/* Makes every run of spaces in b one space and drops spaces at its ends. */
void ppi_collapse_spaces(ppi_buf *b);

/* s[0..len) without the spaces around it (start and length). */
void ppi_trim(const char **s, size_t *len);

/* 1 if most letters of s are capitals (and it has at least two). */
int ppi_mostly_upper(const char *s, size_t len);

/* The text of an agency or title printed in capitals, in normal case:
   "ỦY BAN NHÂN DÂN THÀNH PHỐ UÔNG BÍ" -> "Ủy ban nhân dân thành phố Uông
   Bí", "SỞ NỘI VỤ" -> "Sở Nội vụ", "PHÓ CHỦ TỊCH" -> "Phó Chủ tịch".
   is_title: a document's title or an office (names of agencies are not
   looked for, place names are). Text already in mixed case is kept. */
int ppi_normal_case(ppi_buf *out, const char *s, size_t len, int is_title);

/* ---- document lines ---- */

typedef enum ppi_role {
    ROLE_NONE = 0,   /* not yet assigned: body */
    ROLE_BLANK,
    ROLE_HEADER,
    ROLE_TITLE,
    ROLE_PAGE,       /* page number or running header: dropped */
    ROLE_CLOSING,
    ROLE_RECIPIENTS, /* the "Nơi nhận" and signature zone */
    ROLE_TABLE,
    ROLE_FOOTNOTE,
    ROLE_ATTACHMENT  /* from a second header on: parsed on its own */
} ppi_role;

typedef struct ppi_line {
    const char *s; /* not NUL-terminated */
    size_t len;
    size_t no;     /* 1-based line number in the input */
    ppi_role role;
} ppi_line;

/* Splits text into lines (the strings point into text). */
int ppi_split_lines(const char *text, size_t len, ppi_line **out, size_t *n);

#endif
