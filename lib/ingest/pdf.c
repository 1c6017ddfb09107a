/* pdf.c - PDFs through poppler's glib API (poppler is the PDF library
   Debian's desktop uses; its glib binding is stable C and renders with
   cairo). A page whose text layer reads as words is taken as it is; any
   other page (a scan, or text in a legacy font encoding) is OCR'd: a
   scan's own image at its own resolution, anything else rendered at the
   options' dpi. */
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

/* A cairo RGB image as an 8-bit grey Pix (alpha ignored: poppler gives
   images on white or opaque). */
static PIX *grey_pix_of(cairo_surface_t *surface)
{
    int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
    PIX *pix = w > 0 && h > 0 ? pixCreate(w, h, 8) : NULL;
    if (!pix)
        return NULL;
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
    return pix;
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
    PIX *pix = NULL;
    if (cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS) {
        cairo_t *cr = cairo_create(surface);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, scale, scale);
        poppler_page_render_for_printing(page, cr);
        cairo_destroy(cr);
        pix = grey_pix_of(surface);
    }
    cairo_surface_destroy(surface);
    if (!pix)
        return ppi_fail(ctx, PP_ERR_NOMEM, "%s: page %zu: out of memory for a %d x %d image", name, no, w, h);
    pixSetResolution(pix, dpi, dpi);
    *out = pix;
    return PP_OK;
}

/* A scanned page is one image covering the page: that image, at the
   resolution it was scanned at, is what OCR should read (rendering would
   resample it, and a page whose size is wrong, as when a converter assumed
   96 dpi, would be rendered three times too large). NULL *out when the
   page is anything else: several images, an image drawn rotated or not
   covering the page. */
static int page_scan_image(PIX **out, int *dpi, pp_ctx *ctx, PopplerPage *page, const char *name, size_t no,
                           const ppi_limits *lim)
{
    *out = NULL;
    double wpt = 0, hpt = 0;
    poppler_page_get_size(page, &wpt, &hpt);
    GList *map = poppler_page_get_image_mapping(page);
    int id = -1;
    double aw = 0, ah = 0;
    if (map && !map->next) {
        const PopplerImageMapping *m = map->data;
        aw = fabs(m->area.x2 - m->area.x1);
        ah = fabs(m->area.y2 - m->area.y1);
        if (wpt > 0 && hpt > 0 && aw >= 0.9 * wpt && ah >= 0.9 * hpt)
            id = m->image_id;
    }
    poppler_page_free_image_mapping(map);
    if (id < 0)
        return PP_OK;
    cairo_surface_t *surface = poppler_page_get_image(page, id);
    if (!surface)
        return PP_OK;
    int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
    int rc = PP_OK;
    /* an image drawn turned a quarter would be read sideways: rendered instead */
    double aspect = (w / aw) / (h > 0 ? h / ah : 1);
    if (cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS && w > 0 && h > 0 && aspect > 0.95 &&
        aspect < 1.05 && (rc = ppi_check_pixels(ctx, name, no, (size_t)w, (size_t)h, lim)) == PP_OK) {
        *dpi = (int)lround(w / (aw / 72.0));
        if ((*out = grey_pix_of(surface)) != NULL)
            pixSetResolution(*out, *dpi, *dpi);
        else
            rc = ppi_fail(ctx, PP_ERR_NOMEM, "%s: page %zu: out of memory for a %d x %d image", name, no, w, h);
    }
    cairo_surface_destroy(surface);
    return rc;
}

/* The page's image for OCR: the scan itself, else the page rendered. */
static int page_image(PIX **out, int *dpi, pp_ctx *ctx, PopplerPage *page, const char *name, size_t no,
                      const ppi_limits *lim)
{
    int rc = page_scan_image(out, dpi, ctx, page, name, no, lim);
    if (rc != PP_OK || *out)
        return rc;
    *dpi = lim->dpi;
    return render_page(out, ctx, page, lim->dpi, name, no, lim);
}

static int read_page(pp_document *d, pp_ctx *ctx, pp_ocr *ocr, PopplerPage *page, const char *name, size_t no,
                     const ppi_limits *lim)
{
    char *text = lim->force_ocr ? NULL : poppler_page_get_text(page);
    int rc = PP_OK;
    if (text && g_utf8_validate(text, -1, NULL) && ppi_text_is_usable(text, strlen(text))) {
        ppi_page_meta meta = {PP_PAGE_TEXT_LAYER, -1, 0, 0, 0, NULL, 0};
        rc = ppi_document_add_page(d, ctx, text, strlen(text), name, no, &meta);
    } else {
        PIX *pix = NULL;
        int dpi = lim->dpi;
        rc = page_image(&pix, &dpi, ctx, page, name, no, lim);
        if (rc == PP_OK)
            rc = ppi_ocr_page(d, ctx, ocr, pix, dpi, name, no, lim);
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
