/*
 * record_out.c - a record as JSON (docs/record.md, written with jansson:
 * escaping and UTF-8 checks are its job, not ours), as reflowed text, or
 * as Markdown for people.
 */
#include "output.h"

#include <stdlib.h>
#include <string.h>

/* ---- JSON ---- */

/* NULL when out of memory is reported by the caller through
   json_object_set_new failing. */
json_t *ppi_json_str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *ppi_json_append(json_t *a, json_t *o)
{
    if (!o || json_array_append_new(a, o) != 0) { /* append_new frees o on failure */
        json_decref(a);
        return NULL;
    }
    return a;
}

static int set(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new(obj, key, value) == 0 ? PP_OK : PP_ERR_NOMEM;
}

static json_t *section_json(const pp_section *s)
{
    json_t *o = json_object();
    json_t *kids = json_array();
    int rc = o && kids ? PP_OK : PP_ERR_NOMEM;
    for (size_t i = 0; rc == PP_OK && i < s->nchildren; i++) {
        json_t *k = section_json(&s->children[i]);
        rc = k && json_array_append_new(kids, k) == 0 ? PP_OK : PP_ERR_NOMEM;
    }
    if (rc == PP_OK)
        rc = set(o, "label", json_string(s->label));
    if (rc == PP_OK)
        rc = set(o, "path", json_string(s->path));
    if (rc == PP_OK)
        rc = set(o, "kind", json_string(pp_section_kind_name(s->kind)));
    if (rc == PP_OK)
        rc = set(o, "level", json_integer(s->level));
    if (rc == PP_OK)
        rc = set(o, "heading", ppi_json_str_or_null(s->heading));
    if (rc == PP_OK)
        rc = set(o, "text", json_string(s->text));
    if (rc == PP_OK)
        rc = set(o, "line", json_integer((json_int_t)s->line));
    if (rc == PP_OK) {
        rc = set(o, "children", kids);
        kids = NULL;
    }
    json_decref(kids);
    if (rc != PP_OK) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *strings_json(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        a = ppi_json_append(a, json_string(v[i]));
    return a;
}

static json_t *header_json(const pp_header *h)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "issuer", ppi_json_str_or_null(h->issuer), "issuer_parent",
                     ppi_json_str_or_null(h->issuer_parent), "number", ppi_json_str_or_null(h->number), "doc_type",
                     ppi_json_str_or_null(h->doc_type), "place", ppi_json_str_or_null(h->place), "date",
                     ppi_json_str_or_null(h->date), "title", ppi_json_str_or_null(h->title));
}

static json_t *signature_json(const pp_signature *s)
{
    if (!s->authority && !s->capacity && !s->title && !s->name)
        return json_null();
    return json_pack("{s:o, s:o, s:o, s:o, s:I}", "authority", ppi_json_str_or_null(s->authority), "capacity",
                     ppi_json_str_or_null(s->capacity), "title", ppi_json_str_or_null(s->title), "name",
                     ppi_json_str_or_null(s->name), "line", (json_int_t)s->line);
}

static json_t *tables_json(const pp_record *r)
{
    size_t n;
    const pp_table *t = pp_record_tables(r, &n);
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++) {
        json_t *rows = json_array();
        for (size_t row = 0; rows && row < t[i].nrows; row++)
            rows = ppi_json_append(rows, strings_json(t[i].cells + row * t[i].ncols, t[i].ncols));
        a = ppi_json_append(a, rows ? json_pack("{s:I, s:o}", "line", (json_int_t)t[i].line, "rows", rows) : NULL);
    }
    return a;
}

static json_t *footnotes_json(const pp_record *r)
{
    size_t n;
    const pp_footnote *f = pp_record_footnotes(r, &n);
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++) {
        a = ppi_json_append(a, json_pack("{s:s, s:s, s:I, s:o}", "label", f[i].label, "text", f[i].text, "line",
                                         (json_int_t)f[i].line, "marker_line",
                                         f[i].marker_line ? json_integer((json_int_t)f[i].marker_line) : json_null()));
    }
    return a;
}

static json_t *record_json(const pp_record *r, int top);

static json_t *sections_json(const pp_record *r)
{
    size_t n;
    const pp_section *s = pp_record_sections(r, &n);
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        a = ppi_json_append(a, section_json(&s[i]));
    return a;
}

static json_t *attachments_json(const pp_record *r)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < pp_record_attachment_count(r); i++)
        a = ppi_json_append(a, record_json(pp_record_attachment(r, i), 0));
    return a;
}

static json_t *source_json(const pp_record *r)
{
    return json_pack("{s:o, s:s, s:s, s:s, s:o}", "path", ppi_json_str_or_null(r->source_path), "sha256", r->sha256,
                     "format", r->source_format, "ingest", r->source_ingest, "pages",
                     r->source_pages ? json_integer((json_int_t)r->source_pages) : json_null());
}

static json_t *record_json(const pp_record *r, int top)
{
    json_t *o = json_object();
    size_t nrec, nwarn = pp_record_warning_count(r);
    const char *const *rec = pp_record_recipients(r, &nrec);
    int rc = o ? PP_OK : PP_ERR_NOMEM;
    if (rc == PP_OK && top)
        rc = set(o, "schema", json_string("planparse/1"));
    if (rc == PP_OK && top)
        rc = set(o, "source", source_json(r));
    if (rc == PP_OK && !top)
        rc = set(o, "line", json_integer((json_int_t)r->first_line));
    if (rc == PP_OK)
        rc = set(o, "header", header_json(&r->header));
    if (rc == PP_OK)
        rc = set(o, "preamble", ppi_json_str_or_null(r->preamble));
    if (rc == PP_OK)
        rc = set(o, "sections", sections_json(r));
    if (rc == PP_OK)
        rc = set(o, "closing", ppi_json_str_or_null(r->closing));
    /* extraction (lib/extract) reads the whole text: its lists are the top record's */
    if (rc == PP_OK && top)
        rc = set(o, "references", ppi_list_json(r, PP_LIST_REFERENCES));
    if (rc == PP_OK && top)
        rc = set(o, "dates", ppi_list_json(r, PP_LIST_DATES));
    if (rc == PP_OK && top)
        rc = set(o, "periods", ppi_list_json(r, PP_LIST_PERIODS));
    if (rc == PP_OK && top)
        rc = set(o, "deadlines", ppi_list_json(r, PP_LIST_DEADLINES));
    if (rc == PP_OK && top)
        rc = set(o, "agencies", ppi_list_json(r, PP_LIST_AGENCIES));
    if (rc == PP_OK)
        rc = set(o, "signature", signature_json(&r->signature));
    if (rc == PP_OK)
        rc = set(o, "recipients", strings_json(rec, nrec));
    if (rc == PP_OK)
        rc = set(o, "tables", tables_json(r));
    if (rc == PP_OK)
        rc = set(o, "footnotes", footnotes_json(r));
    if (rc == PP_OK)
        rc = set(o, "attachments", attachments_json(r));
    if (rc == PP_OK)
        rc = set(o, "warnings", strings_json((const char *const *)r->warnings.data, nwarn));
    if (rc == PP_OK)
        rc = set(o, "restored", json_boolean(r->restored));
    if (rc == PP_OK)
        rc = set(o, "text", json_string(r->text ? r->text : ""));
    if (rc != PP_OK) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int write_json(char **out, size_t *out_len, const pp_record *r, unsigned flags)
{
    json_t *o = record_json(r, 1);
    if (!o)
        return PP_ERR_NOMEM;
    size_t jflags = JSON_ENSURE_ASCII * 0 | (flags & PP_JSON_COMPACT ? JSON_COMPACT : JSON_INDENT(2));
    char *s = json_dumps(o, jflags);
    json_decref(o);
    if (!s)
        return PP_ERR_NOMEM;
    /* hand over a buffer that pp_free (free) releases, ending in a newline */
    size_t n = strlen(s);
    char *b = malloc(n + 2);
    if (!b) {
        free(s);
        return PP_ERR_NOMEM;
    }
    memcpy(b, s, n);
    b[n] = '\n';
    b[n + 1] = '\0';
    free(s);
    *out = b;
    if (out_len)
        *out_len = n + 1;
    return PP_OK;
}

/* ---- text and Markdown ---- */

static int put(ppi_buf *b, const char *s)
{
    return s ? ppi_buf_append(b, s, strlen(s)) : PP_OK;
}

static int put_line(ppi_buf *b, const char *prefix, const char *s)
{
    if (!s)
        return PP_OK;
    int rc = put(b, prefix);
    if (rc == PP_OK)
        rc = put(b, s);
    return rc ? rc : ppi_buf_putc(b, '\n');
}

static int section_out(ppi_buf *b, const pp_section *s, int md)
{
    int rc = PP_OK;
    char marker[64];
    int bullet = s->kind == PP_SECTION_DASH || s->kind == PP_SECTION_PLUS;
    if (s->kind == PP_SECTION_ARTICLE)
        snprintf(marker, sizeof marker, "Điều %s. ", s->label);
    else if (bullet)
        snprintf(marker, sizeof marker, "%s ", s->label);
    else if (s->kind == PP_SECTION_LETTER)
        snprintf(marker, sizeof marker, "%s) ", s->label);
    else if (s->kind == PP_SECTION_PAREN)
        snprintf(marker, sizeof marker, "(%s) ", s->label);
    else
        snprintf(marker, sizeof marker, "%s. ", s->label);
    if (md) {
        if (s->heading) {
            for (int k = 0; rc == PP_OK && k < (s->level < 5 ? s->level + 1 : 6); k++)
                rc = ppi_buf_putc(b, '#');
            if (rc == PP_OK)
                rc = ppi_buf_putc(b, ' ');
        } else {
            for (int k = 0; rc == PP_OK && k < s->level - 1 && bullet; k++)
                rc = put(b, "  ");
            if (rc == PP_OK)
                rc = put(b, bullet ? "- " : "");
        }
        if (rc == PP_OK && !bullet)
            rc = put(b, marker);
    } else {
        rc = put(b, marker);
    }
    if (rc == PP_OK && s->heading)
        rc = put_line(b, "", s->heading);
    if (rc == PP_OK && s->text[0])
        rc = put_line(b, "", s->text);
    if (rc == PP_OK && md && !bullet)
        rc = ppi_buf_putc(b, '\n');
    for (size_t i = 0; rc == PP_OK && i < s->nchildren; i++)
        rc = section_out(b, &s->children[i], md);
    return rc;
}

static int record_out(ppi_buf *b, const pp_record *r, int md)
{
    const pp_header *h = &r->header;
    int rc = PP_OK;
    if (md) {
        rc = put_line(b, "# ", h->title ? h->title : h->doc_type);
        if (rc == PP_OK && h->doc_type) {
            rc = put(b, "\n**");
            if (rc == PP_OK)
                rc = put(b, h->doc_type);
            if (rc == PP_OK)
                rc = put(b, "**\n\n");
        }
        if (rc == PP_OK)
            rc = put_line(b, "- Số: ", h->number);
        if (rc == PP_OK)
            rc = put_line(b, "- Cơ quan ban hành: ", h->issuer);
        if (rc == PP_OK)
            rc = put_line(b, "- Ngày: ", h->date);
        if (rc == PP_OK)
            rc = put_line(b, "", "");
    } else {
        rc = put_line(b, "", h->issuer_parent);
        if (rc == PP_OK)
            rc = put_line(b, "", h->issuer);
        if (rc == PP_OK)
            rc = put_line(b, "Số: ", h->number);
        if (rc == PP_OK && (h->place || h->date)) {
            rc = put(b, h->place);
            if (rc == PP_OK)
                rc = put_line(b, h->place ? ", " : "", h->date);
        }
        if (rc == PP_OK)
            rc = put_line(b, "", h->doc_type);
        if (rc == PP_OK)
            rc = put_line(b, "", h->title);
    }
    if (rc == PP_OK && r->preamble)
        rc = put_line(b, md ? "\n" : "", r->preamble);
    if (rc == PP_OK && r->preamble && md)
        rc = ppi_buf_putc(b, '\n');
    for (size_t i = 0; rc == PP_OK && i < r->nsections; i++)
        rc = section_out(b, &r->sections[i], md);
    if (rc == PP_OK)
        rc = put_line(b, "", r->closing);
    size_t n;
    const char *const *rec = pp_record_recipients(r, &n);
    if (rc == PP_OK && n)
        rc = put_line(b, md ? "\n**" : "", md ? "Nơi nhận:**" : "Nơi nhận:");
    for (size_t i = 0; rc == PP_OK && i < n; i++)
        rc = put_line(b, "- ", rec[i]);
    const pp_signature *s = &r->signature;
    if (rc == PP_OK)
        rc = put_line(b, md ? "\n" : "", s->authority);
    if (rc == PP_OK)
        rc = put_line(b, "", s->capacity);
    if (rc == PP_OK)
        rc = put_line(b, "", s->title);
    if (rc == PP_OK)
        rc = put_line(b, "", s->name);
    for (size_t i = 0; rc == PP_OK && i < pp_record_attachment_count(r); i++) {
        rc = ppi_buf_putc(b, '\n');
        if (rc == PP_OK)
            rc = record_out(b, pp_record_attachment(r, i), md);
    }
    return rc;
}

int pp_record_write(char **out, size_t *out_len, pp_ctx *ctx, const pp_record *r, pp_record_format format,
                    unsigned flags)
{
    if (out)
        *out = NULL;
    ppi_ctx_reset(ctx);
    if (!out || !r)
        return ppi_fail(ctx, PP_ERR_ARG, "pp_record_write: NULL argument");
    int rc;
    if (format == PP_RECORD_JSON) {
        rc = write_json(out, out_len, r, flags);
    } else if (format == PP_RECORD_TEXT || format == PP_RECORD_MARKDOWN) {
        ppi_buf b = {0};
        rc = record_out(&b, r, format == PP_RECORD_MARKDOWN);
        if (rc == PP_OK)
            rc = ppi_buf_finish(&b, out, out_len);
        ppi_buf_free(&b);
    } else {
        return ppi_fail(ctx, PP_ERR_ARG, "pp_record_write: unknown format %d", (int)format);
    }
    return rc ? ppi_fail(ctx, rc, "out of memory") : PP_OK;
}
