/*
 * extract_out.c - the extracted lists (references, dates, periods,
 * deadlines, agencies) as JSON arrays in the record, and one list alone as
 * JSON Lines or TSV (planparse parse --only).
 */
#include "output.h"

#include <stdlib.h>
#include <string.h>

static json_t *line_json(size_t line)
{
    return json_integer((json_int_t)line);
}

static json_t *reference_json(const pp_reference *f)
{
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:b}", "type", f->type, "number",
                     ppi_json_str_or_null(f->number), "number_printed", ppi_json_str_or_null(f->number_printed), "date",
                     ppi_json_str_or_null(f->date), "issuer", ppi_json_str_or_null(f->issuer), "title",
                     ppi_json_str_or_null(f->title), "text", f->text, "line", line_json(f->line), "self", f->self);
}

static json_t *date_json(const pp_date *d)
{
    return json_pack("{s:s, s:s, s:o, s:o, s:b}", "date", d->date, "text", d->text, "line", line_json(d->line),
                     "section", ppi_json_str_or_null(d->section), "deadline", d->deadline);
}

static json_t *year_or_null(int y)
{
    return y ? json_integer(y) : json_null();
}

static json_t *period_json(const pp_period *p)
{
    return json_pack("{s:s, s:s, s:o, s:o, s:o}", "text", p->text, "kind", pp_period_kind_name(p->kind), "start",
                     year_or_null(p->start), "end", year_or_null(p->end), "line", line_json(p->line));
}

static json_t *deadline_json(const pp_deadline *d)
{
    return json_pack("{s:s, s:o, s:o, s:o}", "text", d->text, "date", ppi_json_str_or_null(d->date), "section",
                     ppi_json_str_or_null(d->section), "line", line_json(d->line));
}

static json_t *roles_json(unsigned roles)
{
    json_t *a = json_array();
    static const unsigned order[] = {PP_ROLE_ISSUER, PP_ROLE_LEAD, PP_ROLE_COOPERATE, PP_ROLE_RECIPIENT};
    for (size_t i = 0; a && i < sizeof order / sizeof order[0]; i++)
        if (roles & order[i])
            a = ppi_json_append(a, json_string(pp_role_name(order[i])));
    return a;
}

static json_t *duties_json(const pp_agency *g)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < g->nduties; i++)
        a = ppi_json_append(a, json_pack("{s:s, s:o}", "section", g->duties[i].section, "text",
                                         ppi_json_str_or_null(g->duties[i].text)));
    return a;
}

static json_t *agency_json(const pp_agency *g)
{
    return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:I, s:o, s:b, s:o}", "name", g->name, "printed", g->printed,
                     "level", ppi_json_str_or_null(g->level), "place", ppi_json_str_or_null(g->place), "province",
                     ppi_json_str_or_null(g->province), "roles", roles_json(g->roles), "mentions",
                     (json_int_t)g->mentions, "line", line_json(g->line), "group", g->group, "duties", duties_json(g));
}

/* The record's vector holding a list. */
static const ppi_vec *list_vec(const pp_record *r, pp_record_list list)
{
    switch (list) {
    case PP_LIST_REFERENCES:
        return &r->references;
    case PP_LIST_DATES:
        return &r->dates;
    case PP_LIST_PERIODS:
        return &r->periods;
    case PP_LIST_DEADLINES:
        return &r->deadlines;
    case PP_LIST_AGENCIES:
        return &r->agencies;
    }
    return NULL;
}

static json_t *element_json(pp_record_list list, const void *e)
{
    switch (list) {
    case PP_LIST_REFERENCES:
        return reference_json(e);
    case PP_LIST_DATES:
        return date_json(e);
    case PP_LIST_PERIODS:
        return period_json(e);
    case PP_LIST_DEADLINES:
        return deadline_json(e);
    case PP_LIST_AGENCIES:
        return agency_json(e);
    }
    return NULL;
}

json_t *ppi_list_json(const pp_record *r, pp_record_list list)
{
    const ppi_vec *v = list_vec(r, list);
    json_t *a = json_array();
    for (size_t i = 0; a && i < v->n; i++)
        a = ppi_json_append(a, element_json(list, (const char *)v->data + i * v->elem));
    return a;
}

/* ---- one list alone ---- */

/* A JSON value as one TSV cell: strings as they are (tabs and line ends
   made spaces), arrays joined with ",", null empty. */
static int tsv_cell(ppi_buf *b, json_t *v)
{
    int rc = PP_OK;
    if (json_is_string(v)) {
        for (const char *s = json_string_value(v); rc == PP_OK && *s; s++)
            rc = ppi_buf_putc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
    } else if (json_is_array(v)) {
        for (size_t i = 0; rc == PP_OK && i < json_array_size(v); i++) {
            json_t *e = json_array_get(v, i);
            if (i)
                rc = ppi_buf_putc(b, ',');
            if (rc == PP_OK)
                rc = json_is_object(e) ? tsv_cell(b, json_object_get(e, "section")) : tsv_cell(b, e);
        }
    } else if (!json_is_null(v)) {
        char *s = json_dumps(v, JSON_ENCODE_ANY);
        rc = s ? ppi_buf_append(b, s, strlen(s)) : PP_ERR_NOMEM;
        free(s);
    }
    return rc;
}

static int tsv_row(ppi_buf *b, json_t *o, int header)
{
    int rc = PP_OK;
    const char *key;
    json_t *v;
    int first = 1;
    json_object_foreach(o, key, v) {
        if (!first)
            rc = ppi_buf_putc(b, '\t');
        first = 0;
        if (rc == PP_OK)
            rc = header ? ppi_buf_append(b, key, strlen(key)) : tsv_cell(b, v);
        if (rc)
            return rc;
    }
    return ppi_buf_putc(b, '\n');
}

int pp_record_write_list(char **out, size_t *out_len, pp_ctx *ctx, const pp_record *r, pp_record_list list,
                         pp_list_format format)
{
    if (out)
        *out = NULL;
    if (!out || !r || (unsigned)list > PP_LIST_AGENCIES || (format != PP_LIST_JSONL && format != PP_LIST_TSV))
        return ppi_fail(ctx, PP_ERR_ARG, "pp_record_write_list: NULL argument or unknown list or format");
    json_t *a = ppi_list_json(r, list);
    ppi_buf b = {0};
    int rc = a ? PP_OK : PP_ERR_NOMEM;
    for (size_t i = 0; rc == PP_OK && i < json_array_size(a); i++) {
        json_t *o = json_array_get(a, i);
        if (format == PP_LIST_TSV) {
            if (i == 0)
                rc = tsv_row(&b, o, 1);
            if (rc == PP_OK)
                rc = tsv_row(&b, o, 0);
            continue;
        }
        char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        rc = s ? ppi_buf_append(&b, s, strlen(s)) : PP_ERR_NOMEM;
        free(s);
        if (rc == PP_OK)
            rc = ppi_buf_putc(&b, '\n');
    }
    json_decref(a);
    if (rc == PP_OK)
        rc = ppi_buf_finish(&b, out, out_len);
    ppi_buf_free(&b);
    return rc == PP_OK ? PP_OK : ppi_fail(ctx, rc, "out of memory writing a list");
}
