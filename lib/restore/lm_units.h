/* lm_units.h - what the language model sees of a token. Shared by the
   model builder and the decoder so that training and decoding agree. */
#ifndef PP_LM_UNITS_H
#define PP_LM_UNITS_H

#include "planparse.h"

typedef enum ppi_unit_kind {
    PPI_UNIT_SKIP,   /* invisible to the model: spaces, most punctuation */
    PPI_UNIT_BREAK,  /* ends a sentence: . ; : ! ? ( ) and line ends */
    PPI_UNIT_WORD,   /* a word: the model sees it lowercased */
    PPI_UNIT_CLASS   /* a token class: <num>, <sym>, <url> */
} ppi_unit_kind;

/* Classifies a token; for PPI_UNIT_CLASS *cls gets the class name. */
ppi_unit_kind ppi_lm_unit(const pp_token *t, const char *text, const char **cls);

#define PPI_CLASS_NUM "<num>"
#define PPI_CLASS_SYM "<sym>"
#define PPI_CLASS_URL "<url>"

#endif
