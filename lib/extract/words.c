/*
 * words.c - the text as one stream of folded words, for extraction.
 */
#include "extract.h"

#include "../core/tables.h"

#include <stdlib.h>
#include <string.h>

static unsigned case_flags(const char *s, size_t len)
{
    size_t letters, upper;
    int first;
    ppi_count_case(s, len, &letters, &upper, &first);
    unsigned f = first == 1 ? PPI_XW_CAP : 0;
    if (letters >= 2 && upper == letters)
        f |= PPI_XW_UPPER;
    return f;
}

/* Symbols that carry no meaning in a citation or a name and that OCR
   scatters over words ("Kế& hoạch", "số§ 15/2019/QĐ-UBND"): left out of
   the stream. */
static int ocr_debris(const char *text, const pp_token *t)
{
    if (t->kind == PP_TOK_OTHER)
        return 1;
    if (t->kind != PP_TOK_PUNCT)
        return 0;
    if (t->length > 1) /* keep the dashes of year spans: – — */
        return !(t->length == 3 && !memcmp(text + t->offset, "\xe2\x80", 2) &&
                 ((unsigned char)text[t->offset + 2] == 0x93 || (unsigned char)text[t->offset + 2] == 0x94));
    return !strchr(".,;:()-/+\"'?!", text[t->offset]);
}

/* Marks the words of lines printed in capitals (header blocks, headings). */
static void mark_upper_lines(ppi_xtext *x)
{
    for (size_t a = 0, b; a < x->n; a = b) {
        size_t letters = 0, upper = 0;
        for (b = a; b < x->n && x->w[b].line == x->w[a].line; b++) {
            size_t l, u;
            int f;
            if (x->w[b].kind != PP_TOK_WORD)
                continue;
            ppi_count_case(x->text + x->w[b].off, x->w[b].len, &l, &u, &f);
            letters += l;
            upper += u;
        }
        if (letters >= 2 && upper * 10 >= letters * 9)
            for (size_t k = a; k < b; k++)
                x->w[k].flags |= PPI_XW_UPLINE;
    }
}

int ppi_xtext_init(ppi_xtext *x, const char *text, size_t len, size_t first_line, const ppi_xdict *dict)
{
    memset(x, 0, sizeof *x);
    x->dict = dict;
    x->text = text;
    x->len = len;
    x->first_line = first_line;
    pp_token *t = NULL;
    size_t nt = 0;
    int rc = pp_tokenize(&t, &nt, text, len);
    if (rc != PP_OK)
        return rc;
    x->w = malloc(sizeof *x->w * (nt ? nt : 1));
    if (!x->w) {
        pp_free(t);
        return PP_ERR_NOMEM;
    }
    unsigned nl = 0;
    for (size_t i = 0; i < nt; i++) {
        if (t[i].kind == PP_TOK_NEWLINE)
            nl = PPI_XW_NL;
        if (t[i].kind == PP_TOK_SPACE || t[i].kind == PP_TOK_NEWLINE || t[i].kind == PP_TOK_INVALID ||
            ocr_debris(text, &t[i]))
            continue;
        ppi_xw *w = &x->w[x->n++];
        w->off = t[i].offset;
        w->len = t[i].length;
        w->line = t[i].line + first_line - 1;
        w->kind = t[i].kind;
        w->flags = nl | (t[i].kind == PP_TOK_WORD ? case_flags(text + w->off, w->len) : 0);
        nl = 0;
        /* fold at most as many bytes as fit: one folded byte per code point */
        size_t at[PPI_XW_FOLD + 1], l = w->len < PPI_XW_FOLD - 1 ? w->len : PPI_XW_FOLD - 1;
        while (l > 0 && l < w->len && ((unsigned char)text[w->off + l] & 0xC0) == 0x80)
            l--;
        ppi_fold(text + w->off, l, w->fold, at);
    }
    pp_free(t);
    mark_upper_lines(x);
    return PP_OK;
}

void ppi_xtext_free(ppi_xtext *x)
{
    free(x->w);
    memset(x, 0, sizeof *x);
}

int ppi_xw_is(const ppi_xtext *x, size_t i, const char *f)
{
    return i < x->n && strcmp(x->w[i].fold, f) == 0;
}

size_t ppi_x_phrase(const ppi_xtext *x, size_t i, const char *phrase)
{
    size_t k = 0;
    for (const char *p = phrase; *p;) {
        const char *sp = strchr(p, ' ');
        size_t l = sp ? (size_t)(sp - p) : strlen(p);
        if (i + k >= x->n || strlen(x->w[i + k].fold) != l || memcmp(x->w[i + k].fold, p, l) != 0)
            return 0;
        k++;
        p += l + (sp != NULL);
    }
    return k;
}

int ppi_xw_punct(const ppi_xtext *x, size_t i, char c)
{
    return i < x->n && x->w[i].kind == PP_TOK_PUNCT && x->w[i].len == 1 && x->text[x->w[i].off] == c;
}

long ppi_xw_number(const ppi_xtext *x, size_t i)
{
    if (i >= x->n || x->w[i].kind != PP_TOK_NUMBER || x->w[i].len > 9)
        return -1;
    long v = 0;
    for (size_t k = 0; k < x->w[i].len; k++) {
        char c = x->text[x->w[i].off + k];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

const char *ppi_x_span(pp_record *r, const ppi_xtext *x, size_t a, size_t b, int *rc)
{
    size_t from = x->w[a].off, to = x->w[b].off + x->w[b].len;
    char *s = ppi_arena_alloc(&r->arena, to - from + 1);
    if (!s) {
        *rc = PP_ERR_NOMEM;
        return NULL;
    }
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        char c = x->text[i];
        if (c == '\r')
            continue;
        if (c == '\n' || c == '\t')
            c = ' ';
        if (c == ' ' && n > 0 && s[n - 1] == ' ')
            continue;
        s[n++] = c;
    }
    s[n] = '\0';
    return s;
}

/* ---- the tables, folded ---- */

/* Appends phrase folded as the text's words are, NUL-terminated:
   punctuation is a word of its own ("HĐND-UBND" -> "HDND - UBND"). */
static int fold_phrase(ppi_buf *out, const char *phrase)
{
    ppi_folded f;
    ppi_fold_text(&f, phrase, strlen(phrase));
    int rc = PP_OK;
    for (size_t k = 0; rc == PP_OK && k < f.n; k++) {
        int punct = strchr(",-()", f.f[k]) != NULL;
        if (punct && out->len && out->data[out->len - 1] != ' ' && out->data[out->len - 1] != '\0')
            rc = ppi_buf_putc(out, ' ');
        if (rc == PP_OK)
            rc = ppi_buf_putc(out, f.f[k]);
        if (rc == PP_OK && punct && k + 1 < f.n && f.f[k + 1] != ' ')
            rc = ppi_buf_putc(out, ' ');
    }
    return rc ? rc : ppi_buf_putc(out, '\0');
}

/* Folds column col of a table into out; offs[r] is where row r starts. */
static int fold_column(ppi_buf *out, const char *const *tbl, size_t rows, size_t cols, size_t col, size_t *offs)
{
    int rc = PP_OK;
    for (size_t r = 0; rc == PP_OK && r < rows; r++) {
        offs[r] = out->len;
        rc = fold_phrase(out, tbl[r * cols + col]);
    }
    return rc;
}

int ppi_xdict_init(ppi_xdict *d)
{
    memset(d, 0, sizeof *d);
    size_t nt = ppi_tbl_doc_types_rows, na = ppi_tbl_agency_names_rows, ng = ppi_tbl_gazetteer_rows;
    size_t total = nt + 2 * na + ng;
    size_t *offs = malloc(sizeof *offs * total);
    const char **ptrs = malloc(sizeof *ptrs * total);
    ppi_buf b = {0};
    int rc = offs && ptrs ? PP_OK : PP_ERR_NOMEM;
    if (rc == PP_OK)
        rc = fold_column(&b, ppi_tbl_doc_types, nt, ppi_tbl_doc_types_cols, 0, offs);
    if (rc == PP_OK)
        rc = fold_column(&b, ppi_tbl_agency_names, na, ppi_tbl_agency_names_cols, 0, offs + nt);
    if (rc == PP_OK)
        rc = fold_column(&b, ppi_tbl_agency_names, na, ppi_tbl_agency_names_cols, 1, offs + nt + na);
    if (rc == PP_OK)
        rc = fold_column(&b, ppi_tbl_gazetteer, ng, ppi_tbl_gazetteer_cols, 2, offs + nt + 2 * na);
    if (rc == PP_OK)
        rc = ppi_buf_finish(&b, &d->strings, NULL);
    ppi_buf_free(&b);
    if (rc != PP_OK) {
        free(offs);
        free(ptrs);
        ppi_xdict_free(d);
        return rc;
    }
    /* pointers once the block stops moving */
    for (size_t i = 0; i < total; i++)
        ptrs[i] = d->strings + offs[i];
    free(offs);
    d->doc_type = ptrs;
    d->head = ptrs + nt;
    d->name = ptrs + nt + na;
    d->place = ptrs + nt + 2 * na;
    return PP_OK;
}

void ppi_xdict_free(ppi_xdict *d)
{
    free((void *)d->doc_type); /* the one block of pointers */
    free(d->strings);
    memset(d, 0, sizeof *d);
}
