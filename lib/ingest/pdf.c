/* pdf.c - PDFs through poppler's glib API (poppler is the PDF library
   Debian's desktop uses; its glib binding is stable C and renders with
   cairo). A page whose text layer reads as words is taken as it is; any
   other page (a scan, or text in a legacy font encoding) is rendered at
   the options' dpi and OCR'd. */
#include "ingest.h"

#include <leptonica/allheaders.h>
#include <poppler.h>

#include <math.h>
#include <string.h>

/* poppler reports syntax errors of damaged files through GLib's log;
   the library never prints, and the caller gets the error instead */
static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
    (void)domain, (void)level, (void)message, (void)data;
}

static int open_pdf(PopplerDocument **out, pp_ctx *ctx, const void *data, size_t len, const char *name)
{
    g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, quiet_log, NULL);
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *err = NULL;
    *out = poppler_document_new_from_bytes(bytes, NULL, &err);
    g_bytes_unref(bytes);
    if (*out)
        return PP_OK;
    int encrypted = err && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED;
    int rc = encrypted ? ppi_fail(ctx, PP_ERR_INPUT, "%s: the PDF is encrypted (password-protected)", name)
                       : ppi_fail(ctx, PP_ERR_INPUT, "%s: not a readable PDF (%s)", name,
                                  err && err->message ? err->message : "corrupt or truncated");
    if (err)
        g_error_free(err);
    return rc;
}

/* The page rendered on white at dpi, as an 8-bit grey image. */
static int render_page(PIX **out, pp_ctx *ctx, PopplerPage *page, int dpi, const char *name, size_t no,
                       const ppi_limits *lim)
{
    double wpt = 0, hpt = 0;
    poppler_page_get_size(page, &wpt, &hpt);
    double scale = dpi / 72.0;
    double wd = ceil(wpt * scale), hd = ceil(hpt * scale);
    if (!(wd >= 1 && hd >= 1 && wd < 1e6 && hd < 1e6))
        return ppi_fail(ctx, PP_ERR_INPUT, "%s: page %zu: impossible page size", name, no);
    int rc = ppi_check_pixels(ctx, name, no, (size_t)wd, (size_t)hd, lim);
    if (rc != PP_OK)
        return rc;
    int w = (int)wd, h = (int)hd;
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    PIX *pix = pixCreate(w, h, 8);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS || !pix) {
        cairo_surface_destroy(surface);
        pixDestroy(&pix);
        return ppi_fail(ctx, PP_ERR_NOMEM, "%s: page %zu: out of memory for a %d x %d image", name, no, w, h);
    }
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render_for_printing(page, cr);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    const unsigned char *px = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    l_uint32 *lines = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
        l_uint32 *line = lines + (size_t)y * (size_t)wpl;
        for (int x = 0; x < w; x++) {
            uint32_t c = row[x];
            unsigned grey = (77 * ((c >> 16) & 0xFF) + 151 * ((c >> 8) & 0xFF) + 28 * (c & 0xFF)) >> 8;
            SET_DATA_BYTE(line, x, grey);
        }
    }
    cairo_surface_destroy(surface);
    pixSetResolution(pix, dpi, dpi);
    *out = pix;
    return PP_OK;
}

static int read_page(pp_document *d, pp_ctx *ctx, pp_ocr *ocr, PopplerPage *page, const char *name, size_t no,
                     const ppi_limits *lim)
{
    char *text = lim->force_ocr ? NULL : poppler_page_get_text(page);
    int rc = PP_OK;
    if (text && g_utf8_validate(text, -1, NULL) && ppi_text_is_usable(text, strlen(text))) {
        rc = ppi_document_add_page(d, ctx, text, strlen(text), name, no, PP_PAGE_TEXT_LAYER, -1);
    } else {
        PIX *pix = NULL;
        rc = render_page(&pix, ctx, page, lim->dpi, name, no, lim);
        if (rc == PP_OK)
            rc = ppi_ocr_page(d, ctx, ocr, pix, lim->dpi, name, no, lim);
        pixDestroy(&pix);
    }
    g_free(text);
    return rc;
}

int ppi_ingest_pdf(pp_document *d, pp_ctx *ctx, pp_ocr *ocr, const void *data, size_t len, const char *name,
                   const ppi_limits *lim)
{
    PopplerDocument *doc = NULL;
    int rc = open_pdf(&doc, ctx, data, len, name);
    if (rc != PP_OK)
        return rc;
    int n = poppler_document_get_n_pages(doc);
    rc = ppi_check_pages(ctx, name, n > 0 ? (size_t)n : 0, lim);
    for (int i = 0; i < n && rc == PP_OK; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        if (!page) {
            rc = ppi_fail(ctx, PP_ERR_INPUT, "%s: page %d cannot be read", name, i + 1);
            break;
        }
        rc = read_page(d, ctx, ocr, page, name, (size_t)i + 1, lim);
        g_object_unref(page);
    }
    g_object_unref(doc);
    return rc;
}
