/* horn.h - words OCR cut in pieces with an apostrophe or a symbol, and
   OCR's "u'" and "o'" for ư and ơ (internal). */
#ifndef PP_HORN_H
#define PP_HORN_H

#include "../core/internal.h"

/* Joins the pieces of each word the tokenizer cut where an English OCR
   engine printed an apostrophe or a symbol into one WORD token, in place;
   *nt shrinks. First the horn of ư and ơ read as an apostrophe after the
   vowel ("THU'C" for "THỨC", "co’" for "cơ"; apostrophes that close a
   quotation opened earlier on the line are left alone), then symbols read
   for a marked letter: "huy€n", "c&p", "nu@c", "It¥a" and, at a word's
   end, "s@", "k¥" (a question mark there, and '&' between capitals as in
   "GD&ĐT", are left alone). Restoration and pp-learn-channel both see the
   words so. */
void ppi_join_word_pieces(const char *text, pp_token *t, size_t *nt);

/* Rewrites the lower-case token low (len bytes) for candidate look-up:
   "u'" becomes "ư", "o'" becomes "ơ", other apostrophes are dropped.
   Writes into out (cleared first). Returns 1 when low had an apostrophe,
   0 when out was left empty, or a negative PP_ERR_ code. */
int ppi_horn_lookup(ppi_buf *out, const char *low, size_t len);

#endif
