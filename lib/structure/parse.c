/*
 * parse.c - pp_parse: restore, then split the document into its parts
 * (header -> closing -> attachments -> tables -> body sections), and the record's
 * accessors. Stages live in header.c, tables.c, closing.c and body.c.
 */
#include "record.h"

#include "../extract/extract.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- doc helpers ---- */

static int record_warnv(pp_record *r, pp_ctx *ctx, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    const char *kept = ppi_arena_strndup(&r->arena, msg, strlen(msg));
    if (!kept || !ppi_vec_push(&r->warnings, &kept))
        return PP_ERR_NOMEM;
    return ppi_warn(ctx, "%s", msg);
}

int ppi_record_warn(pp_record *r, pp_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = record_warnv(r, ctx, fmt, ap);
    va_end(ap);
    return rc;
}

int ppi_doc_warn(ppi_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = record_warnv(d->rec, d->ctx, fmt, ap);
    va_end(ap);
    return rc;
}

const char *ppi_doc_str(ppi_doc *d, const char *s, size_t len, int *rc)
{
    ppi_trim(&s, &len);
    if (!len)
        return NULL;
    const char *p = ppi_arena_strndup(&d->rec->arena, s, len);
    if (!p)
        *rc = PP_ERR_NOMEM;
    return p;
}

const char *ppi_doc_cased(ppi_doc *d, const char *s, size_t len, int is_title, int *rc)
{
    d->tmp.len = 0;
    int r = ppi_normal_case(&d->tmp, s, len, is_title);
    if (r) {
        *rc = r;
        return NULL;
    }
    return ppi_doc_str(d, d->tmp.data, d->tmp.len, rc);
}

int ppi_folded_starts(const char *folded, const char *prefix)
{
    while (*folded == ' ')
        folded++;
    return strncmp(folded, prefix, strlen(prefix)) == 0;
}

/* ---- the record ---- */

static const pp_parse_options parse_defaults = PP_PARSE_OPTIONS_INIT;
/* the size of each version's struct */
static const size_t parse_sizes[PP_PARSE_OPTIONS_VERSION] = {offsetof(pp_parse_options, ocr_words),
                                                             sizeof(pp_parse_options)};
static const ppi_options_layout parse_layout = {&parse_defaults, parse_sizes, PP_PARSE_OPTIONS_VERSION};

int pp_parse_options_init(pp_parse_options *opts, unsigned version)
{
    return ppi_options_init(opts, version, &parse_layout);
}

const char *pp_section_kind_name(pp_section_kind kind)
{
    static const char *const names[] = {"roman", "arabic", "decimal", "letter", "paren", "dash", "plus", "article"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "unknown";
}

void pp_record_free(pp_record *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->attachments.n; i++)
        pp_record_free(((pp_record **)r->attachments.data)[i]);
    ppi_vec_free(&r->attachments);
    ppi_vec_free(&r->recipients);
    ppi_vec_free(&r->tables);
    ppi_vec_free(&r->footnotes);
    ppi_vec_free(&r->warnings);
    ppi_vec_free(&r->references);
    ppi_vec_free(&r->dates);
    ppi_vec_free(&r->periods);
    ppi_vec_free(&r->deadlines);
    ppi_vec_free(&r->agencies);
    ppi_arena_free(&r->arena);
    free(r);
}

static pp_record *record_new(void)
{
    pp_record *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->recipients.elem = sizeof(const char *);
    r->tables.elem = sizeof(pp_table);
    r->footnotes.elem = sizeof(pp_footnote);
    r->warnings.elem = sizeof(const char *);
    r->attachments.elem = sizeof(pp_record *);
    r->references.elem = sizeof(pp_reference);
    r->dates.elem = sizeof(pp_date);
    r->periods.elem = sizeof(pp_period);
    r->deadlines.elem = sizeof(pp_deadline);
    r->agencies.elem = sizeof(pp_agency);
    r->first_line = 1;
    r->source_format = "text";
    r->source_ingest = "utf8";
    return r;
}

/* Where an attachment starts: a second header after the signature (the
   national motto again, or a type word such as "PHỤ LỤC" or "KẾ HOẠCH"
   alone on its line after the recipients), or 0. */
static size_t attachment_start(const ppi_doc *d)
{
    size_t after = 0;
    for (size_t i = d->end; i < d->n; i++)
        if (d->lines[i].role == ROLE_RECIPIENTS)
            after = i + 1;
    if (!after)
        return 0;
    for (size_t i = after; i < d->n; i++) {
        const ppi_line *l = &d->lines[i];
        if (l->role == ROLE_TABLE)
            continue;
        ppi_folded fd;
        ppi_fold_text(&fd, l->s, l->len < 255 ? l->len : 255); /* the start of the line */
        const char *folded = fd.f;
        if (strstr(folded, "CONG HOA XA HOI") || ppi_folded_starts(folded, "PHU LUC") ||
            ((ppi_folded_starts(folded, "KE HOACH") || ppi_folded_starts(folded, "QUY CHE") ||
              ppi_folded_starts(folded, "QUY DINH")) &&
             ppi_mostly_upper(l->s, l->len)))
            return i;
    }
    return 0;
}

static int parse_lines(pp_record *r, pp_ctx *ctx, ppi_line *lines, size_t n);

/* The lines from `from` on, parsed as a record of their own. */
static int parse_attachment(ppi_doc *d, size_t from)
{
    pp_record *a = record_new();
    if (!a)
        return PP_ERR_NOMEM;
    a->first_line = d->lines[from].no;
    const ppi_line *last = &d->lines[d->n - 1];
    a->text = ppi_arena_strndup(&a->arena, d->lines[from].s, (size_t)(last->s + last->len - d->lines[from].s));
    int rc = a->text ? parse_lines(a, d->ctx, d->lines + from, d->n - from) : PP_ERR_NOMEM;
    if (rc == PP_OK && !ppi_vec_push(&d->rec->attachments, &a))
        rc = PP_ERR_NOMEM;
    if (rc != PP_OK)
        pp_record_free(a);
    for (size_t i = from; i < d->n; i++)
        d->lines[i].role = ROLE_ATTACHMENT;
    d->n = from;
    return rc;
}

static int parse_lines(pp_record *r, pp_ctx *ctx, ppi_line *lines, size_t n)
{
    ppi_doc d = {r, ctx, lines, n, 0, n, {0}};
    int rc = ppi_parse_header(&d);
    if (rc == PP_OK)
        rc = ppi_parse_closing(&d);
    size_t att = rc == PP_OK ? attachment_start(&d) : 0;
    if (rc == PP_OK && att)
        rc = parse_attachment(&d, att);
    if (rc == PP_OK)
        rc = ppi_find_tables(&d);
    if (rc == PP_OK)
        rc = ppi_parse_body(&d);
    ppi_buf_free(&d.tmp);
    return rc;
}

/* The text to parse: restored when asked and a model is given. */
static int text_to_parse(pp_record *r, pp_ctx *ctx, const pp_model *model, const char *text, size_t len,
                         const pp_parse_options *o)
{
    if (!model || !o->restore) {
        r->text = ppi_arena_strndup(&r->arena, text, len);
        return r->text ? PP_OK : PP_ERR_NOMEM;
    }
    pp_restore_options ro = PP_RESTORE_OPTIONS_INIT;
    ro.tone_style = o->tone_style;
    ro.ocr_words = o->ocr_words;
    ro.ocr_word_count = o->ocr_word_count;
    ro.keep_confidence = o->keep_confidence;
    ro.text_only = 1; /* the record keeps the text, not the words */
    pp_restored *res = NULL;
    int rc = pp_restore(&res, ctx, model, text, len, &ro);
    if (rc != PP_OK)
        return rc;
    size_t rl;
    const char *rt = pp_restored_text(res, &rl);
    r->text = ppi_arena_strndup(&r->arena, rt, rl);
    r->restored = 1;
    pp_restored_free(res);
    return r->text ? PP_OK : PP_ERR_NOMEM;
}

/* Where the text came from, for the record's "source". */
typedef struct source_info {
    const char *sha256; /* NULL: the text's */
    const char *format, *ingest;
    size_t pages;
} source_info;

static int parse_from(pp_record **out, pp_ctx *ctx, const pp_model *model, const char *text, size_t len,
                      const pp_parse_options *o, const source_info *src)
{
    pp_record *r = record_new();
    if (!r)
        return ppi_fail(ctx, PP_ERR_NOMEM, "out of memory");
    if (src->sha256)
        snprintf(r->sha256, sizeof r->sha256, "%s", src->sha256);
    else
        ppi_sha256_hex(text ? text : "", len, r->sha256);
    r->source_format = src->format;
    r->source_ingest = src->ingest;
    r->source_pages = src->pages;
    int rc = text_to_parse(r, ctx, model, text ? text : "", len, o);
    if (rc == PP_OK && o->source_path && !(r->source_path = ppi_arena_strndup(&r->arena, o->source_path,
                                                                            strlen(o->source_path))))
        rc = PP_ERR_NOMEM;
    ppi_line *lines = NULL;
    size_t n = 0;
    if (rc == PP_OK)
        rc = ppi_split_lines(r->text, strlen(r->text), &lines, &n);
    if (rc == PP_OK)
        rc = parse_lines(r, ctx, lines, n);
    if (rc == PP_OK)
        rc = ppi_extract(r, ctx);
    free(lines);
    if (rc != PP_OK) {
        pp_record_free(r);
        return rc == PP_ERR_NOMEM ? ppi_fail(ctx, rc, "out of memory") : rc;
    }
    *out = r;
    return PP_OK;
}

int pp_parse(pp_record **out, pp_ctx *ctx, const pp_model *model, const char *text, size_t len,
             const pp_parse_options *opts)
{
    if (out)
        *out = NULL;
    ppi_ctx_reset(ctx);
    pp_parse_options opt;
    if (!out || (!text && len) || ppi_options_read(&opt, opts, &parse_layout) != PP_OK)
        return ppi_fail(ctx, PP_ERR_ARG, "pp_parse: NULL argument or wrong options version");
    source_info src = {NULL, "text", "utf8", 0};
    return parse_from(out, ctx, model, text, len, &opt, &src);
}

/* How a document's pages were read: OCR if any page was, else its PDF
   text layer, else plain UTF-8 text. */
static const char *ingest_of(const pp_document *d)
{
    const char *how = "utf8";
    for (size_t i = 0; i < pp_document_page_count(d); i++) {
        pp_page_source s = pp_document_page(d, i)->source;
        if (s == PP_PAGE_OCR)
            return "ocr";
        if (s == PP_PAGE_TEXT_LAYER)
            how = "pdf-text";
    }
    return how;
}

int pp_parse_document(pp_record **out, pp_ctx *ctx, const pp_model *model, const pp_document *doc,
                      const pp_parse_options *opts)
{
    if (out)
        *out = NULL;
    ppi_ctx_reset(ctx);
    pp_parse_options opt;
    if (!out || !doc || ppi_options_read(&opt, opts, &parse_layout) != PP_OK)
        return ppi_fail(ctx, PP_ERR_ARG, "pp_parse_document: NULL argument or wrong options version");
    opt.ocr_words = pp_document_ocr_words(doc, &opt.ocr_word_count);
    size_t len;
    const char *text = pp_document_text(doc, &len);
    source_info src = {pp_document_sha256(doc), pp_input_kind_name(pp_document_kind(doc)), ingest_of(doc),
                       pp_document_page_count(doc)};
    return parse_from(out, ctx, model, text, len, &opt, &src);
}

/* ---- accessors ---- */

const pp_header *pp_record_header(const pp_record *r)
{
    return r ? &r->header : NULL;
}

const pp_section *pp_record_sections(const pp_record *r, size_t *count)
{
    if (count)
        *count = r ? r->nsections : 0;
    return r ? r->sections : NULL;
}

const pp_signature *pp_record_signature(const pp_record *r)
{
    return r ? &r->signature : NULL;
}

const char *const *pp_record_recipients(const pp_record *r, size_t *count)
{
    if (count)
        *count = r ? r->recipients.n : 0;
    return r ? (const char *const *)r->recipients.data : NULL;
}

const pp_table *pp_record_tables(const pp_record *r, size_t *count)
{
    if (count)
        *count = r ? r->tables.n : 0;
    return r ? (const pp_table *)r->tables.data : NULL;
}

const pp_footnote *pp_record_footnotes(const pp_record *r, size_t *count)
{
    if (count)
        *count = r ? r->footnotes.n : 0;
    return r ? (const pp_footnote *)r->footnotes.data : NULL;
}

const char *pp_record_preamble(const pp_record *r)
{
    return r ? r->preamble : NULL;
}

const char *pp_record_closing(const pp_record *r)
{
    return r ? r->closing : NULL;
}

const char *pp_record_text(const pp_record *r)
{
    return r ? r->text : NULL;
}

size_t pp_record_warning_count(const pp_record *r)
{
    return r ? r->warnings.n : 0;
}

const char *pp_record_warning(const pp_record *r, size_t index)
{
    return r && index < r->warnings.n ? ((const char **)r->warnings.data)[index] : NULL;
}

size_t pp_record_attachment_count(const pp_record *r)
{
    return r ? r->attachments.n : 0;
}

const pp_record *pp_record_attachment(const pp_record *r, size_t index)
{
    return r && index < r->attachments.n ? ((pp_record **)r->attachments.data)[index] : NULL;
}

#define VEC_ACCESSOR(fn, type, field)                                                                                  \
    const type *fn(const pp_record *r, size_t *count)                                                                  \
    {                                                                                                                  \
        if (count)                                                                                                     \
            *count = r ? r->field.n : 0;                                                                               \
        return r ? (const type *)r->field.data : NULL;                                                                 \
    }

VEC_ACCESSOR(pp_record_references, pp_reference, references)
VEC_ACCESSOR(pp_record_dates, pp_date, dates)
VEC_ACCESSOR(pp_record_periods, pp_period, periods)
VEC_ACCESSOR(pp_record_deadlines, pp_deadline, deadlines)
VEC_ACCESSOR(pp_record_agencies, pp_agency, agencies)

const char *pp_period_kind_name(pp_period_kind kind)
{
    static const char *const names[] = {"year", "span", "term", "quarter", "month", "part"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "unknown";
}

const char *pp_role_name(unsigned role)
{
    switch (role) {
    case PP_ROLE_ISSUER:
        return "issuer";
    case PP_ROLE_LEAD:
        return "lead";
    case PP_ROLE_COOPERATE:
        return "cooperate";
    case PP_ROLE_RECIPIENT:
        return "recipient";
    default:
        return "unknown";
    }
}
