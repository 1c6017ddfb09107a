/* ingest.h - the ingest stage's internals: a document being filled page by
   page, PDFs (pdf.c), images and OCR (ocr.c). */
#ifndef PP_INGEST_H
#define PP_INGEST_H

#include "../core/internal.h"

#define PPI_DEFAULT_DPI 300
#define PPI_DEFAULT_MAX_PAGES 2000
#define PPI_DEFAULT_MAX_PIXELS ((size_t)150000000)
#define PPI_DEFAULT_PAGE_TIMEOUT_MS 300000

struct Pix;

/* The options with every 0 replaced by its default. */
typedef struct ppi_limits {
    const char *language;
    const char *tessdata;
    int dpi;
    size_t max_pages, max_pixels;
    int page_timeout_ms;
    int force_ocr;
} ppi_limits;

/* What is known of a page besides its text. */
typedef struct ppi_page_meta {
    pp_page_source source;
    int confidence;            /* -1: not OCR'd */
    int width, height, dpi;    /* of the image OCR'd */
    const pp_ocr_word *words;  /* OCR words, offsets in the raw text */
    size_t nwords;
} ppi_page_meta;

/* Decodes raw page text (pp_decode, its messages naming "name" or, for
   page > 0, "name: page N") and appends it as the next page, its OCR
   words moved to their place in the decoded text. */
int ppi_document_add_page(pp_document *d, pp_ctx *ctx, const char *raw, size_t len, const char *name, size_t page,
                          const ppi_page_meta *meta);

/* Fails unless a file of this many pages is within the limits. */
int ppi_check_pages(pp_ctx *ctx, const char *name, size_t pages, const ppi_limits *lim);
/* Fails unless a w x h page image is within the limits. */
int ppi_check_pixels(pp_ctx *ctx, const char *name, size_t page, size_t w, size_t h, const ppi_limits *lim);

/* OCR of one page image (page counted from 1, for messages), appended to d. */
int ppi_ocr_page(pp_document *d, pp_ctx *ctx, pp_ocr *ocr, struct Pix *pix, int dpi, const char *name,
                 size_t page, const ppi_limits *lim);

int ppi_ingest_pdf(pp_document *d, pp_ctx *ctx, pp_ocr *ocr, const void *data, size_t len, const char *name,
                   const ppi_limits *lim);
int ppi_ingest_image(pp_document *d, pp_ctx *ctx, pp_ocr *ocr, const void *data, size_t len, const char *name,
                     const ppi_limits *lim);

/* 1 if text (valid UTF-8) reads as Vietnamese or other real words rather
   than a legacy-encoded or garbled text layer. */
int ppi_text_is_usable(const char *text, size_t len);

#endif
