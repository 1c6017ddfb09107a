/* lm_units.c - the tokens the language model is trained and decoded on. */
#include "lm_units.h"

#include <string.h>

ppi_unit_kind ppi_lm_unit(const pp_token *t, const char *text, const char **cls)
{
    switch (t->kind) {
    case PP_TOK_WORD:
        return PPI_UNIT_WORD;
    case PP_TOK_NUMBER:
    case PP_TOK_DATE:
        *cls = PPI_CLASS_NUM;
        return PPI_UNIT_CLASS;
    case PP_TOK_SYMBOL:
        *cls = PPI_CLASS_SYM;
        return PPI_UNIT_CLASS;
    case PP_TOK_URL:
    case PP_TOK_EMAIL:
        *cls = PPI_CLASS_URL;
        return PPI_UNIT_CLASS;
    case PP_TOK_NEWLINE:
        return PPI_UNIT_BREAK;
    case PP_TOK_PUNCT:
        return t->length == 1 && strchr(".;:!?()", text[t->offset]) ? PPI_UNIT_BREAK : PPI_UNIT_SKIP;
    default:
        return PPI_UNIT_SKIP;
    }
}
