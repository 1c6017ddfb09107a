/*
 * dates.c - calendar dates, periods and deadlines.
 *
 * Dates: "17/01/2022", "02-9-2021", "ngày 15 tháng 7 năm 2021" (also over a
 * line end). Impossible ones (31/02/2022) are rejected with a warning.
 * Periods are spans that are not one day: "năm 2022", "giai đoạn
 * 2021-2025", "nhiệm kỳ 2020 - 2025", "quý III năm 2023", "tháng 6 năm
 * 2022", "6 tháng đầu năm". A year inside a date is not a period.
 * Deadlines: a date after "trước", "chậm nhất", "thời hạn", and the
 * "Thời gian: thường xuyên" lines of task lists, with their section.
 */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_YEAR 1900
#define MAX_YEAR 2100

static int days_in_month(int m, int y)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

static void make_iso(int d, int m, int y, char iso[11])
{
    iso[0] = '\0';
    if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > days_in_month(m, y))
        return;
    snprintf(iso, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

/* A DATE token: d/m/y with '/', '-' or '.' */
static int parse_date_token(const char *s, size_t len, char iso[11])
{
    int v[3] = {0, 0, 0}, k = 0;
    size_t digits = 0;
    for (size_t i = 0; i < len && k < 3; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            v[k] = v[k] * 10 + (s[i] - '0');
            if (++digits > 4)
                return 0;
        } else {
            k++;
            digits = 0;
        }
    }
    if (k != 2)
        return 0;
    make_iso(v[0], v[1], v[2], iso);
    return 1;
}

size_t ppi_x_date_at(const ppi_xtext *x, size_t i, char iso[11], size_t *day)
{
    size_t k = i;
    iso[0] = '\0';
    if (ppi_xw_is(x, k, "NGAY"))
        k++;
    if (k < x->n && x->w[k].kind == PP_TOK_DATE) {
        if (!parse_date_token(x->text + x->w[k].off, x->w[k].len, iso))
            return 0;
        *day = k;
        return k - i + 1;
    }
    long d = ppi_xw_number(x, k), m = ppi_xw_number(x, k + 2), y = ppi_xw_number(x, k + 4);
    if (d < 1 || d > 99 || !ppi_xw_is(x, k + 1, "THANG") || m < 0 || m > 99 || !ppi_xw_is(x, k + 3, "NAM") || y < 0)
        return 0;
    make_iso((int)d, (int)m, (int)y, iso);
    *day = k;
    return k + 5 - i;
}

/* ---- sections and record entries ---- */

static const char *section_path(const ppi_xstate *e, size_t line)
{
    const pp_section *chain[PPI_MAX_DEPTH];
    size_t n = ppi_x_sections_at(e, line, chain);
    return n ? chain[n - 1]->path : NULL;
}

/* The start of the clause that ends at word i: after the last , ; . : or
   a bullet at a line start, at most 12 words back. */
static size_t clause_start(const ppi_xtext *x, size_t i)
{
    size_t a = i;
    while (a > 0 && i - a < 12) {
        const ppi_xw *p = &x->w[a - 1];
        if (p->kind == PP_TOK_PUNCT && strchr(",;.:(", x->text[p->off]))
            break;
        if ((x->w[a].flags & PPI_XW_NL) && (x->w[a].flags & PPI_XW_CAP))
            break;
        a--;
    }
    return a;
}

/* 1 if a deadline word comes just before word i: "trước ngày", "chậm
   nhất ngày", "thời hạn: ngày". */
static int after_deadline_word(const ppi_xtext *x, size_t i)
{
    for (size_t k = i; k > 0 && i - k < 3; k--) {
        const char *f = x->w[k - 1].fold;
        if (!strcmp(f, "TRUOC") || !strcmp(f, "HAN") || (!strcmp(f, "NHAT") && ppi_xw_is(x, k - 2, "CHAM")))
            return 1;
        if (x->w[k - 1].kind == PP_TOK_PUNCT && x->text[x->w[k - 1].off] != ':')
            return 0;
    }
    return 0;
}

static int add_deadline(ppi_xstate *e, size_t a, size_t b, const char *iso)
{
    int rc = PP_OK;
    pp_deadline dl = {0};
    dl.text = ppi_x_span(e->rec, &e->x, a, b, &rc);
    dl.date = iso && *iso ? ppi_arena_strndup(&e->rec->arena, iso, 10) : NULL;
    dl.line = e->x.w[a].line;
    dl.section = section_path(e, dl.line);
    if (rc == PP_OK && ((iso && *iso && !dl.date) || !ppi_vec_push(&e->rec->deadlines, &dl)))
        rc = PP_ERR_NOMEM;
    return rc;
}

/* A date from word i (if any); the words it takes in *used. */
static int take_date(ppi_xstate *e, size_t i, size_t *used)
{
    const ppi_xtext *x = &e->x;
    char iso[11];
    size_t day = 0;
    *used = ppi_x_date_at(x, i, iso, &day);
    if (!*used)
        return PP_OK;
    size_t last = i + *used - 1;
    if (!*iso) {
        int rc = PP_OK;
        const char *t = ppi_x_span(e->rec, x, day, last, &rc);
        return rc ? rc : ppi_record_warn(e->rec, e->ctx, "line %zu: impossible date '%s' left out", x->w[day].line, t);
    }
    int rc = PP_OK;
    pp_date d = {0};
    d.date = ppi_arena_strndup(&e->rec->arena, iso, 10);
    d.text = ppi_x_span(e->rec, x, i, last, &rc);
    d.line = x->w[day].line;
    d.section = section_path(e, d.line);
    d.deadline = after_deadline_word(x, i);
    if (rc == PP_OK && (!d.date || !ppi_vec_push(&e->rec->dates, &d)))
        rc = PP_ERR_NOMEM;
    if (rc == PP_OK && d.deadline)
        rc = add_deadline(e, clause_start(x, i), last, iso);
    return rc;
}

/* "Thời gian: thường xuyên", "Thời gian thực hiện: Quý II/2022": the rest
   of the line is when the section's tasks are due. */
static size_t time_line(ppi_xstate *e, size_t i, int *rc)
{
    const ppi_xtext *x = &e->x;
    size_t k = ppi_x_phrase(x, i, "THOI GIAN");
    if (!k || !(x->w[i].flags & PPI_XW_CAP))
        return 0;
    if (ppi_x_phrase(x, i + k, "THUC HIEN") || ppi_x_phrase(x, i + k, "HOAN THANH"))
        k += 2;
    if (!ppi_xw_punct(x, i + k, ':'))
        return 0;
    size_t a = i + k + 1, b = a;
    if (a >= x->n || x->w[a].line != x->w[i].line)
        return 0;
    while (b + 1 < x->n && !(x->w[b + 1].flags & PPI_XW_NL))
        b++;
    while (b > a && x->w[b].kind == PP_TOK_PUNCT)
        b--;
    char iso[11] = "";
    size_t day;
    for (size_t q = a; q <= b && !*iso; q++) /* the first date of the line, if any */
        ppi_x_date_at(x, q, iso, &day);
    *rc = add_deadline(e, a, b, iso);
    return k + 1;
}

/* ---- periods ---- */

static int is_year(long y)
{
    return y >= MIN_YEAR && y <= MAX_YEAR;
}

static int add_period(ppi_xstate *e, size_t a, size_t b, pp_period_kind kind, long start, long end)
{
    int rc = PP_OK;
    pp_period p = {0};
    p.text = ppi_x_span(e->rec, &e->x, a, b, &rc);
    p.kind = kind;
    p.start = (int)start;
    p.end = (int)end;
    p.line = e->x.w[a].line;
    if (rc == PP_OK && !ppi_vec_push(&e->rec->periods, &p))
        rc = PP_ERR_NOMEM;
    return rc;
}

/* "2021-2025", "2021 - 2025" from word i: the words taken (3) or 0. */
static size_t year_span(const ppi_xtext *x, size_t i, long *y1, long *y2)
{
    *y1 = ppi_xw_number(x, i);
    *y2 = ppi_xw_number(x, i + 2);
    /* "-", or an en dash (folded to '?') */
    return is_year(*y1) && is_year(*y2) && *y2 > *y1 && (ppi_xw_punct(x, i + 1, '-') || ppi_xw_is(x, i + 1, "?"))
               ? 3
               : 0;
}

static long roman_quarter(const char *f)
{
    static const char *const r[] = {"I", "II", "III", "IV"};
    for (int q = 0; q < 4; q++)
        if (!strcmp(f, r[q]))
            return q + 1;
    return 0;
}

/* A period from word i: the words it takes, 0 if none. */
static size_t take_period(ppi_xstate *e, size_t i, int *rc)
{
    const ppi_xtext *x = &e->x;
    long y1, y2;
    size_t k;
    if ((k = ppi_x_phrase(x, i, "GIAI DOAN")) || (k = ppi_x_phrase(x, i, "NHIEM KY"))) {
        pp_period_kind kind = x->w[i].fold[0] == 'G' ? PP_PERIOD_SPAN : PP_PERIOD_TERM;
        size_t extra = ppi_xw_is(x, i + k, "MOI");
        size_t s = year_span(x, i + k + extra, &y1, &y2);
        if (s)
            *rc = add_period(e, i, i + k + extra + s - 1, kind, y1, y2);
        return s ? k + extra + s : 0;
    }
    if (ppi_xw_is(x, i, "QUY") && roman_quarter(x->w[i + 1 < x->n ? i + 1 : i].fold) && ppi_xw_is(x, i + 2, "NAM") &&
        is_year(ppi_xw_number(x, i + 3))) {
        y1 = ppi_xw_number(x, i + 3);
        *rc = add_period(e, i, i + 3, PP_PERIOD_QUARTER, y1, y1);
        return 4;
    }
    long m = ppi_xw_number(x, i);
    if (m >= 1 && m <= 12 && ppi_xw_is(x, i + 1, "THANG") &&
        (ppi_xw_is(x, i + 2, "DAU") || ppi_xw_is(x, i + 2, "CUOI")) && ppi_xw_is(x, i + 3, "NAM")) {
        y1 = ppi_xw_number(x, i + 4);
        size_t n = is_year(y1) ? 5 : 4;
        *rc = add_period(e, i, i + n - 1, PP_PERIOD_PART, n == 5 ? y1 : 0, n == 5 ? y1 : 0);
        return n;
    }
    m = ppi_xw_number(x, i + 1);
    if (ppi_xw_is(x, i, "THANG") && m >= 1 && m <= 12 && ppi_xw_is(x, i + 2, "NAM") &&
        is_year(y1 = ppi_xw_number(x, i + 3))) {
        *rc = add_period(e, i, i + 3, PP_PERIOD_MONTH, y1, y1);
        return 4;
    }
    if (ppi_xw_is(x, i, "NAM") && is_year(y1 = ppi_xw_number(x, i + 1))) {
        /* the year of a date too damaged to read ("tháng?/ năm 2022") is not a period */
        for (size_t b = i; b > 0 && i - b < 3; b--)
            if (ppi_xw_is(x, b - 1, "THANG"))
                return 2;
        *rc = add_period(e, i, i + 1, PP_PERIOD_YEAR, y1, y1);
        return 2;
    }
    return 0;
}

int ppi_extract_dates(ppi_xstate *e)
{
    int rc = PP_OK;
    for (size_t i = 0; rc == PP_OK && i < e->x.n;) {
        size_t used = 0;
        rc = take_date(e, i, &used);
        if (rc == PP_OK && !used)
            used = time_line(e, i, &rc);
        if (rc == PP_OK && !used)
            used = take_period(e, i, &rc);
        i += used ? used : 1;
    }
    return rc;
}
