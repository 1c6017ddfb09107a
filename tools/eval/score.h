/* score.h - syllable accuracy as the project defines it (issue 3):
 *   - both sides NFC, every syllable's tone mark in one placement;
 *   - tokens are maximal runs of letters and digits (punctuation and
 *     underscores ignored);
 *   - errors are the Levenshtein distance between the token sequences,
 *     aligned line by line when both have the same number of lines, else
 *     over the whole text;
 *   - accuracy = 1 - errors / gold tokens.
 * Also counted: gold tokens with diacritics and how many of them came out
 * exactly (aligned to an identical token). */
#ifndef PP_EVAL_SCORE_H
#define PP_EVAL_SCORE_H

#include <stddef.h>

typedef struct pp_score {
    size_t gold_tokens;
    size_t errors;
    size_t diacritic_tokens;  /* gold tokens with a non-ASCII letter */
    size_t diacritic_exact;   /* ... of which matched exactly */
    int line_aligned;         /* 1 if compared line by line */
} pp_score;

/* Scores hyp against gold (both UTF-8). Returns 0, or -1 on invalid UTF-8
   or out of memory. */
int pp_score_texts(pp_score *out, const char *gold, size_t gold_len, const char *hyp,
                   size_t hyp_len);

/* Adds b into a (micro-average over documents). */
void pp_score_add(pp_score *a, const pp_score *b);

double pp_score_accuracy(const pp_score *s);
double pp_score_diacritic_rate(const pp_score *s);

#endif
