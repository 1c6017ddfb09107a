/* horn.h - OCR's "u'" and "o'" for ư and ơ (internal). */
#ifndef PP_HORN_H
#define PP_HORN_H

#include "../core/internal.h"

/* An English OCR engine reads the horn of ư and ơ as an apostrophe after
   the vowel ("THU'C" for "THỨC", "co’" for "cơ"), and the tokenizer then
   cuts the word in two. This joins each such word, its apostrophe and an
   adjacent rest of the word into one WORD token, in place; *nt shrinks.
   Apostrophes that close a quotation opened earlier on the line are left
   alone. */
void ppi_join_horn_apostrophes(const char *text, pp_token *t, size_t *nt);

/* The same for words cut by a symbol an English OCR engine reads for a
   marked letter: "huy€n", "c&p", "nu@c", "It¥a" and, at a word's end,
   "s@", "k¥" (a question mark there is left alone). */
void ppi_join_glued_symbols(const char *text, pp_token *t, size_t *nt);

/* Rewrites the lower-case token low (len bytes) for candidate look-up:
   "u'" becomes "ư", "o'" becomes "ơ", other apostrophes are dropped.
   Writes into out (cleared first). Returns 1 when low had an apostrophe,
   0 when out was left empty, or a negative PP_ERR_ code. */
int ppi_horn_lookup(ppi_buf *out, const char *low, size_t len);

#endif
