/*
 * body.c - the body between the header and the closing: page numbers and
 * running headers dropped, footnotes taken out, hard-wrapped lines
 * rejoined into paragraphs, and the paragraphs that start with a marker
 * (I., 1., 1.1., a), (1), -, +, Điều 1.) made into a tree of sections.
 * Levels come from the order in which marker kinds first appear: a kind
 * seen before closes the deeper levels, a new kind opens a level below.
 */
#define _GNU_SOURCE /* memmem */
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- markers ---- */

typedef struct marker {
    pp_section_kind kind;
    char label[24];
    size_t content; /* byte offset of the text after the marker */
} marker;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
    while (i < len && s[i] == ' ')
        i++;
    return i;
}

/* A marker must be followed by a space (or end the line). */
static int ends_marker(const char *s, size_t len, size_t i)
{
    return i >= len || s[i] == ' ';
}

/* Takes the marker: its label is s[from, from + n), its text starts after
   byte `after` (and the spaces there). Returns 1. */
static int accept(marker *m, pp_section_kind kind, const char *s, size_t len, size_t from, size_t n, size_t after)
{
    memcpy(m->label, s + from, n);
    m->label[n] = '\0';
    m->kind = kind;
    m->content = skip_spaces(s, len, after);
    return 1;
}

/* The digits of s from byte i on, at most max. */
static size_t count_digits(const char *s, size_t len, size_t i, size_t max)
{
    size_t k = 0;
    while (i + k < len && is_digit(s[i + k]) && k < max)
        k++;
    return k;
}

static int read_article(const char *s, size_t len, marker *m)
{
    /* "Điều 12." ("Điều " is eight bytes) */
    static const char word[] = "Điều ";
    size_t i = sizeof word - 1;
    if (len <= i || strncmp(s, word, i) != 0)
        return 0;
    size_t k = count_digits(s, len, i, 4);
    if (!k || i + k >= len || (s[i + k] != '.' && s[i + k] != ':'))
        return 0;
    return accept(m, PP_SECTION_ARTICLE, s, len, i, k, i + k + 1);
}

static int read_roman(const char *s, size_t len, marker *m)
{
    size_t i = 0;
    while (i < len && i < 6 && strchr("IVXL", s[i]) && s[i])
        i++;
    if (!i || i >= len || s[i] != '.' || !ends_marker(s, len, i + 1))
        return 0;
    return accept(m, PP_SECTION_ROMAN, s, len, 0, i, i + 1);
}

static int read_numbered(const char *s, size_t len, marker *m)
{
    size_t i = 0, groups = 0, k = 0;
    while (i < len && is_digit(s[i])) {
        size_t g = 0;
        while (i < len && is_digit(s[i]) && g < 3 && k + 2 < sizeof m->label)
            m->label[k++] = s[i++], g++;
        if (i < len && is_digit(s[i]))
            return 0; /* a long number: a year, a count */
        groups++;
        if (i + 1 < len && (s[i] == '.') && is_digit(s[i + 1]) && k + 2 < sizeof m->label)
            m->label[k++] = s[i++];
        else
            break;
    }
    if (!groups || i >= len)
        return 0;
    m->label[k] = '\0';
    if (groups > 1) {
        if (s[i] == '.')
            i++;
        if (!ends_marker(s, len, i))
            return 0;
        m->kind = PP_SECTION_DECIMAL;
    } else {
        if ((s[i] != '.' && s[i] != ')') || !ends_marker(s, len, i + 1))
            return 0;
        i++;
        m->kind = PP_SECTION_ARABIC;
    }
    m->content = skip_spaces(s, len, i);
    return 1;
}

static int read_letter(const char *s, size_t len, marker *m)
{
    size_t n = 0;
    if (len >= 2 && s[0] >= 'a' && s[0] <= 'z')
        n = 1;
    else if (len >= 3 && strncmp(s, "đ", 2) == 0)
        n = 2;
    if (!n || n >= len || s[n] != ')' || !ends_marker(s, len, n + 1))
        return 0;
    return accept(m, PP_SECTION_LETTER, s, len, 0, n, n + 1);
}

static int read_paren(const char *s, size_t len, marker *m)
{
    if (len < 3 || s[0] != '(')
        return 0;
    size_t k = count_digits(s, len, 1, 3);
    if (!k || 1 + k >= len || s[1 + k] != ')' || !ends_marker(s, len, 2 + k))
        return 0;
    return accept(m, PP_SECTION_PAREN, s, len, 1, k, 2 + k);
}

static int read_bullet(const char *s, size_t len, marker *m)
{
    size_t n = 0;
    if (s[0] == '-' || s[0] == '+')
        n = 1;
    else if (len >= 3 && (strncmp(s, "–", 3) == 0 || strncmp(s, "—", 3) == 0 || strncmp(s, "•", 3) == 0))
        n = 3;
    if (!n || n >= len || is_digit(s[n]))
        return 0;
    m->kind = s[0] == '+' ? PP_SECTION_PLUS : PP_SECTION_DASH;
    strcpy(m->label, s[0] == '+' ? "+" : "-");
    m->content = skip_spaces(s, len, n);
    return 1;
}

static int read_marker(const char *s, size_t len, marker *m)
{
    return read_article(s, len, m) || read_roman(s, len, m) || read_numbered(s, len, m) ||
           read_letter(s, len, m) || read_paren(s, len, m) || read_bullet(s, len, m);
}

/* ---- lines: page furniture and footnotes ---- */

/* "2", "- 2 -", "Trang 2": a page number alone on its line. */
static int is_page_number(const char *s, size_t len)
{
    ppi_trim(&s, &len);
    if (len > 6 && strncmp(s, "Trang ", 6) == 0)
        s += 6, len -= 6;
    size_t digits = 0, other = 0;
    for (size_t i = 0; i < len; i++)
        is_digit(s[i]) ? digits++ : strchr("- ", s[i]) ? 0 : other++;
    return digits >= 1 && digits <= 3 && !other;
}

/* Marks page numbers and running headers (a line of 10+ bytes printed
   identically three times or more). */
static void mark_page_furniture(ppi_doc *d)
{
    for (size_t i = d->body; i < d->end; i++) {
        ppi_line *l = &d->lines[i];
        if (l->role != ROLE_NONE)
            continue;
        if (is_page_number(l->s, l->len)) {
            l->role = ROLE_PAGE;
            continue;
        }
        if (l->len < 10)
            continue;
        int same = 0;
        for (size_t k = d->body; k < d->end; k++)
            same += d->lines[k].len == l->len && memcmp(d->lines[k].s, l->s, l->len) == 0;
        if (same >= 3)
            l->role = ROLE_PAGE;
    }
}

/* "1 Quyết định số ...": a footnote's first line, numbered `want`. */
static int footnote_start(const ppi_line *l, int want)
{
    char num[16];
    int n = snprintf(num, sizeof num, "%d ", want);
    if (l->len <= (size_t)n + 1 || strncmp(l->s, num, (size_t)n) != 0)
        return 0;
    uint32_t cp;
    size_t k = ppi_utf8_decode((const unsigned char *)l->s + n, l->len - (size_t)n, &cp);
    return k && ppi_is_word_char(cp) && !ppi_is_digit(cp) && ppi_lower_cp(cp) != cp;
}

/* The body line that refers to footnote `label`: a superscript digit, or
   the digit glued to the end of a word ("tỉnh2"), before line `before`. */
static size_t footnote_marker(const ppi_doc *d, size_t before, const char *label)
{
    static const char *const sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    int v = atoi(label);
    for (size_t i = before; i-- > d->body;) {
        const ppi_line *l = &d->lines[i];
        if (l->role != ROLE_NONE)
            continue;
        if (v >= 0 && v <= 9 && memmem(l->s, l->len, sup[v], strlen(sup[v])))
            return l->no;
        size_t ll = strlen(label);
        for (size_t k = 1; k + ll <= l->len; k++) {
            if (memcmp(l->s + k, label, ll) != 0)
                continue;
            unsigned char prev = (unsigned char)l->s[k - 1];
            char next = k + ll < l->len ? l->s[k + ll] : ' ';
            int letter = prev >= 0x80 || ((prev | 32) >= 'a' && (prev | 32) <= 'z'); /* a UTF-8 letter's last byte */
            if (letter && !is_digit(next) && strchr(" .,;:)", next))
                return l->no;
        }
    }
    return 0;
}

static int take_footnotes(ppi_doc *d)
{
    int want = 1, rc = PP_OK;
    for (size_t i = d->body; rc == PP_OK && i < d->end; i++) {
        if (d->lines[i].role != ROLE_NONE || !footnote_start(&d->lines[i], want))
            continue;
        ppi_buf b = {0};
        char label[16];
        snprintf(label, sizeof label, "%d", want);
        size_t k = i;
        for (; rc == PP_OK && k < d->end; k++) {
            ppi_line *l = &d->lines[k];
            const char *s = l->s;
            size_t len = l->len;
            ppi_trim(&s, &len);
            if (!len || (k > i && l->role != ROLE_NONE))
                break;
            if (k == i)
                s += strlen(label) + 1, len -= strlen(label) + 1;
            if (b.len)
                rc = ppi_buf_putc(&b, ' ');
            if (rc == PP_OK)
                rc = ppi_buf_append(&b, s, len);
            l->role = ROLE_FOOTNOTE;
        }
        pp_footnote fn = {NULL, NULL, d->lines[i].no, footnote_marker(d, i, label)};
        if (rc == PP_OK)
            fn.label = ppi_doc_str(d, label, strlen(label), &rc);
        if (rc == PP_OK)
            fn.text = ppi_doc_str(d, b.data ? b.data : "", b.len, &rc);
        if (rc == PP_OK && fn.text && !ppi_vec_push(&d->rec->footnotes, &fn))
            rc = PP_ERR_NOMEM;
        ppi_buf_free(&b);
        want++;
        i = k - 1;
    }
    return rc;
}

/* ---- paragraphs ---- */

typedef struct para {
    size_t line;
    size_t start, len; /* in the paragraph buffer */
} para;

/* The typical length of a full line, to tell a short last line (a
   heading, a paragraph's end) from a wrapped one. */
static size_t full_line_length(const ppi_doc *d)
{
    size_t hist[64] = {0}, n = 0;
    for (size_t i = d->body; i < d->end; i++)
        if (d->lines[i].role == ROLE_NONE && d->lines[i].len) {
            size_t b = d->lines[i].len / 8;
            hist[b < 63 ? b : 63]++;
            n++;
        }
    /* the 75th percentile */
    size_t acc = 0;
    for (size_t b = 0; b < 64; b++) {
        acc += hist[b];
        if (acc * 4 >= n * 3)
            return b * 8 + 4;
    }
    return 80;
}

static int build_paragraphs(ppi_doc *d, ppi_buf *text, ppi_vec *paras)
{
    size_t full = full_line_length(d);
    int rc = PP_OK, open = 0, prev_upper = 0;
    size_t prev_len = 0;
    for (size_t i = d->body; rc == PP_OK && i < d->end; i++) {
        ppi_line *l = &d->lines[i];
        if (l->role != ROLE_NONE)
            continue;
        const char *s = l->s;
        size_t len = l->len;
        ppi_trim(&s, &len);
        if (!len)
            continue;
        marker m;
        int upper = ppi_mostly_upper(s, len);
        para *last = open ? (para *)paras->data + paras->n - 1 : NULL;
        int joins = last && !read_marker(s, len, &m) && !ppi_ends_sentence(text->data + last->start, last->len) &&
                    prev_len * 10 >= full * 6 && upper == prev_upper;
        if (joins) {
            /* a word hyphenated at the line end is joined without a space */
            const char *tail = text->data + last->start + last->len;
            int hyphen = last->len >= 2 && tail[-1] == '-' && tail[-2] != ' ';
            if (hyphen)
                text->len--, last->len--;
            else
                rc = ppi_buf_putc(text, ' '), last->len++;
            if (rc == PP_OK)
                rc = ppi_buf_append(text, s, len), last->len += len;
        } else {
            para p = {l->no, text->len, len};
            rc = ppi_buf_append(text, s, len);
            if (rc == PP_OK && !ppi_vec_push(paras, &p))
                rc = PP_ERR_NOMEM;
            open = 1;
        }
        prev_len = l->len;
        prev_upper = upper;
    }
    return rc;
}

/* ---- sections ---- */

typedef struct node {
    marker m;
    size_t line;
    long parent;
    int level;
    int nth;          /* among siblings of the same kind, for paths of bullets */
    const char *heading;
    ppi_buf text;
    size_t nchildren;
    pp_section *out;
} node;

/* Heading or body: a short marked line without a sentence's end is a
   heading ("1. Mục đích"); bullets never are. */
static int is_heading(const marker *m, const char *c, size_t len)
{
    if (m->kind == PP_SECTION_DASH || m->kind == PP_SECTION_PLUS || !len)
        return 0;
    if (ppi_mostly_upper(c, len))
        return 1;
    return len <= 100 && !(c[len - 1] == '.' || c[len - 1] == ';');
}

static int append_text(ppi_buf *b, const char *s, size_t len)
{
    int rc = b->len ? ppi_buf_putc(b, '\n') : PP_OK;
    return rc ? rc : ppi_buf_append(b, s, len);
}

/* Where a new marker of kind k goes: the depth of the open level of that
   kind (a sibling), else one below the deepest open level. */
static int place(const pp_section_kind *stack, int depth, pp_section_kind k)
{
    for (int i = 0; i < depth; i++)
        if (stack[i] == k)
            return i;
    return depth;
}

#define MAX_DEPTH 16

static int build_nodes(ppi_doc *d, const ppi_buf *text, const ppi_vec *paras, ppi_vec *nodes, ppi_buf *preamble)
{
    pp_section_kind stack[MAX_DEPTH];
    long open[MAX_DEPTH];
    int depth = 0, rc = PP_OK;
    for (size_t p = 0; rc == PP_OK && p < paras->n; p++) {
        const para *pa = (const para *)paras->data + p;
        const char *s = text->data + pa->start;
        marker m;
        if (!read_marker(s, pa->len, &m)) {
            if (depth)
                rc = append_text(&((node *)nodes->data)[open[depth - 1]].text, s, pa->len);
            else
                rc = append_text(preamble, s, pa->len);
            continue;
        }
        int at = place(stack, depth, m.kind);
        if (at >= MAX_DEPTH)
            at = MAX_DEPTH - 1;
        node nd = {m, pa->line, at ? open[at - 1] : -1, at + 1, 1, NULL, {0}, 0, NULL};
        /* count earlier siblings of the same kind */
        for (size_t k = nodes->n; k-- > 0;) {
            const node *o = (const node *)nodes->data + k;
            if (o->parent == nd.parent && o->m.kind == m.kind) {
                nd.nth = o->nth + 1;
                break;
            }
        }
        const char *c = s + m.content;
        size_t cl = pa->len - m.content;
        if (is_heading(&m, c, cl)) {
            while (cl && c[cl - 1] == ':')
                cl--;
            nd.heading = ppi_doc_str(d, c, cl, &rc);
        } else if (cl) {
            rc = append_text(&nd.text, c, cl);
        }
        if (rc == PP_OK && !ppi_vec_push(nodes, &nd))
            rc = PP_ERR_NOMEM;
        if (rc == PP_OK && nd.parent >= 0)
            ((node *)nodes->data)[nd.parent].nchildren++;
        stack[at] = m.kind;
        open[at] = (long)nodes->n - 1;
        depth = at + 1;
    }
    return rc;
}

/* The path of a node: its parent's, a dot, its label ("II.2.a"); bullets
   are numbered ("II.2.a.-3"); articles read "Điều 1". */
static int node_path(ppi_buf *b, const node *nodes, const node *nd)
{
    int rc = PP_OK;
    if (nd->parent >= 0) {
        rc = node_path(b, nodes, &nodes[nd->parent]);
        if (rc == PP_OK)
            rc = ppi_buf_putc(b, '.');
    }
    char seg[40];
    if (nd->m.kind == PP_SECTION_DASH || nd->m.kind == PP_SECTION_PLUS)
        snprintf(seg, sizeof seg, "%s%d", nd->m.label, nd->nth);
    else if (nd->m.kind == PP_SECTION_ARTICLE)
        snprintf(seg, sizeof seg, "Điều %s", nd->m.label);
    else
        snprintf(seg, sizeof seg, "%s", nd->m.label);
    return rc ? rc : ppi_buf_append(b, seg, strlen(seg));
}

/* Lays the nodes out as nested arrays in the record's arena. */
static int emit_sections(ppi_doc *d, node *nodes, size_t n)
{
    ppi_arena *a = &d->rec->arena;
    size_t top = 0;
    for (size_t i = 0; i < n; i++)
        top += nodes[i].parent < 0;
    pp_section *tops = top ? ppi_arena_alloc(a, top * sizeof *tops) : NULL;
    if (top && !tops)
        return PP_ERR_NOMEM;
    size_t *fill = calloc(n + 1, sizeof *fill);
    pp_section **kids = calloc(n + 1, sizeof *kids);
    int rc = fill && kids ? PP_OK : PP_ERR_NOMEM;
    for (size_t i = 0; rc == PP_OK && i < n; i++)
        if (nodes[i].nchildren && !(kids[i] = ppi_arena_alloc(a, nodes[i].nchildren * sizeof(pp_section))))
            rc = PP_ERR_NOMEM;
    size_t ntop = 0;
    ppi_buf path = {0};
    for (size_t i = 0; rc == PP_OK && i < n; i++) {
        node *nd = &nodes[i];
        pp_section *s = nd->parent < 0 ? &tops[ntop++] : &kids[nd->parent][fill[nd->parent]++];
        path.len = 0;
        rc = node_path(&path, nodes, nd);
        s->kind = nd->m.kind;
        s->level = nd->level;
        s->line = nd->line;
        s->heading = nd->heading;
        s->children = kids[i];
        s->nchildren = nd->nchildren;
        if (rc == PP_OK && !(s->label = ppi_arena_strndup(a, nd->m.label, strlen(nd->m.label))))
            rc = PP_ERR_NOMEM;
        if (rc == PP_OK && !(s->path = ppi_arena_strndup(a, path.data, path.len)))
            rc = PP_ERR_NOMEM;
        if (rc == PP_OK && !(s->text = ppi_arena_strndup(a, nd->text.data ? nd->text.data : "", nd->text.len)))
            rc = PP_ERR_NOMEM;
    }
    ppi_buf_free(&path);
    free(fill);
    free(kids);
    if (rc == PP_OK) {
        d->rec->sections = tops;
        d->rec->nsections = top;
    }
    return rc;
}

int ppi_parse_body(ppi_doc *d)
{
    mark_page_furniture(d);
    int rc = take_footnotes(d);
    ppi_buf text = {0}, preamble = {0};
    ppi_vec paras = {NULL, 0, 0, sizeof(para)}, nodes = {NULL, 0, 0, sizeof(node)};
    if (rc == PP_OK)
        rc = build_paragraphs(d, &text, &paras);
    if (rc == PP_OK)
        rc = build_nodes(d, &text, &paras, &nodes, &preamble);
    if (rc == PP_OK)
        rc = emit_sections(d, nodes.data, nodes.n);
    if (rc == PP_OK && preamble.len)
        d->rec->preamble = ppi_doc_str(d, preamble.data, preamble.len, &rc);
    if (rc == PP_OK && !nodes.n)
        rc = ppi_doc_warn(d, "body: no numbered sections found");
    for (size_t i = 0; i < nodes.n; i++)
        ppi_buf_free(&((node *)nodes.data)[i].text);
    ppi_vec_free(&nodes);
    ppi_vec_free(&paras);
    ppi_buf_free(&text);
    ppi_buf_free(&preamble);
    return rc;
}
