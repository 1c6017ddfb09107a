/* syllable.h - syllable model internals shared inside the normalise stage. */
#ifndef PP_SYLLABLE_H
#define PP_SYLLABLE_H

#include "planparse.h"

/* Rewrites one syllable with its tone mark placed per style, keeping its
   letters and case: "hoá" -> "hóa" (OLD). PP_ERR_NOT_SYLLABLE if s is not
   one; PP_ERR_RANGE if cap is too small (32 bytes always suffice). */
int ppi_syllable_restyle(const char *s, size_t len, pp_tone_style style, char *out, size_t cap,
                         size_t *out_len);

/* The skeleton of a word: lowercase, every diacritic removed, đ -> d
   ("Kế" -> "ke", "ĐẢNG" -> "dang"); other characters lowercased. Writes at
   most cap-1 bytes and a NUL; returns the length, or 0 if it did not fit. */
size_t ppi_skeleton(const char *s, size_t len, char *out, size_t cap);

/* The plain lowercase ASCII letter under a Latin/Vietnamese letter ("Ế"
   -> 'e', "đ" -> 'd'), or 0 for anything else. */
char ppi_base_letter(uint32_t cp);

/* The i-th onset (lowercase, "ngh" ... "x", then "" for none), or NULL
   past the last. */
const char *ppi_onset_at(size_t i);

/* Bytes of the onset as written at the start of a lowercase word: the
   longest of ngh, ng, nh, ch, gh, gi, kh, ph, qu, th, tr and the single
   consonants (đ among them) that leaves something after it, else 0
   ("được" -> 2, "nghiêm" -> 3, "gì" -> 1, "ăn" -> 0). The rest is the
   written rhyme, as OCR's rhyme readings are learned and looked up. */
size_t ppi_written_onset(const char *low, size_t len);

/* 1 when the built-in tables are in the order bsearch needs (for tests). */
int ppi_rhyme_table_sorted(void);

#endif
