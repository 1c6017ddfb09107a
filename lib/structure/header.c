/*
 * header.c - the header of an administrative document (layout of Nghị
 * định 30/2020/NĐ-CP): issuing agency under its parent on the left, the
 * national name and motto on the right, "Số: ..." and "place, ngày ..."
 * below them, then the type word and the title. OCR merges the two
 * columns into one line; the right column's fixed phrases tell where to
 * cut. Matching is done on folded text (no diacritics, capitals), so it
 * also works where restoration left a letter wrong.
 */
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_LINES 40 /* the header is never further down than this */
typedef struct folded_line {
    ppi_folded k;  /* folded: k.f, k.at, k.n */
    const char *s; /* the line, trimmed */
    size_t len;
} folded_line;

static void fold_line(folded_line *fl, const ppi_line *l)
{
    fl->s = l->s;
    fl->len = l->len;
    ppi_trim(&fl->s, &fl->len);
    ppi_fold_text(&fl->k, fl->s, fl->len);
}

/* ---- the type word ---- */

static const struct {
    const char *folded, *type;
} type_words[] = {
    {"KE HOACH", "Kế hoạch"},       {"QUYET DINH", "Quyết định"},   {"BAO CAO", "Báo cáo"},
    {"THONG BAO", "Thông báo"},     {"NGHI QUYET", "Nghị quyết"},   {"TO TRINH", "Tờ trình"},
    {"HUONG DAN", "Hướng dẫn"},     {"CHUONG TRINH", "Chương trình"}, {"CHI THI", "Chỉ thị"},
    {"DE AN", "Đề án"},             {"QUY CHE", "Quy chế"},         {"QUY DINH", "Quy định"},
    {"KET LUAN", "Kết luận"},       {"CONG DIEN", "Công điện"},     {"PHUONG AN", "Phương án"},
    {"THONG TU", "Thông tư"},       {"NGHI DINH", "Nghị định"},     {"PHU LUC", "Phụ lục"},
    {"BIEN BAN", "Biên bản"},       {"GIAY MOI", "Giấy mời"},       {"LUAT", "Luật"},
};

/* The type whose word is the whole (folded) line, or NULL. A trailing
   "HÀNH ĐỘNG" ("CHƯƠNG TRÌNH HÀNH ĐỘNG") is allowed. */
static const char *type_of_line(const char *f)
{
    while (*f == ' ')
        f++;
    for (size_t k = 0; k < sizeof type_words / sizeof type_words[0]; k++) {
        size_t n = strlen(type_words[k].folded);
        if (strncmp(f, type_words[k].folded, n) != 0)
            continue;
        const char *rest = f + n;
        if (strncmp(rest, " HANH DONG", 10) == 0)
            rest += 10;
        while (*rest == ' ' || *rest == '*')
            rest++;
        if (!*rest)
            return type_words[k].type;
    }
    return NULL;
}

/* The type from the symbol's code: "66/KH-UBND" -> Kế hoạch; a symbol
   without a type code ("245/UBND-VP") is a công văn. */
static const char *type_of_number(const char *number)
{
    static const struct {
        const char *code, *type;
    } codes[] = {{"KH", "Kế hoạch"}, {"QĐ", "Quyết định"}, {"QD", "Quyết định"}, {"BC", "Báo cáo"},
                 {"TB", "Thông báo"}, {"NQ", "Nghị quyết"}, {"TTr", "Tờ trình"}, {"HD", "Hướng dẫn"},
                 {"HĐ", "Hướng dẫn"}, {"CTr", "Chương trình"}, {"CT", "Chỉ thị"}, {"ĐA", "Đề án"},
                 {"QC", "Quy chế"}, {"KL", "Kết luận"}, {"CĐ", "Công điện"}, {"PA", "Phương án"},
                 {"TT", "Thông tư"}, {"NĐ", "Nghị định"}};
    const char *p = strpbrk(number, "/-");
    if (!p)
        return NULL;
    p++;
    /* Party style "05-NQ/TU": the code follows the hyphen; "66/KH-UBND":
       the slash (a year "107/2021/NĐ-CP" is skipped) */
    while (*p >= '0' && *p <= '9') {
        const char *q = strpbrk(p, "/-");
        if (!q)
            return NULL;
        p = q + 1;
    }
    size_t n = strcspn(p, "/-");
    for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++)
        if (strlen(codes[k].code) == n && strncmp(p, codes[k].code, n) == 0)
            return codes[k].type;
    return n ? "Công văn" : NULL;
}

/* ---- dates ---- */

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2)
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
    return days[m - 1];
}

/* Reads a number of 1..max_digits digits at f (spaces before it
   skipped); -1 if none. */
static int read_number(const char **f, int max_digits)
{
    const char *p = *f;
    while (*p == ' ')
        p++;
    int v = 0, k = 0;
    while (*p >= '0' && *p <= '9' && k < max_digits)
        v = v * 10 + (*p++ - '0'), k++;
    if (!k || (*p >= '0' && *p <= '9'))
        return -1;
    *f = p;
    return v;
}

static int iso_date(int y, int m, int d, char iso[11])
{
    iso[0] = '\0';
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return 0;
    snprintf(iso, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    return 1;
}

int ppi_find_date(const char *s, size_t len, char iso[11])
{
    ppi_folded fd;
    ppi_fold_text(&fd, s, len);
    iso[0] = '\0';
    const char *p = strstr(fd.f, "NGAY ");
    if (!p)
        return 0;
    p += 5;
    int d = read_number(&p, 2);
    if (d < 0)
        return 1;
    if (*p == '/' || *p == '-' || *p == '.') { /* ngày 17/01/2022 */
        char sep = *p++;
        int m = read_number(&p, 2);
        if (m < 0 || *p != sep)
            return 1;
        p++;
        int y = read_number(&p, 4);
        iso_date(y, m, d, iso);
        return 1;
    }
    while (*p == ' ')
        p++;
    if (strncmp(p, "THANG", 5) != 0)
        return 1;
    p += 5;
    int m = read_number(&p, 2);
    const char *y_at = strstr(p, "NAM ");
    if (m < 0 || !y_at)
        return 1;
    while (*p == ' ')
        p++;
    if (p != y_at) /* something unreadable between the month and the year */
        return 1;
    p = y_at + 4;
    int y = read_number(&p, 4);
    iso_date(y, m, d, iso);
    return 1;
}

/* ---- the number line: "Số: 66/KH-UBND  Uông Bí, ngày ..." ---- */

/* If the line starts with "Số", the number as printed with its spaces
   removed and a missing slash put back ("20 /KH-UBND" -> "20/KH-UBND",
   "892 KH-UBND" -> "892/KH-UBND") in buf; *rest_at gets the byte offset
   of what follows it. 0 if not a number line. */
static int read_number_line(const folded_line *fl, char *buf, size_t cap, size_t *rest_at)
{
    const char *f = fl->k.f;
    if (strncmp(f, "SO", 2) != 0)
        return 0;
    size_t i = 2;
    while (f[i] == ' ' || f[i] == ':' || f[i] == '.')
        i++;
    if (i == 2 && !(f[i] >= '0' && f[i] <= '9'))
        return 0;
    if (!(f[i] >= '0' && f[i] <= '9'))
        return 0;
    size_t out = 0, j = i;
    int digits_only = 1;
    while (j < fl->k.n && out + 5 < cap) {
        char c = f[j];
        if (c == ' ') {
            /* spaces inside the symbol only next to '/' or '-' */
            size_t k = j;
            while (k < fl->k.n && f[k] == ' ')
                k++;
            int joins = (out && (buf[out - 1] == '/' || buf[out - 1] == '-')) || f[k] == '/' || f[k] == '-' ||
                        (digits_only && k < fl->k.n && f[k] != '?' && f[k] >= 'A' && f[k] <= 'Z' &&
                         strchr(fl->s + fl->k.at[k], '-') != NULL &&
                         strchr(fl->s + fl->k.at[k], '-') < strchr(fl->s + fl->k.at[k], ' ' ) );
            if (!joins)
                break;
            if (digits_only && f[k] != '/' && f[k] != '-')
                buf[out++] = '/';
            j = k;
            continue;
        }
        if (!(c == '/' || c == '-' || c == '.' || c == '?' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
              (c >= 'a' && c <= 'z')))
            break;
        if (!(c >= '0' && c <= '9'))
            digits_only = 0;
        /* copy the original bytes of this code point (Đ stays Đ) */
        size_t b = fl->k.at[j], e = fl->k.at[j + 1];
        if (out + (e - b) + 1 >= cap)
            break;
        memcpy(buf + out, fl->s + b, e - b);
        out += e - b;
        j++;
    }
    while (out && (buf[out - 1] == '.' || buf[out - 1] == '-' || buf[out - 1] == '/'))
        out--;
    buf[out] = '\0';
    *rest_at = fl->k.at[j];
    return out > 0;
}

/* "Uông Bí, ngày 03 tháng 3 năm 2022": place and date. */
static int read_place_date(ppi_doc *d, const char *s, size_t len, size_t line_no)
{
    pp_header *h = &d->rec->header;
    ppi_trim(&s, &len);
    const char *comma = memchr(s, ',', len);
    char iso[11];
    if (!ppi_find_date(s, len, iso))
        return PP_OK;
    int rc = PP_OK;
    if (comma && !h->place)
        h->place = ppi_doc_str(d, s, (size_t)(comma - s), &rc);
    if (iso[0] && !h->date)
        h->date = ppi_doc_str(d, iso, strlen(iso), &rc);
    else if (!iso[0] && rc == PP_OK)
        rc = ppi_doc_warn(d, "line %zu: header date unreadable or impossible: \"%.*s\"", line_no, (int)len, s);
    return rc;
}

/* ---- the two columns ---- */

/* Where the right column starts in a folded header line (the national
   name, the motto or the Party's name), or -1. */
static long right_column(const char *f)
{
    const char *hits[] = {strstr(f, "CONG HOA XA"), strstr(f, "DANG CONG SAN VIET NAM"), strstr(f, "DOC LAP"),
                          NULL};
    const char *hp = strstr(f, "HANH PHUC");
    if (hp) {
        const char *tu = strstr(f, "TU DO");
        hits[3] = tu && tu < hp ? tu : hp;
    }
    const char *best = NULL;
    for (int k = 0; k < 4; k++)
        if (hits[k] && (!best || hits[k] < best))
            best = hits[k];
    if (best == hits[3] && hits[3] && !hits[2]) {
        /* "Độc lập" damaged: start at the word before "Tự do" */
        const char *p = best;
        while (p > f && p[-1] == ' ')
            p--;
        while (p > f && strchr("-.,", p[-1]))
            p--;
        while (p > f && p[-1] == ' ')
            p--;
        const char *w = p;
        int words = 0;
        while (w > f && words < 2) {
            while (w > f && w[-1] != ' ')
                w--;
            words++;
            if (words < 2)
                while (w > f && w[-1] == ' ')
                    w--;
        }
        best = w;
    }
    return best ? (long)(best - f) : -1;
}

/* Agency heads that need the next line to name the agency. */
static int is_bare_head(const char *s, size_t len)
{
    char f[128];
    size_t at[128];
    if (len > 120)
        return 0;
    ppi_fold(s, len, f, at);
    static const char *const heads[] = {"UY BAN NHAN DAN", "UBND", "HOI DONG NHAN DAN", "HDND",
                                        "BAN CHAP HANH", "BAN THUONG VU", NULL};
    for (int k = 0; heads[k]; k++)
        if (strcmp(f, heads[k]) == 0)
            return 1;
    return 0;
}

typedef struct left_part {
    const char *s;
    size_t len;
} left_part;

static int set_issuer(ppi_doc *d, const left_part *lp, int n)
{
    pp_header *h = &d->rec->header;
    int rc = PP_OK;
    if (n == 0)
        return ppi_doc_warn(d, "header: no issuing agency printed");
    int first = 0;
    if (n >= 2 && !is_bare_head(lp[0].s, lp[0].len)) {
        h->issuer_parent = ppi_doc_cased(d, lp[0].s, lp[0].len, 0, &rc);
        first = 1;
    }
    ppi_buf joined = {0};
    for (int k = first; rc == PP_OK && k < n && k < first + 2; k++) {
        if (k > first)
            rc = ppi_buf_putc(&joined, ' ');
        if (rc == PP_OK)
            rc = ppi_buf_append(&joined, lp[k].s, lp[k].len);
        if (!is_bare_head(lp[k].s, lp[k].len))
            break;
    }
    if (rc == PP_OK)
        h->issuer = ppi_doc_cased(d, joined.data, joined.len, 0, &rc);
    ppi_buf_free(&joined);
    return rc;
}

/* ---- the title ---- */

/* Lines that start the body, not a title: "Căn cứ ...", "Thực hiện ...",
   a section marker. */
static int starts_body(const folded_line *fl)
{
    static const char *const starts[] = {"CAN CU", "THUC HIEN", "NHAM ", "DE ", "THEO ", "TRIEN KHAI",
                                         "KINH GUI", "I.", "1.", "DIEU 1", NULL};
    for (int k = 0; starts[k]; k++)
        if (ppi_folded_starts(fl->k.f, starts[k]))
            return 1;
    return 0;
}

static int starts_lower(const char *s, size_t len)
{
    uint32_t cp;
    size_t k = ppi_utf8_decode((const unsigned char *)s, len, &cp);
    return k && ppi_is_word_char(cp) && ppi_lower_cp(cp) == cp && !ppi_is_digit(cp);
}

/* Title lines from i: the first non-blank line and those that continue
   it (starting in lower case, or capitals after capitals). */
static int read_title(ppi_doc *d, size_t i, size_t *after)
{
    folded_line *fl = malloc(sizeof *fl);
    if (!fl)
        return PP_ERR_NOMEM;
    ppi_buf t = {0};
    int rc = PP_OK, caps = 0;
    size_t k = i, last = i;
    for (; rc == PP_OK && k < d->n && k < i + 8; k++) {
        ppi_line *l = &d->lines[k];
        fold_line(fl, l);
        if (!fl->len) {
            l->role = ROLE_BLANK;
            continue;
        }
        if (memchr(fl->s, '\t', fl->len))
            break; /* a table row, not a title */
        int upper = ppi_mostly_upper(fl->s, fl->len);
        if (t.len) {
            int continues = !ppi_ends_sentence(t.data, t.len) && !starts_body(fl) &&
                            (starts_lower(fl->s, fl->len) || (caps && upper));
            if (!continues)
                break;
            rc = ppi_buf_putc(&t, ' ');
        } else {
            if (starts_body(fl))
                break;
            caps = upper;
            if (ppi_folded_starts(fl->k.f, "V/V")) { /* công văn: "V/v ..." */
                size_t skip = 3;
                while (skip < fl->len && (fl->s[skip] == ' ' || fl->s[skip] == ':'))
                    skip++;
                fl->s += skip, fl->len -= skip;
            }
        }
        if (rc == PP_OK)
            rc = ppi_buf_append(&t, fl->s, fl->len);
        l->role = ROLE_TITLE;
        last = k + 1;
    }
    if (rc == PP_OK && t.len) {
        ppi_collapse_spaces(&t);
        d->rec->header.title = ppi_doc_cased(d, t.data, t.len, 1, &rc);
    }
    *after = t.len ? last : i;
    ppi_buf_free(&t);
    free(fl);
    return rc;
}

/* ---- the header ---- */

typedef struct header_scan {
    left_part left[8];
    int nleft;
    int seen_number;
    size_t type_line; /* index + 1 */
    size_t last;      /* index + 1 of the last header line */
} header_scan;

static void add_left(header_scan *hs, const char *s, size_t len)
{
    ppi_trim(&s, &len);
    while (len && (*s == '*' || *s == '-' || *s == '_'))
        s++, len--;
    ppi_trim(&s, &len);
    if (len && hs->nleft < 8 && !hs->seen_number)
        hs->left[hs->nleft++] = (left_part){s, len};
}

/* One header line: 1 if it belongs to the header, 0 if the header has
   ended. */
static int scan_line(ppi_doc *d, header_scan *hs, size_t i, folded_line *fl, int *rc)
{
    ppi_line *l = &d->lines[i];
    pp_header *h = &d->rec->header;
    char number[128];
    size_t rest;
    const char *type = type_of_line(fl->k.f);
    if (type) {
        if (!h->doc_type)
            h->doc_type = type;
        hs->type_line = i + 1;
        return 1;
    }
    if (read_number_line(fl, number, sizeof number, &rest)) {
        hs->seen_number = 1;
        if (!h->number)
            h->number = ppi_doc_str(d, number, strlen(number), rc);
        *rc = *rc ? *rc : read_place_date(d, fl->s + rest, fl->len - rest, l->no);
        return 1;
    }
    long cut = right_column(fl->k.f);
    if (cut >= 0) {
        add_left(hs, fl->s, fl->k.at[cut]);
        return 1;
    }
    char iso[11];
    if (memchr(fl->s, ',', fl->len) && ppi_find_date(fl->s, fl->len, iso)) {
        *rc = read_place_date(d, fl->s, fl->len, l->no);
        return 1;
    }
    if (!hs->seen_number && !starts_body(fl) && ppi_mostly_upper(fl->s, fl->len) && fl->len < 120) {
        add_left(hs, fl->s, fl->len);
        return 1;
    }
    if (fl->len < 8 && strspn(fl->s, "*-_ ") == fl->len)
        return 1; /* the rules under the agency and the motto */
    return 0;
}

static int warn_missing(ppi_doc *d)
{
    const pp_header *h = &d->rec->header;
    const struct {
        const char *v, *name;
    } f[] = {{h->number, "number (Số)"}, {h->place, "place"}, {h->date, "date"}, {h->doc_type, "document type"},
             {h->title, "title"}};
    int rc = PP_OK;
    for (size_t k = 0; rc == PP_OK && k < sizeof f / sizeof f[0]; k++)
        if (!f[k].v)
            rc = ppi_doc_warn(d, "header: no %s found", f[k].name);
    return rc;
}

int ppi_parse_header(ppi_doc *d)
{
    folded_line *fl = malloc(sizeof *fl);
    if (!fl)
        return PP_ERR_NOMEM;
    header_scan hs = {0};
    int rc = PP_OK;
    size_t i = 0;
    for (; rc == PP_OK && i < d->n && i < HEADER_LINES && !hs.type_line; i++) {
        fold_line(fl, &d->lines[i]);
        if (!fl->len) {
            d->lines[i].role = ROLE_BLANK;
            continue;
        }
        if (!scan_line(d, &hs, i, fl, &rc))
            break;
        d->lines[i].role = ROLE_HEADER;
        hs.last = i + 1;
    }
    free(fl);
    if (rc != PP_OK)
        return rc;
    if (!hs.last) { /* no header at all */
        for (size_t k = 0; k < d->n; k++)
            if (d->lines[k].role == ROLE_BLANK)
                d->lines[k].role = ROLE_NONE;
        d->body = 0;
        rc = set_issuer(d, hs.left, 0);
        return rc ? rc : warn_missing(d);
    }
    rc = set_issuer(d, hs.left, hs.nleft);
    size_t after = hs.last;
    if (rc == PP_OK && (hs.type_line || hs.seen_number))
        rc = read_title(d, hs.last, &after);
    d->body = after;
    if (rc == PP_OK && !d->rec->header.doc_type && d->rec->header.number)
        d->rec->header.doc_type = type_of_number(d->rec->header.number);
    return rc ? rc : warn_missing(d);
}
