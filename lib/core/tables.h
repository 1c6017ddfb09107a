/* tables.h - the tables of dict/, compiled into the library by pp-tsv2c
   (tools/dict/tsv2c.c) at build time (internal). */
#ifndef PP_TABLES_H
#define PP_TABLES_H

#include <stddef.h>

#define PPI_DECLARE_TABLE(name)                                                                                        \
    extern const char *const ppi_tbl_##name[];                                                                         \
    extern const size_t ppi_tbl_##name##_rows;                                                                         \
    extern const size_t ppi_tbl_##name##_cols

/* dict/abbreviations.tsv: abbreviation, expansion, kind */
PPI_DECLARE_TABLE(abbreviations);
/* dict/doc-types.tsv: type as written, type it is, symbol code ('-' if none), kind */
PPI_DECLARE_TABLE(doc_types);
/* dict/symbol-codes.tsv: symbol part as printed, as written with Đ */
PPI_DECLARE_TABLE(symbol_codes);
/* dict/gazetteer.tsv: level, type, name, province */
PPI_DECLARE_TABLE(gazetteer);
/* dict/agency-names.tsv: head word, name of a department or office */
PPI_DECLARE_TABLE(agency_names);

/* Cell (row, col) of a table. */
#define PPI_CELL(name, row, col) (ppi_tbl_##name[(row) * ppi_tbl_##name##_cols + (col)])

/* The part of a document symbol written with Đ for s[0..len) as printed
   ("QD" -> "QĐ", "NP" -> "NĐ"), or NULL when it needs no mending. */
const char *ppi_symbol_fix(const char *s, size_t len);

#endif
