/* record.h - the parsed record and the parser's working state (internal). */
#ifndef PP_RECORD_H
#define PP_RECORD_H

#include "structure.h"

struct pp_record {
    ppi_arena arena;
    pp_header header;
    pp_section *sections; /* top level, in the arena */
    size_t nsections;
    pp_signature signature;
    ppi_vec recipients;  /* const char * */
    ppi_vec tables;      /* pp_table */
    ppi_vec footnotes;   /* pp_footnote */
    ppi_vec warnings;    /* const char * */
    ppi_vec attachments; /* pp_record * */
    ppi_vec references;  /* pp_reference (extraction: lib/extract) */
    ppi_vec dates;       /* pp_date */
    ppi_vec periods;     /* pp_period */
    ppi_vec deadlines;   /* pp_deadline */
    ppi_vec agencies;    /* pp_agency */
    const char *preamble, *closing, *text;
    const char *source_path;
    char sha256[65];            /* of the source's bytes (a PDF, an image) or of the text */
    const char *source_format;  /* "text", "pdf", "image" (static) */
    const char *source_ingest;  /* "utf8", "pdf-text", "ocr" (static) */
    size_t source_pages;        /* 0: not known (text given to pp_parse) */
    int restored;        /* 1 if the text went through restoration */
    size_t first_line;   /* line number of the text's first line (attachments) */
};

/* The parser's working state for one document or attachment. */
typedef struct ppi_doc {
    pp_record *rec;
    pp_ctx *ctx;
    ppi_line *lines;
    size_t n;
    size_t body;     /* first line after the header and title */
    size_t end;      /* first line after the sections: closing or recipients */
    ppi_buf tmp;
} ppi_doc;

/* A warning, kept in the record and given to ctx. */
int ppi_record_warn(pp_record *r, pp_ctx *ctx, const char *fmt, ...) PPI_PRINTF(3, 4);
int ppi_doc_warn(ppi_doc *d, const char *fmt, ...) PPI_PRINTF(2, 3);
/* An arena copy of s[0..len), trimmed; NULL if empty or out of memory
   (*rc says which). */
const char *ppi_doc_str(ppi_doc *d, const char *s, size_t len, int *rc);
/* The same after ppi_normal_case. */
const char *ppi_doc_cased(ppi_doc *d, const char *s, size_t len, int is_title, int *rc);

/* The stages, in order; each fills its part of d->rec and marks the roles
   of the lines it used. */
int ppi_parse_header(ppi_doc *d);
int ppi_find_tables(ppi_doc *d);
int ppi_parse_closing(ppi_doc *d);
int ppi_parse_body(ppi_doc *d);

/* Folded-text helpers shared by the stages (structure text, folded) */
/* 1 if the folded text starts with prefix (after spaces). */
int ppi_folded_starts(const char *folded, const char *prefix);
/* A calendar date in "ngày 03 tháng 3 năm 2022" or "03/3/2022" shape in
   s: ISO date in iso[11] (empty when the day, month or year is missing or
   impossible); returns 1 when a date-like phrase was seen at all. */
int ppi_find_date(const char *s, size_t len, char iso[11]);

#endif
