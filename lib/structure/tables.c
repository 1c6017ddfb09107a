/*
 * tables.c - tables as PDF or HTML extraction leaves them: one row per
 * line, cells separated by tabs, list markup inside cells ("<ul ...> -
 * ..."), the header row printed again after each page break, and a row
 * that a page break cut continued on the next page with an empty first
 * cell.
 */
#include "record.h"

#include <stdlib.h>
#include <string.h>

#define MAX_COLS 32

static size_t count_tabs(const ppi_line *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->len; i++)
        n += l->s[i] == '\t';
    return n;
}

/* 1 if the line is a rule row ("----\t---\t--"). */
static int is_rule_row(const ppi_line *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (!strchr("-\t =_|", l->s[i]))
            return 0;
    return 1;
}

/* Appends a cell's text without markup: tags dropped, the common entities
   decoded, runs of spaces made one. */
static int append_clean(ppi_buf *out, const char *s, size_t len)
{
    static const struct {
        const char *ent, *text;
    } ents[] = {{"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
    int rc = PP_OK;
    for (size_t i = 0; rc == PP_OK && i < len;) {
        if (s[i] == '<') {
            const char *close = memchr(s + i, '>', len - i);
            /* a tag: a letter or '/' after '<' and a closing '>' */
            if (close && i + 1 < len && (s[i + 1] == '/' || (s[i + 1] | 32) >= 'a')) {
                i = (size_t)(close - s) + 1;
                rc = ppi_buf_putc(out, ' ');
                continue;
            }
        }
        if (s[i] == '&') {
            size_t k = 0;
            for (; k < sizeof ents / sizeof ents[0]; k++) {
                size_t el = strlen(ents[k].ent);
                if (el <= len - i && memcmp(s + i, ents[k].ent, el) == 0) {
                    rc = ppi_buf_append(out, ents[k].text, strlen(ents[k].text));
                    i += el;
                    break;
                }
            }
            if (k < sizeof ents / sizeof ents[0])
                continue;
        }
        rc = ppi_buf_putc(out, s[i] == '\t' ? ' ' : s[i]);
        i++;
    }
    ppi_collapse_spaces(out);
    return rc;
}

typedef struct table_build {
    ppi_buf cells[MAX_COLS]; /* current row being built, by column */
    ppi_vec rows;            /* char * cells, row-major, ncols each */
    size_t ncols;
    char *header_key;        /* the header row's raw text, to drop repeats */
    size_t line;
} table_build;

static void split_cells(const ppi_line *l, const char **cs, size_t *cl, size_t *n)
{
    *n = 0;
    size_t start = 0;
    for (size_t i = 0; i <= l->len && *n < MAX_COLS; i++)
        if (i == l->len || l->s[i] == '\t') {
            cs[*n] = l->s + start;
            cl[(*n)++] = i - start;
            start = i + 1;
        }
}

/* Moves the row being built into rows. */
static int flush_row(ppi_doc *d, table_build *tb)
{
    int rc = PP_OK, any = 0;
    for (size_t c = 0; c < tb->ncols; c++)
        any |= tb->cells[c].len > 0;
    if (!any)
        return PP_OK;
    for (size_t c = 0; rc == PP_OK && c < tb->ncols; c++) {
        ppi_buf *b = &tb->cells[c];
        const char *cell = ppi_arena_strndup(&d->rec->arena, b->data ? b->data : "", b->len);
        if (!cell || !ppi_vec_push(&tb->rows, &cell))
            rc = PP_ERR_NOMEM;
        b->len = 0;
    }
    return rc;
}

static int add_row(ppi_doc *d, table_build *tb, const ppi_line *l)
{
    const char *cs[MAX_COLS];
    size_t cl[MAX_COLS], n;
    split_cells(l, cs, cl, &n);
    if (!tb->ncols)
        tb->ncols = n;
    if (tb->header_key && strlen(tb->header_key) == l->len && memcmp(tb->header_key, l->s, l->len) == 0)
        return PP_OK; /* the header again, after a page break */
    const char *first = cs[0];
    size_t fl = cl[0];
    ppi_trim(&first, &fl);
    int continued = fl == 0 && tb->rows.n > 0;
    int rc = continued ? PP_OK : flush_row(d, tb);
    for (size_t c = 0; rc == PP_OK && c < n && c < tb->ncols; c++) {
        ppi_buf *b = &tb->cells[c];
        size_t before = b->len;
        if (before && cl[c])
            rc = ppi_buf_putc(b, ' ');
        if (rc == PP_OK)
            rc = append_clean(b, cs[c], cl[c]);
        if (b->len == before + 1 && before) /* only the space */
            b->len = before;
    }
    if (rc == PP_OK && !tb->header_key) {
        tb->header_key = ppi_arena_strndup(&d->rec->arena, l->s, l->len);
        rc = tb->header_key ? flush_row(d, tb) : PP_ERR_NOMEM;
    }
    return rc;
}

/* Ends the table being built and adds it to the record. */
static int finish_table(ppi_doc *d, table_build *tb)
{
    int rc = flush_row(d, tb);
    if (rc == PP_OK && tb->ncols && tb->rows.n) {
        pp_table t = {tb->rows.n / tb->ncols, tb->ncols, NULL, tb->line};
        const char **cells = ppi_arena_alloc(&d->rec->arena, tb->rows.n * sizeof *cells);
        if (!cells)
            rc = PP_ERR_NOMEM;
        else {
            memcpy(cells, tb->rows.data, tb->rows.n * sizeof *cells);
            t.cells = cells;
            if (!ppi_vec_push(&d->rec->tables, &t))
                rc = PP_ERR_NOMEM;
        }
    }
    ppi_vec_free(&tb->rows);
    for (size_t c = 0; c < MAX_COLS; c++)
        ppi_buf_free(&tb->cells[c]);
    memset(tb, 0, sizeof *tb);
    tb->rows.elem = sizeof(char *);
    return rc;
}

int ppi_find_tables(ppi_doc *d)
{
    table_build tb;
    memset(&tb, 0, sizeof tb);
    tb.rows.elem = sizeof(char *);
    int rc = PP_OK, in_table = 0;
    for (size_t i = d->body; rc == PP_OK && i < d->n; i++) {
        ppi_line *l = &d->lines[i];
        size_t tabs = count_tabs(l);
        if (tabs >= 2 || (in_table && tabs >= 1)) {
            if (!in_table)
                tb.line = l->no;
            in_table = 1;
            l->role = ROLE_TABLE;
            if (!is_rule_row(l))
                rc = add_row(d, &tb, l);
            continue;
        }
        const char *s = l->s;
        size_t len = l->len;
        ppi_trim(&s, &len);
        if (in_table && len == 0) {
            l->role = ROLE_TABLE;
            continue; /* blank lines between the pages of a table */
        }
        if (in_table) {
            rc = finish_table(d, &tb);
            in_table = 0;
        }
    }
    if (rc == PP_OK && in_table)
        rc = finish_table(d, &tb);
    if (rc != PP_OK)
        finish_table(d, &tb);
    return rc;
}
