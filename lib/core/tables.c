/*
 * tables.c - look-ups in the tables of dict/ (tables.h).
 */
#include "tables.h"

#include <string.h>

const char *ppi_symbol_fix(const char *s, size_t len)
{
    for (size_t f = 0; f < ppi_tbl_symbol_codes_rows; f++) {
        const char *seen = PPI_CELL(symbol_codes, f, 0);
        if (strlen(seen) == len && memcmp(seen, s, len) == 0)
            return PPI_CELL(symbol_codes, f, 1);
    }
    return NULL;
}
