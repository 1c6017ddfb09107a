/* document.c - the ingest stage's entry points: what a file is (by its
   first bytes), the limits, and the document of pages it becomes. */
#define _GNU_SOURCE /* memmem */
#include "ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct pp_document {
    pp_input_kind kind;
    pp_page *pages;
    size_t n, cap;
    char *text; /* the pages joined, made once all are in */
    size_t len;
    pp_ocr_word *words; /* every page's OCR words, offsets in text */
    size_t nwords;
    char sha256[65];    /* of the bytes read */
};

int pp_ingest_options_init(pp_ingest_options *opts, unsigned version)
{
    if (!opts || version != PP_INGEST_OPTIONS_VERSION)
        return PP_ERR_ARG;
    pp_ingest_options d = PP_INGEST_OPTIONS_INIT;
    *opts = d;
    return PP_OK;
}

pp_input_kind pp_input_kind_of(const void *data, size_t len)
{
    const unsigned char *p = data;
    if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
        return PP_INPUT_PDF;
    if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
        return PP_INPUT_IMAGE;
    if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
        return PP_INPUT_IMAGE; /* JPEG */
    if (len >= 4 && (memcmp(p, "II*\0", 4) == 0 || memcmp(p, "MM\0*", 4) == 0))
        return PP_INPUT_IMAGE; /* TIFF */
    return PP_INPUT_TEXT;
}

const char *pp_input_kind_name(pp_input_kind kind)
{
    switch (kind) {
    case PP_INPUT_TEXT:
        return "text";
    case PP_INPUT_PDF:
        return "pdf";
    case PP_INPUT_IMAGE:
        return "image";
    }
    return "unknown";
}

const char *pp_page_source_name(pp_page_source source)
{
    switch (source) {
    case PP_PAGE_PLAIN:
        return "plain";
    case PP_PAGE_TEXT_LAYER:
        return "text-layer";
    case PP_PAGE_OCR:
        return "ocr";
    }
    return "unknown";
}

static ppi_limits limits_of(const pp_ingest_options *o)
{
    ppi_limits l;
    l.language = o->language ? o->language : "vie";
    l.tessdata = o->tessdata;
    l.dpi = o->dpi > 0 ? o->dpi : PPI_DEFAULT_DPI;
    l.max_pages = o->max_pages ? o->max_pages : PPI_DEFAULT_MAX_PAGES;
    l.max_pixels = o->max_pixels ? o->max_pixels : PPI_DEFAULT_MAX_PIXELS;
    l.page_timeout_ms = o->page_timeout_ms > 0 ? o->page_timeout_ms : PPI_DEFAULT_PAGE_TIMEOUT_MS;
    l.force_ocr = o->force_ocr;
    return l;
}

int ppi_check_pages(pp_ctx *ctx, const char *name, size_t pages, const ppi_limits *lim)
{
    if (pages == 0)
        return ppi_fail(ctx, PP_ERR_INPUT, "%s: the document has no pages", name);
    if (pages > lim->max_pages)
        return ppi_fail(ctx, PP_ERR_INPUT, "%s: %zu pages, more than the limit of %zu (--max-pages)", name, pages,
                        lim->max_pages);
    return PP_OK;
}

int ppi_check_pixels(pp_ctx *ctx, const char *name, size_t page, size_t w, size_t h, const ppi_limits *lim)
{
    if (w == 0 || h == 0)
        return ppi_fail(ctx, PP_ERR_INPUT, "%s: page %zu: empty image", name, page);
    if (w > lim->max_pixels / h)
        return ppi_fail(ctx, PP_ERR_INPUT,
                        "%s: page %zu: image of %zu x %zu pixels, more than the limit of %zu (--max-pixels)", name,
                        page, w, h, lim->max_pixels);
    return PP_OK;
}

/* The OCR words of raw moved into text, its decoded form (NFC, line ends):
   each word found in turn, normalised the same way. A word that cannot be
   found is left out: it will be decided by the model like any other. */
static int place_words(pp_ocr_word **out, size_t *nout, pp_ctx *ctx, const char *raw, size_t len, const char *text,
                       size_t tl, const pp_ocr_word *words, size_t nwords)
{
    *out = NULL;
    *nout = 0;
    if (!nwords)
        return PP_OK;
    pp_ocr_word *w = malloc(nwords * sizeof *w);
    if (!w)
        return ppi_fail(ctx, PP_ERR_NOMEM, "out of memory");
    int same = tl == len && memcmp(raw, text, len) == 0;
    size_t n = 0, at = 0;
    for (size_t i = 0; i < nwords; i++) {
        if (same) {
            w[n++] = words[i];
            continue;
        }
        char *nfc = NULL;
        size_t nl = 0;
        if (ppi_nfc(ctx, raw + words[i].offset, words[i].length, &nfc, &nl) != PP_OK) {
            free(w);
            return ppi_fail(ctx, PP_ERR_NOMEM, "out of memory");
        }
        const char *hit = nl ? memmem(text + at, tl - at, nfc, nl) : NULL;
        if (hit) {
            w[n++] = (pp_ocr_word){(size_t)(hit - text), nl, words[i].confidence};
            at = (size_t)(hit - text) + nl;
        }
        pp_free(nfc);
    }
    *out = w;
    *nout = n;
    return PP_OK;
}

int ppi_document_add_page(pp_document *d, pp_ctx *ctx, const char *raw, size_t len, const char *name, size_t page,
                          const ppi_page_meta *meta)
{
    if (d->n == d->cap) {
        pp_page *p = ppi_grow(d->pages, &d->cap, sizeof *p, 4);
        if (!p)
            return ppi_fail(ctx, PP_ERR_NOMEM, "out of memory");
        d->pages = p;
    }
    char label[PPI_ERRMSG_CAP / 2];
    snprintf(label, sizeof label, page ? "%s: page %zu" : "%s", name, page);
    pp_decode_options o = PP_DECODE_OPTIONS_INIT;
    o.name = label;
    char *text = NULL;
    size_t tl = 0;
    int rc = pp_decode(&text, &tl, ctx, raw ? raw : "", len, &o);
    if (rc != PP_OK)
        return rc;
    pp_ocr_word *words = NULL;
    size_t nwords = 0;
    if ((rc = place_words(&words, &nwords, ctx, raw, len, text, tl, meta->words, meta->nwords)) != PP_OK) {
        pp_free(text);
        return rc;
    }
    d->pages[d->n++] = (pp_page){text,        tl,          meta->source, meta->confidence, meta->width,
                                 meta->height, meta->dpi,   words,        nwords};
    return PP_OK;
}

/* The pages joined by one empty line, and their OCR words with them. */
static int join_pages(pp_document *d)
{
    ppi_buf b = {0};
    int rc = PP_OK;
    size_t nwords = 0;
    for (size_t i = 0; i < d->n; i++)
        nwords += d->pages[i].nwords;
    if (nwords && !(d->words = malloc(nwords * sizeof *d->words)))
        return PP_ERR_NOMEM;
    for (size_t i = 0; i < d->n && rc == PP_OK; i++) {
        const pp_page *p = &d->pages[i];
        if (i)
            rc = ppi_buf_append(&b, "\n\n",
                                d->pages[i - 1].len && d->pages[i - 1].text[d->pages[i - 1].len - 1] == '\n' ? 1 : 2);
        for (size_t k = 0; k < p->nwords; k++) {
            d->words[d->nwords] = p->words[k];
            d->words[d->nwords++].offset += b.len;
        }
        if (rc == PP_OK)
            rc = ppi_buf_append(&b, p->text, p->len);
    }
    if (rc == PP_OK)
        rc = ppi_buf_finish(&b, &d->text, &d->len);
    ppi_buf_free(&b);
    return rc;
}

/* 1 if the name ends like a PDF or an image. */
static int named_like_binary(const char *name)
{
    static const char *const ext[] = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t e = strlen(ext[i]);
        if (n > e && strcasecmp(name + n - e, ext[i]) == 0)
            return 1;
    }
    return 0;
}

static int ingest_text(pp_document *d, pp_ctx *ctx, const void *data, size_t len, const char *name)
{
    if (len == 0)
        return ppi_fail(ctx, PP_ERR_INPUT, "%s: empty file", name);
    ppi_page_meta meta = {PP_PAGE_PLAIN, -1, 0, 0, 0, NULL, 0};
    return ppi_document_add_page(d, ctx, data, len, name, 0, &meta);
}

int pp_ingest_memory(pp_document **out, pp_ctx *ctx, pp_ocr *ocr, const void *data, size_t len, const char *name,
                     const pp_ingest_options *opts)
{
    if (out)
        *out = NULL;
    ppi_ctx_reset(ctx);
    pp_ingest_options defaults = PP_INGEST_OPTIONS_INIT;
    const pp_ingest_options *o = opts ? opts : &defaults;
    if (!out || (!data && len) || o->version != PP_INGEST_OPTIONS_VERSION)
        return ppi_fail(ctx, PP_ERR_ARG, "pp_ingest_memory: NULL argument or unknown options version");
    name = name ? name : "<memory>";
    ppi_limits lim = limits_of(o);
    pp_document *d = calloc(1, sizeof *d);
    if (!d)
        return ppi_fail(ctx, PP_ERR_NOMEM, "out of memory");
    d->kind = pp_input_kind_of(data, len);
    ppi_sha256_hex(data ? data : "", len, d->sha256);
    int rc;
    switch (d->kind) {
        case PP_INPUT_PDF:
            rc = ppi_ingest_pdf(d, ctx, ocr, data, len, name, &lim);
            break;
        case PP_INPUT_IMAGE:
            rc = ppi_ingest_image(d, ctx, ocr, data, len, name, &lim);
            break;
        default:
            rc = ingest_text(d, ctx, data, len, name);
            break;
        }
    /* after the pages: decoding them clears the context's warnings */
    if (rc == PP_OK && d->kind == PP_INPUT_TEXT && named_like_binary(name))
        rc = ppi_warn(ctx, "%s: named like a PDF or image, but its bytes are not: read as text", name);
    if (rc == PP_OK && (rc = join_pages(d)) != PP_OK)
        ppi_fail(ctx, rc, "out of memory");
    if (rc != PP_OK) {
        pp_document_free(d);
        return rc;
    }
    *out = d;
    return PP_OK;
}

int pp_ingest_file(pp_document **out, pp_ctx *ctx, pp_ocr *ocr, const char *path, const pp_ingest_options *opts)
{
    if (out)
        *out = NULL;
    if (!out || !path)
        return ppi_fail(ctx, PP_ERR_ARG, "pp_ingest_file: NULL argument");
    char *data = NULL;
    size_t len = 0;
    int rc = pp_read_file(&data, &len, ctx, path, opts ? opts->max_bytes : 0);
    if (rc != PP_OK)
        return rc;
    rc = pp_ingest_memory(out, ctx, ocr, data, len, path, opts);
    pp_free(data);
    return rc;
}

pp_input_kind pp_document_kind(const pp_document *d)
{
    return d ? d->kind : PP_INPUT_TEXT;
}

size_t pp_document_page_count(const pp_document *d)
{
    return d ? d->n : 0;
}

const pp_page *pp_document_page(const pp_document *d, size_t index)
{
    return d && index < d->n ? &d->pages[index] : NULL;
}

const char *pp_document_text(const pp_document *d, size_t *len)
{
    if (len)
        *len = d ? d->len : 0;
    return d ? d->text : NULL;
}

const char *pp_document_sha256(const pp_document *d)
{
    return d ? d->sha256 : NULL;
}

const pp_ocr_word *pp_document_ocr_words(const pp_document *d, size_t *count)
{
    if (count)
        *count = d ? d->nwords : 0;
    return d ? d->words : NULL;
}

void pp_document_free(pp_document *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        pp_free((char *)d->pages[i].text);
        free((pp_ocr_word *)d->pages[i].words);
    }
    free(d->pages);
    free(d->text);
    free(d->words);
    free(d);
}

int ppi_text_is_usable(const char *text, size_t len)
{
    pp_token *t = NULL;
    size_t n = 0;
    if (pp_tokenize(&t, &n, text, len) != PP_OK)
        return 0;
    size_t words = 0, valid = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].kind != PP_TOK_WORD)
            continue;
        words++;
        valid += (t[i].flags & PP_TOKF_SYLLABLE) != 0;
    }
    pp_free(t);
    /* clean Vietnamese: ~95% syllables; TCVN3/VNI bytes shown as Latin-1
       ("Thµnh phè") or a text layer of debris: far fewer */
    return words >= 3 && valid * 10 >= words * 6;
}
