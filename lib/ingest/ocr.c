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

/* ---- the page's text, built from tesseract's words ---- */

typedef struct box_word {
    char *text; /* tesseract's, freed with TessDeleteText */
    int conf, left, right;
} box_word;

typedef struct box_line {
    size_t first, n; /* words */
    int top, height;
    size_t split;    /* header lines: words before the column gap */
} box_line;

typedef struct page_words {
    ppi_vec words; /* box_word */
    ppi_vec lines; /* box_line */
} page_words;

static box_word *word_at(const page_words *p, size_t i)
{
    return (box_word *)p->words.data + i;
}

static box_line *line_at(const page_words *p, size_t i)
{
    return (box_line *)p->lines.data + i;
}

static void page_words_free(page_words *p)
{
    for (size_t i = 0; i < p->words.n; i++)
        TessDeleteText(word_at(p, i)->text);
    ppi_vec_free(&p->words);
    ppi_vec_free(&p->lines);
}

/* Every word recognised, with its box and confidence, line by line. */
static int collect_words(page_words *p, TessBaseAPI *api)
{
    p->words.elem = sizeof(box_word);
    p->lines.elem = sizeof(box_line);
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    if (!it)
        return PP_OK; /* nothing recognised */
    const TessPageIterator *pi = TessResultIteratorGetPageIterator(it);
    int rc = PP_OK;
    do {
        char *text = TessResultIteratorGetUTF8Text(it, RIL_WORD);
        int l = 0, t = 0, r = 0, b = 0;
        if (!text || !*text || !TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &t, &r, &b)) {
            TessDeleteText(text);
            continue;
        }
        if (!p->lines.n || TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE)) {
            int lt = t, lb = b, ll, lr;
            TessPageIteratorBoundingBox(pi, RIL_TEXTLINE, &ll, &lt, &lr, &lb);
            box_line line = {p->words.n, 0, lt, lb - lt, 0};
            if (!ppi_vec_push(&p->lines, &line)) {
                TessDeleteText(text);
                rc = PP_ERR_NOMEM;
                break;
            }
        }
        float conf = TessResultIteratorConfidence(it, RIL_WORD);
        box_word word = {text, conf < 0 ? 0 : conf > 100 ? 100 : (int)conf, l, r};
        if (!ppi_vec_push(&p->words, &word)) {
            TessDeleteText(text);
            rc = PP_ERR_NOMEM;
            break;
        }
        line_at(p, p->lines.n - 1)->n++;
    } while (TessResultIteratorNext(it, RIL_WORD));
    TessResultIteratorDelete(it);
    return rc;
}

/* Where a line's words part in two columns: at its widest gap between
   words, when that gap is wider than the line's height and three times
   its other gaps (a space is a third of the height; a justified line
   spreads its spaces evenly); the word count when none. */
static size_t column_gap(const page_words *p, const box_line *line)
{
    size_t at = line->n;
    int widest = 0, next = 0;
    for (size_t k = 1; k < line->n; k++) {
        int gap = word_at(p, line->first + k)->left - word_at(p, line->first + k - 1)->right;
        if (gap > widest) {
            next = widest;
            widest = gap;
            at = k;
        } else if (gap > next) {
            next = gap;
        }
    }
    int others = next > line->height / 4 ? next : line->height / 4;
    return widest > line->height && widest > 3 * others ? at : line->n;
}

/* The header of an administrative document stands in two columns (the
   agency, its number; the national motto, place and date), and tesseract
   reads them as merged lines ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ..."). The
   first run of two-column lines at the top of a document's first page is
   that header: its left column is written first, then its right. Tables
   lower down keep their rows. Returns the index of the line after the run
   (0: no run); the lines before the run have split == n, no gap. */
static size_t header_columns(page_words *p, size_t page, int page_height)
{
    if (page != 1)
        return 0;
    size_t first = 0, end, nl = p->lines.n;
    for (; first < nl && first < 3; first++) { /* a line or two above the header */
        box_line *l = line_at(p, first);
        if ((l->split = column_gap(p, l)) < l->n)
            break;
    }
    for (end = first; end < nl; end++) {
        box_line *l = line_at(p, end);
        if (l->top >= page_height * 35 / 100 || (l->split = column_gap(p, l)) == l->n)
            break;
    }
    return end - first < 2 ? 0 : end;
}

/* Appends words [from, to) of the page as one line, recording each in
   out (pp_ocr_word). */
static int append_words(ppi_buf *b, ppi_vec *out, const page_words *p, size_t from, size_t to)
{
    int rc = PP_OK;
    for (size_t k = from; k < to && rc == PP_OK; k++) {
        if (k > from)
            rc = ppi_buf_putc(b, ' ');
        const box_word *w = word_at(p, k);
        pp_ocr_word placed = {b->len, strlen(w->text), w->conf};
        if (rc == PP_OK)
            rc = ppi_vec_push(out, &placed) ? ppi_buf_append(b, w->text, placed.length) : PP_ERR_NOMEM;
    }
    return rc == PP_OK && to > from ? ppi_buf_putc(b, '\n') : rc;
}

/* The page's text, one line per line read (the header's two columns one
   after the other), and its words (pp_ocr_word) with their confidences. */
static int page_text(char **text, size_t *len, ppi_vec *words, TessBaseAPI *api, size_t page, int page_height)
{
    page_words p = {0};
    ppi_buf b = {0};
    words->elem = sizeof(pp_ocr_word);
    int rc = collect_words(&p, api);
    size_t head = rc == PP_OK ? header_columns(&p, page, page_height) : 0;
    for (size_t i = 0; rc == PP_OK && i < p.lines.n; i++) { /* the lines, or the header's left column */
        const box_line *l = line_at(&p, i);
        rc = append_words(&b, words, &p, l->first, l->first + (i < head ? l->split : l->n));
        for (size_t k = 0; i + 1 == head && k < head && rc == PP_OK; k++) { /* then its right column */
            const box_line *h = line_at(&p, k);
            rc = append_words(&b, words, &p, h->first + h->split, h->first + h->n);
        }
    }
    if (rc == PP_OK)
        rc = ppi_buf_finish(&b, text, len);
    ppi_buf_free(&b);
    page_words_free(&p);
    if (rc != PP_OK)
        ppi_vec_free(words);
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
    ppi_page_meta meta = {PP_PAGE_OCR, TessBaseAPIMeanTextConf(ocr->api), pixGetWidth(pix), pixGetHeight(pix), dpi,
                          NULL, 0};
    char *text = NULL;
    size_t len = 0;
    ppi_vec words = {0};
    int rc = page_text(&text, &len, &words, ocr->api, page, meta.height);
    TessBaseAPIClear(ocr->api);
    if (rc != PP_OK)
        return ppi_fail(ctx, rc, "out of memory");
    meta.words = words.data;
    meta.nwords = words.n;
    rc = ppi_document_add_page(d, ctx, text, len, name, page, &meta);
    ppi_vec_free(&words);
    free(text);
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
