/*
 * references.c - documents cited in the text.
 *
 * A citation is a type word (dict/doc-types.tsv, longest first) followed by
 * "số" and a number, by a number alone ("Quyết định 1847/QĐ-TTg"), or, for a
 * document cited by name, by its title in running text ("Luật Tổ chức chính
 * quyền địa phương ngày 19 tháng 6 năm 2015"). The number is read from the
 * bytes in every printed shape ("17/QĐ-UBND", "107/2021/NĐ-CP", "05-NQ/TU",
 * "01- CTr/TU", "892 KH-UBND", "31/2021/QĐ TTg") and normalised (spaces
 * out, QD -> QĐ). Then come an optional date and issuer ("của UBND tỉnh").
 */
#include "extract.h"

#include "../core/tables.h"

#include <string.h>

#define MAX_TITLE_WORDS 30
#define NUMBER_CAP 96

/* ---- the number ---- */

typedef struct number {
    size_t end;             /* byte after the number */
    char norm[NUMBER_CAP];  /* "17/QĐ-UBND" */
} number;

static int is_code(const char *s, size_t len)
{
    for (size_t r = 0; r < ppi_tbl_doc_types_rows; r++) {
        const char *c = PPI_CELL(doc_types, r, 2);
        if (strlen(c) == len && memcmp(c, s, len) == 0)
            return 1;
    }
    return 0;
}

/* A part of a symbol from byte p: letters, digits and '&'; it starts with
   a capital or a digit. Returns its end, or p. */
static size_t symbol_part(const char *s, size_t n, size_t p)
{
    size_t q = p;
    while (q < n) {
        uint32_t cp;
        size_t k = ppi_utf8_decode((const unsigned char *)s + q, n - q, &cp);
        if (!k || !(ppi_is_word_char(cp) || ppi_is_digit(cp) || cp == '&'))
            break;
        if (q == p && ppi_is_word_char(cp) && ppi_upper_cp(cp) != cp)
            return p;
        q += k;
    }
    return q;
}

static size_t skip_spaces(const char *s, size_t n, size_t p, size_t max)
{
    size_t k = 0;
    while (p < n && s[p] == ' ' && k < max)
        p++, k++;
    return p;
}

static int append(number *num, size_t *len, const char *s, size_t l)
{
    if (*len + l + 1 > sizeof num->norm)
        return 0;
    memcpy(num->norm + *len, s, l);
    *len += l;
    num->norm[*len] = '\0';
    return 1;
}

/* 1 if a and b (same length) differ in at most one letter, ignoring case. */
static int one_letter_off(const char *a, const char *b, size_t len)
{
    size_t diff = 0;
    for (size_t i = 0; i < len; i++)
        diff += (a[i] | 0x20) != (b[i] | 0x20);
    return diff <= 1;
}

/* Reads a number and symbol from byte at. The code of the cited type
   (expect: "CTr" after "Chương trình", NULL if none) mends a code part one
   letter off it ("06-CTt/TU"): the type word and the symbol must agree.
   Returns 1 if a number was there. */
static int read_number(const char *s, size_t n, size_t at, const char *expect, number *num)
{
    size_t p = at, len = 0;
    while (p < n && s[p] >= '0' && s[p] <= '9' && p - at < 6)
        p++;
    if (p == at || (p < n && s[p] >= '0' && s[p] <= '9') || !append(num, &len, s + at, p - at))
        return 0;
    int parts = 0, letters = 0, have_code = 0, after_code = 0;
    for (;;) {
        size_t q = skip_spaces(s, n, p, 2);
        char sep = q < n && (s[q] == '/' || s[q] == '-') ? s[q] : 0;
        if (sep)
            q = skip_spaces(s, n, q + 1, 2);
        size_t e = symbol_part(s, n, q);
        if (e == q)
            break;
        const char *fix = ppi_symbol_fix(s + q, e - q);
        const char *part = fix ? fix : s + q;
        size_t pl = fix ? strlen(fix) : e - q;
        int code = is_code(part, pl);
        if (!code && !have_code && expect && strlen(expect) == pl && pl >= 2 && one_letter_off(part, expect, pl)) {
            part = expect;
            code = 1;
        }
        /* a space for a separator: "892 KH-UBND", "31/2021/QĐ TTg" */
        if (!sep && (q == p || !((parts == 0 && code) || (have_code && !after_code && e - q <= 6))))
            break;
        if (!sep)
            sep = parts == 0 ? '/' : '-';
        if (!append(num, &len, &sep, 1) || !append(num, &len, part, pl))
            break;
        for (size_t k = q; k < e; k++)
            letters += ((unsigned char)s[k] >= 0x80 || ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z'));
        after_code += have_code;
        have_code |= code;
        parts++;
        p = e;
    }
    num->end = p;
    return parts > 0 && letters > 0;
}

/* ---- type words ---- */

typedef struct type_word {
    size_t words;  /* how many words the type takes */
    size_t row;    /* in doc_types */
} type_word;

/* The longest type phrase at word i. */
static int type_at(const ppi_xtext *x, size_t i, type_word *t)
{
    t->words = 0;
    for (size_t r = 0; r < ppi_tbl_doc_types_rows; r++) {
        size_t k = ppi_x_phrase(x, i, x->dict->doc_type[r]);
        if (k > t->words) {
            t->words = k;
            t->row = r;
        }
    }
    return t->words > 0;
}

/* "số", also as OCR prints it: "s6", "S0", "56" (s read as 5, ố as 6). */
static int is_so(const ppi_xtext *x, size_t i)
{
    if (i >= x->n || strlen(x->w[i].fold) != 2)
        return 0;
    const char *f = x->w[i].fold;
    return (f[0] == 'S' || f[0] == '5') && (f[1] == 'O' || f[1] == '6' || f[1] == '0');
}

/* The first word at or after byte offset off. */
static size_t word_at_byte(const ppi_xtext *x, size_t from, size_t off)
{
    while (from < x->n && x->w[from].off < off)
        from++;
    return from;
}

/* ---- the parts after the number ---- */

static const char *const offices[] = {"PHO THU TUONG", "THU TUONG", "PHO CHU TICH", "CHU TICH", "BO TRUONG",
                                      "THUONG TRUC", "BAN THUONG VU", "BAN THUONG TRUC"};

/* The issuer from word k ("của UBND tỉnh", "của Thủ tướng Chính phủ", or
   an agency directly): its first and last word, 1 if found. */
static int issuer_at(const ppi_xtext *x, size_t k, size_t *first, size_t *last)
{
    if (ppi_xw_punct(x, k, ','))
        k++;
    if (ppi_xw_is(x, k, "CUA"))
        k++;
    *first = k;
    for (size_t o = 0; o < sizeof offices / sizeof offices[0]; o++) {
        size_t w = ppi_x_phrase(x, k, offices[o]);
        if (w && (x->w[k].flags & PPI_XW_CAP)) {
            k += w;
            break;
        }
    }
    return ppi_x_agency_at(x, k, last);  /* "Thủ tướng Chính phủ" is an issuer */
}

/* 1 if word i is cited as the document itself: "Ban hành kèm theo Kế
   hoạch số ..." in an annex. */
static int is_self(const ppi_xtext *x, size_t i)
{
    for (size_t k = i; k > 0 && i - k < 4; k--)
        if (ppi_x_phrase(x, k - 1, "KEM THEO"))
            return 1;
    return 0;
}

/* The title words of a document cited by name, from word j: up to the
   date, the issuer, or punctuation. Returns the last word, or j - 1. */
static size_t title_end(const ppi_xtext *x, size_t j)
{
    static const char *const stops[] = {"NGAY", "CUA", "SO", "DO", "DUOC", "DA", "VA", "THEO", "NAY", "TAI", "CHO"};
    size_t k = j;
    for (; k < x->n && k - j < MAX_TITLE_WORDS; k++) {
        const ppi_xw *w = &x->w[k];
        if (w->kind == PP_TOK_PUNCT && x->text[w->off] != '-')
            break;
        if (w->kind != PP_TOK_WORD && w->kind != PP_TOK_NUMBER && w->kind != PP_TOK_PUNCT)
            break;
        if (k > j && (w->flags & PPI_XW_NL) && (w->flags & PPI_XW_CAP) && !(x->w[k - 1].flags & PPI_XW_CAP))
            break;
        int stop = 0;
        for (size_t s = 0; s < sizeof stops / sizeof stops[0] && !stop; s++)
            stop = !strcmp(w->fold, stops[s]);
        if (stop)
            break;
    }
    return k - 1;
}

/* 1 if the title words a..b start like the document's own title (their
   first two words): "ban hành Kế hoạch tuyên truyền ..." in a plan whose
   title is "Tuyên truyền ...". */
static int is_own_title(const ppi_xstate *e, size_t a, size_t b)
{
    const char *title = e->rec->header.title;
    if (!title || b < a + 1)
        return 0;
    ppi_folded ft;
    ppi_fold_text(&ft, title, strlen(title));
    size_t at = 0;
    for (size_t k = a; k <= b && k < a + 2; k++) {
        while (ft.f[at] == ' ')
            at++;
        size_t l = strlen(e->x.w[k].fold);
        if (strncmp(ft.f + at, e->x.w[k].fold, l) != 0)
            return 0;
        at += l;
    }
    return 1;
}

/* ---- one citation ---- */

typedef struct cite {
    size_t type_word, last;
    const char *type, *number, *printed, *issuer, *title;
    char date[11];
} cite;

static int store(ppi_xstate *e, const cite *c)
{
    int rc = PP_OK;
    pp_reference ref = {0};
    ref.type = c->type;
    ref.number = c->number;
    ref.number_printed = c->printed;
    ref.issuer = c->issuer;
    ref.title = c->title;
    ref.date = *c->date ? ppi_arena_strndup(&e->rec->arena, c->date, 10) : NULL;
    ref.text = ppi_x_span(e->rec, &e->x, c->type_word, c->last, &rc);
    ref.line = e->x.w[c->type_word].line;
    ref.self = is_self(&e->x, c->type_word) ||
               (c->number && e->rec->header.number && !strcmp(c->number, e->rec->header.number));
    if (rc == PP_OK && ((*c->date && !ref.date) || !ppi_vec_push(&e->rec->references, &ref)))
        rc = PP_ERR_NOMEM;
    return rc;
}

/* Date and issuer after word k (the number's or the title's end). */
static int date_and_issuer(ppi_xstate *e, size_t k, cite *c)
{
    const ppi_xtext *x = &e->x;
    size_t day, used = ppi_x_date_at(x, ppi_xw_punct(x, k, ',') ? k + 1 : k, c->date, &day);
    if (used) {
        k = (ppi_xw_punct(x, k, ',') ? k + 1 : k) + used;
        c->last = k - 1;
    }
    size_t first, last;
    int rc = PP_OK;
    if (issuer_at(x, k, &first, &last)) {
        c->issuer = ppi_x_span(e->rec, x, first, last, &rc);
        c->last = last;
    }
    return rc;
}

/* A citation at word i; the word to go on from in *next. */
static int cite_at(ppi_xstate *e, size_t i, size_t *next)
{
    const ppi_xtext *x = &e->x;
    type_word t;
    *next = i + 1;
    if (x->w[i].kind != PP_TOK_WORD || !type_at(x, i, &t))
        return PP_OK;
    cite c = {0};
    c.type_word = i;
    c.type = PPI_CELL(doc_types, t.row, 1);
    size_t j = i + t.words;
    int so = is_so(x, j);
    j += so;
    if (so && ppi_xw_punct(x, j, ':'))
        j++;
    number num;
    int rc = PP_OK;
    const char *code = PPI_CELL(doc_types, t.row, 2);
    if (j < x->n && read_number(x->text, x->len, x->w[j].off, strcmp(code, "-") ? code : NULL, &num)) {
        size_t end = word_at_byte(x, j, num.end);
        c.number = ppi_arena_strndup(&e->rec->arena, num.norm, strlen(num.norm));
        c.printed = ppi_x_span(e->rec, x, j, end - 1, &rc);
        if (!c.number)
            return PP_ERR_NOMEM;
        c.last = end - 1;
        rc = rc ? rc : date_and_issuer(e, end, &c);
    } else {
        /* cited by name: a capitalised type word in running text */
        if (so || !(x->w[i].flags & PPI_XW_CAP) || (x->w[i].flags & PPI_XW_UPPER) || j >= x->n)
            return PP_OK;
        size_t te = title_end(x, j);
        if (te < j + 1 || is_own_title(e, j, te))
            return PP_OK;
        c.title = ppi_x_span(e->rec, x, j, te, &rc);
        c.last = te;
        rc = rc ? rc : date_and_issuer(e, te + 1, &c);
    }
    if (rc == PP_OK)
        rc = store(e, &c);
    *next = c.number ? c.last + 1 : j;
    return rc;
}

int ppi_extract_references(ppi_xstate *e)
{
    int rc = PP_OK;
    for (size_t i = 0; rc == PP_OK && i < e->x.n;) {
        size_t next;
        rc = cite_at(e, i, &next);
        i = next;
    }
    return rc;
}
