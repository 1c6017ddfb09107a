/* ocr.c - page images to text: images decoded by leptonica (PNG, JPEG,
   TIFF with every page), read by tesseract's C API, one engine per
   thread. */
#include "ingest.h"

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdio.h>

struct pp_ocr {
    TessBaseAPI *api;
};

/* Debian's tesseract looks here when neither the options nor
   TESSDATA_PREFIX say otherwise */
#define TESSDATA_DEFAULT "/usr/share/tesseract-ocr/5/tessdata"

/* 0 if some language of lang ("vie", "vie+eng") has no data file where
   tesseract will look: checked first because tesseract prints on stderr
   when it cannot find one. 1 when unsure (the folder is not known). */
static int language_data_present(const char *tessdata, const char *lang)
{
    const char *dir = tessdata ? tessdata : getenv("TESSDATA_PREFIX");
    dir = dir ? dir : TESSDATA_DEFAULT;
    if (access(dir, F_OK) != 0)
        return !tessdata; /* a folder given that is not there: missing */
    for (const char *p = lang; *p;) {
        size_t n = strcspn(p, "+");
        char path[4096];
        if (n == 0 || snprintf(path, sizeof path, "%s/%.*s.traineddata", dir, (int)n, p) >= (int)sizeof path ||
            access(path, R_OK) != 0)
            return 0;
        p += n + (p[n] == '+');
    }
    return 1;
}

static int fail_language(pp_ctx *ctx, pp_ocr *ocr, const char *lang, const char *tessdata)
{
    pp_ocr_free(ocr);
    return ppi_fail(ctx, PP_ERR_DEPENDENCY, "tesseract cannot load language '%s'%s%s (is tesseract-ocr-%s installed?)",
                    lang, tessdata ? " from " : "", tessdata ? tessdata : "", lang);
}

int pp_ocr_new(pp_ocr **out, pp_ctx *ctx, const pp_ingest_options *opts)
{
    if (out)
        *out = NULL;
    ppi_ctx_reset(ctx);
    pp_ingest_options defaults = PP_INGEST_OPTIONS_INIT;
    const pp_ingest_options *o = opts ? opts : &defaults;
    if (!out || o->version != PP_INGEST_OPTIONS_VERSION)
        return ppi_fail(ctx, PP_ERR_ARG, "pp_ocr_new: NULL argument or unknown options version");
    /* the library never prints: leptonica would, on every bad image */
    setMsgSeverity(L_SEVERITY_NONE);
    const char *lang = o->language ? o->language : "vie";
    pp_ocr *ocr = calloc(1, sizeof *ocr);
    if (!ocr || !(ocr->api = TessBaseAPICreate())) {
        free(ocr);
        return ppi_fail(ctx, PP_ERR_NOMEM, "out of memory");
    }
    if (!language_data_present(o->tessdata, lang))
        return fail_language(ctx, ocr, lang, o->tessdata);
    /* silence tesseract's own messages before it reads its data */
    char *configs[] = {NULL};
    char *vars_name[] = {"debug_file"}, *vars_value[] = {"/dev/null"};
    if (TessBaseAPIInit4(ocr->api, o->tessdata, lang, OEM_DEFAULT, configs, 0, vars_name, vars_value, 1, 0) != 0)
        return fail_language(ctx, ocr, lang, o->tessdata);
    *out = ocr;
    return PP_OK;
}

void pp_ocr_free(pp_ocr *ocr)
{
    if (!ocr)
        return;
    if (ocr->api) {
        TessBaseAPIEnd(ocr->api);
        TessBaseAPIDelete(ocr->api);
    }
    free(ocr);
}

/* Every word of the page just recognised with its confidence, found in
   turn in text (the page's text as tesseract gives it). */
static int ocr_words(pp_ocr_word **out, size_t *n, pp_ocr *ocr, const char *text)
{
    *out = NULL;
    *n = 0;
    TessResultIterator *it = TessBaseAPIGetIterator(ocr->api);
    if (!it)
        return PP_OK; /* nothing recognised */
    size_t cap = 0, at = 0;
    int rc = PP_OK;
    do {
        char *word = TessResultIteratorGetUTF8Text(it, RIL_WORD);
        const char *hit = word && *word ? strstr(text + at, word) : NULL;
        if (hit && *n == cap) {
            cap = cap ? cap * 2 : 256;
            pp_ocr_word *w = realloc(*out, cap * sizeof *w);
            if (!w)
                rc = PP_ERR_NOMEM;
            else
                *out = w;
        }
        if (hit && rc == PP_OK) {
            size_t len = strlen(word);
            float conf = TessResultIteratorConfidence(it, RIL_WORD);
            (*out)[(*n)++] = (pp_ocr_word){(size_t)(hit - text), len, conf < 0 ? 0 : conf > 100 ? 100 : (int)conf};
            at = (size_t)(hit - text) + len;
        }
        TessDeleteText(word);
    } while (rc == PP_OK && TessResultIteratorNext(it, RIL_WORD));
    TessResultIteratorDelete(it);
    if (rc != PP_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

int ppi_ocr_page(pp_document *d, pp_ctx *ctx, pp_ocr *ocr, struct Pix *pix, int dpi, const char *name, size_t page,
                 const ppi_limits *lim)
{
    if (!ocr)
        return ppi_fail(ctx, PP_ERR_ARG, "%s: page %zu needs OCR, and no OCR engine was given", name, page);
    TessBaseAPISetImage2(ocr->api, pix);
    TessBaseAPISetSourceResolution(ocr->api, dpi);
    ETEXT_DESC *monitor = TessMonitorCreate();
    if (!monitor)
        return ppi_fail(ctx, PP_ERR_NOMEM, "out of memory");
    TessMonitorSetDeadlineMSecs(monitor, lim->page_timeout_ms);
    int failed = TessBaseAPIRecognize(ocr->api, monitor) != 0;
    TessMonitorDelete(monitor);
    if (failed) {
        TessBaseAPIClear(ocr->api);
        return ppi_fail(ctx, PP_ERR_INPUT, "%s: page %zu: OCR failed or took longer than %d s (--page-timeout)", name,
                        page, lim->page_timeout_ms / 1000);
    }
    char *text = TessBaseAPIGetUTF8Text(ocr->api);
    ppi_page_meta meta = {PP_PAGE_OCR, TessBaseAPIMeanTextConf(ocr->api), pixGetWidth(pix), pixGetHeight(pix), dpi,
                          NULL, 0};
    pp_ocr_word *words = NULL;
    int rc = text ? ocr_words(&words, &meta.nwords, ocr, text) : PP_OK;
    TessBaseAPIClear(ocr->api);
    if (!text)
        return ppi_fail(ctx, PP_ERR_DEPENDENCY, "%s: page %zu: tesseract returned no text", name, page);
    meta.words = words;
    if (rc == PP_OK)
        rc = ppi_document_add_page(d, ctx, text, strlen(text), name, page, &meta);
    else
        ppi_fail(ctx, rc, "out of memory");
    free(words);
    TessDeleteText(text);
    return rc;
}

/* Resolution to tell tesseract: the image's own when it has one. */
static int dpi_of(PIX *pix)
{
    l_int32 x = 0, y = 0;
    pixGetResolution(pix, &x, &y);
    return x >= 70 && x <= 2400 ? x : PPI_DEFAULT_DPI;
}

static int ocr_pixa(pp_document *d, pp_ctx *ctx, pp_ocr *ocr, PIXA *pixa, const char *name, const ppi_limits *lim)
{
    size_t n = (size_t)pixaGetCount(pixa);
    int rc = ppi_check_pages(ctx, name, n, lim);
    for (size_t i = 0; i < n && rc == PP_OK; i++) {
        PIX *pix = pixaGetPix(pixa, (l_int32)i, L_CLONE);
        if (!pix)
            return ppi_fail(ctx, PP_ERR_INPUT, "%s: page %zu: cannot decode the image", name, i + 1);
        rc = ppi_check_pixels(ctx, name, i + 1, (size_t)pixGetWidth(pix), (size_t)pixGetHeight(pix), lim);
        if (rc == PP_OK)
            rc = ppi_ocr_page(d, ctx, ocr, pix, dpi_of(pix), name, i + 1, lim);
        pixDestroy(&pix);
    }
    return rc;
}

int ppi_ingest_image(pp_document *d, pp_ctx *ctx, pp_ocr *ocr, const void *data, size_t len, const char *name,
                     const ppi_limits *lim)
{
    setMsgSeverity(L_SEVERITY_NONE); /* leptonica would print on bad images */
    l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    /* the header first: a decompression bomb is refused before decoding */
    if (pixReadHeaderMem(data, len, &format, &w, &h, &bps, &spp, &cmap) != 0)
        return ppi_fail(ctx, PP_ERR_INPUT, "%s: not a readable image (corrupt or truncated)", name);
    int rc = ppi_check_pixels(ctx, name, 1, (size_t)w, (size_t)h, lim);
    if (rc != PP_OK)
        return rc;
    if ((format >= IFF_TIFF && format <= IFF_TIFF_ZIP) || format == IFF_TIFF_JPEG) {
        PIXA *pixa = pixaReadMemMultipageTiff(data, len);
        if (!pixa)
            return ppi_fail(ctx, PP_ERR_INPUT, "%s: not a readable TIFF (corrupt or truncated)", name);
        rc = ocr_pixa(d, ctx, ocr, pixa, name, lim);
        pixaDestroy(&pixa);
        return rc;
    }
    PIX *pix = pixReadMem(data, len);
    if (!pix)
        return ppi_fail(ctx, PP_ERR_INPUT, "%s: not a readable image (corrupt or truncated)", name);
    rc = ppi_ocr_page(d, ctx, ocr, pix, dpi_of(pix), name, 1, lim);
    pixDestroy(&pix);
    return rc;
}
