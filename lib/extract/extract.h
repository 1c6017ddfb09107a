/* extract.h - references, dates, periods, deadlines and agencies (internal).
 *
 * Extraction reads the record's text (restored when it was damaged) as one
 * stream of words across line ends, so a citation or a date broken over two
 * lines is still one. Words are compared folded (no diacritics, capitals),
 * which also lets residual OCR damage through: "Quyet dinh s6 1663/QD-UBND
 * ngay 27/5/2021" reads like the restored text.
 */
#ifndef PP_EXTRACT_H
#define PP_EXTRACT_H

#include "../structure/record.h"

/* ---- the word stream (words.c) ---- */

#define PPI_XW_CAP 0x1u   /* first letter a capital */
#define PPI_XW_UPPER 0x2u /* two or more letters, all capitals */
#define PPI_XW_NL 0x4u    /* a line ends before this word */
#define PPI_XW_UPLINE 0x8u /* in a line printed in capitals */
#define PPI_XW_FOLD 24

typedef struct ppi_xw {
    size_t off, len;        /* bytes in the text */
    size_t line;            /* 1-based */
    pp_token_kind kind;
    unsigned flags;
    char fold[PPI_XW_FOLD]; /* folded: "KE", "HOACH", "17/QD-UBND"; cut short if longer */
} ppi_xw;

/* The phrases of the dict/ tables folded as the text's words are, once per
   extraction: matching them is then a comparison of words. */
typedef struct ppi_xdict {
    const char **doc_type; /* doc_types column 0 */
    const char **head;     /* agency_names column 0 */
    const char **name;     /* agency_names column 1 ("" for none) */
    const char **place;    /* gazetteer column 2 */
    char *strings;         /* all of them, NUL-terminated */
} ppi_xdict;

int ppi_xdict_init(ppi_xdict *d);
void ppi_xdict_free(ppi_xdict *d);

typedef struct ppi_xtext {
    const char *text;
    size_t len;
    ppi_xw *w;  /* the words and punctuation, no spaces or line ends */
    size_t n;
    size_t first_line;
    const ppi_xdict *dict;
} ppi_xtext;

int ppi_xtext_init(ppi_xtext *x, const char *text, size_t len, size_t first_line, const ppi_xdict *dict);
void ppi_xtext_free(ppi_xtext *x);

/* 1 if word i exists and its folded form is f. */
int ppi_xw_is(const ppi_xtext *x, size_t i, const char *f);
/* The number of words of phrase (folded words separated by spaces, "KE
   HOACH") that match from word i, or 0 when they do not all match. */
size_t ppi_x_phrase(const ppi_xtext *x, size_t i, const char *phrase);
/* 1 if word i is punctuation c. */
int ppi_xw_punct(const ppi_xtext *x, size_t i, char c);
/* The number value of word i (digits only, at most 9), or -1. */
long ppi_xw_number(const ppi_xtext *x, size_t i);
/* Bytes of the text from word a to word b (inclusive), one line: line ends
   and runs of spaces become one space. In the record's arena. */
const char *ppi_x_span(pp_record *r, const ppi_xtext *x, size_t a, size_t b, int *rc);

/* ---- where a line is (extract.c) ---- */

typedef struct ppi_xstate {
    pp_record *rec;
    pp_ctx *ctx;
    ppi_xtext x;
} ppi_xstate;

#define PPI_MAX_DEPTH 12

/* The sections holding line, outermost first, in chain; returns how many
   (0 when the line is before the first section). */
size_t ppi_x_sections_at(const ppi_xstate *e, size_t line, const pp_section *chain[PPI_MAX_DEPTH]);

/* ---- dates (dates.c) ---- */

/* A date starting at word i: "ngày 15 tháng 7 năm 2021", "ngày 17/01/2022",
   "17/01/2022" or "15 tháng 7 năm 2021". Returns the words it takes (0 if
   none) and sets *day to the word of the day number; iso is empty when the
   date is impossible. */
size_t ppi_x_date_at(const ppi_xtext *x, size_t i, char iso[11], size_t *day);

int ppi_extract_dates(ppi_xstate *e);
int ppi_extract_references(ppi_xstate *e);
int ppi_extract_agencies(ppi_xstate *e);

/* ---- agencies (agencies.c), also used for a citation's issuer ---- */

/* An agency named from word i: its last word in *end. Returns 1 if found. */
int ppi_x_agency_at(const ppi_xtext *x, size_t i, size_t *end);

/* Fills the record's references, dates, periods, deadlines and agencies. */
int ppi_extract(pp_record *r, pp_ctx *ctx);

#endif
