/*
 * agencies.c - the agencies a document names, with their roles and duties.
 *
 * An agency is a head ("Ủy ban nhân dân", "UBND", "Sở", "Phòng", "Đài" ...)
 * with a name (dict/agency-names.tsv, or a run of capitalised words) and
 * a place ("tỉnh Kon Tum", "thành phố", "huyện"). Its canonical name has
 * the abbreviations of dict/abbreviations.tsv expanded ("Đài PTTH tỉnh" ->
 * "Đài Phát thanh và Truyền hình tỉnh"). Mentions of one body merge: a
 * mention without a place joins the agency of the same name that has one
 * ("Sở Nội vụ" and "Sở Nội vụ tỉnh Quảng Ninh").
 *
 * Roles: issuer (the header's agency), recipient (Nơi nhận), lead (the
 * subject of "chủ trì", or the agency heading the section when the clause
 * has none; "Cơ quan chủ trì" table columns) and cooperate (the subject of
 * "phối hợp", the partners after "chủ trì, phối hợp với", "Cơ quan phối
 * hợp" columns). Sections under "Tổ chức thực hiện" headed by an agency
 * are its duties.
 */
#include "extract.h"

#include "../core/tables.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Heads that are a whole name, longest first. */
static const char *const fixed_heads[] = {
    "UY BAN MAT TRAN TO QUOC VIET NAM", "UY BAN MAT TRAN TO QUOC", "UY BAN MTTQ VIET NAM", "UY BAN MTTQ VN",
    "UY BAN MTTQ", "UBMTTQ VIET NAM", "UBMTTQ VN", "UBMTTQ", "MAT TRAN TO QUOC VIET NAM", "MAT TRAN TO QUOC",
    "MTTQ VIET NAM", "MTTQ VN", "MTTQ", "UY BAN NHAN DAN",
    "UBND", "HOI DONG NHAN DAN", "HDND", "CHINH PHU", "QUOC HOI", "TINH UY", "THANH UY", "HUYEN UY", "DANG UY",
    "BAN CHAP HANH DANG BO"};

/* Place levels, longest first. */
static const char *const levels[] = {"THANH PHO", "THI XA", "THI TRAN", "TINH", "HUYEN", "QUAN", "XA", "PHUONG",
                                     "TP"};

typedef struct match {
    size_t a, name_end;  /* head and name: words a..name_end */
    size_t lvl_a, lvl_n; /* level words (lvl_n = 0: none) */
    size_t plc_a, plc_n; /* place name words */
    size_t plc_row;      /* the place's row in the gazetteer, SIZE_MAX if none */
    size_t end;          /* last word */
    int group;
} match;

static size_t level_at(const ppi_xtext *x, size_t i)
{
    for (size_t l = 0; l < sizeof levels / sizeof levels[0]; l++) {
        size_t k = ppi_x_phrase(x, i, levels[l]);
        if (k && !strcmp(levels[l], "XA") && ppi_xw_is(x, i + 1, "HOI")) /* "xã hội" */
            return 0;
        if (k && !strcmp(levels[l], "QUAN") && i > 0 && ppi_xw_is(x, i - 1, "LIEN")) /* "liên quan" */
            return 0;
        if (k)
            return k + (!strcmp(levels[l], "TP") && ppi_xw_punct(x, i + 1, '.'));
    }
    return 0;
}

/* 1 if word i starts an agency head (so a name or place stops there). */
static int is_head_word(const ppi_xtext *x, size_t i)
{
    for (size_t h = 0; h < sizeof fixed_heads / sizeof fixed_heads[0]; h++)
        if (ppi_x_phrase(x, i, fixed_heads[h]))
            return 1;
    for (size_t r = 0; r < ppi_tbl_agency_names_rows; r++)
        if (ppi_x_phrase(x, i, x->dict->head[r]))
            return 1;
    return 0;
}

static int cap_word(const ppi_xtext *x, size_t i)
{
    return i < x->n && x->w[i].kind == PP_TOK_WORD && (x->w[i].flags & PPI_XW_CAP) && !level_at(x, i) &&
           !is_head_word(x, i);
}

/* Words that end a name even in lower case. */
static int name_stop(const ppi_xtext *x, size_t i)
{
    static const char *const stops[] = {"VA", "CAC", "CHU", "PHOI", "THUC", "TO", "VE", "CUA", "TRONG", "THEO",
                                        "HUONG", "TAI", "DE", "CO", "LA", "DUOC", "DA", "SE", "VOI", "NHAM"};
    for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++)
        if (ppi_xw_is(x, i, stops[k]))
            return 1;
    return level_at(x, i) || is_head_word(x, i);
}

/* A name's words from i: capitalised syllables, each with at most one
   lower-case syllable after it ("Tổ chức", "Văn hóa"), joined by "và" or
   "-" between capitals, on one line, at most max: returns how many. */
static size_t cap_run(const ppi_xtext *x, size_t i, size_t max)
{
    size_t k = 0;
    int after_cap = 0; /* the previous word of the run was a capital */
    while (k < max && cap_word(x, i + k) && (k == 0 || !(x->w[i + k].flags & PPI_XW_NL))) {
        k++;
        if (!after_cap && i + k < x->n && x->w[i + k].kind == PP_TOK_WORD &&
            !(x->w[i + k].flags & (PPI_XW_CAP | PPI_XW_NL)) && !name_stop(x, i + k)) {
            k++;
            after_cap = 0;
        } else {
            after_cap = 1;
        }
        if ((ppi_xw_is(x, i + k, "VA") || ppi_xw_punct(x, i + k, '-')) && cap_word(x, i + k + 1) &&
            !(x->w[i + k + 1].flags & PPI_XW_NL)) {
            k++;
            after_cap = 0;
        }
    }
    return k;
}

/* A place after a level word: a province or district of the gazetteer
   ("tỉnh Kon Tum", "thành phố Uông Bí"; its row in *row, else SIZE_MAX),
   or for a commune level any capitalised words on the line ("xã Thạch
   Long"). The words taken. */
static size_t place_at(const ppi_xtext *x, size_t i, int commune, size_t *row)
{
    size_t best = 0;
    *row = SIZE_MAX;
    for (size_t g = 0; g < ppi_tbl_gazetteer_rows; g++) {
        size_t k = ppi_x_phrase(x, i, x->dict->place[g]);
        if (k > best && !(x->w[i].flags & PPI_XW_NL) && (x->w[i].flags & PPI_XW_CAP)) {
            best = k;
            *row = g;
        }
    }
    if (best || !commune || i >= x->n || (x->w[i].flags & PPI_XW_NL))
        return best;
    size_t k = 0;
    while (k < 4 && cap_word(x, i + k) && (k == 0 || !(x->w[i + k].flags & PPI_XW_NL)))
        k++;
    return k;
}

/* "(UBND)" after a head: the words to skip. */
static size_t abbreviation_aside(const ppi_xtext *x, size_t i)
{
    return ppi_xw_punct(x, i, '(') && i + 2 < x->n && (x->w[i + 1].flags & PPI_XW_UPPER) && ppi_xw_punct(x, i + 2, ')')
               ? 3
               : 0;
}

/* Heads whose names the table lists in full: the departments of a
   province ("Sở") and the ministries ("Bộ"). OCR debris after them ("Sở
   Nợ") is not a new department. */
static int closed_head(const ppi_xtext *x, size_t i)
{
    return ppi_xw_is(x, i, "SO") || ppi_xw_is(x, i, "BO");
}

/* Head and name from word i: the words they take. */
static size_t head_and_name(const ppi_xtext *x, size_t i)
{
    for (size_t h = 0; h < sizeof fixed_heads / sizeof fixed_heads[0]; h++) {
        size_t k = ppi_x_phrase(x, i, fixed_heads[h]);
        if (k)
            return k;
    }
    size_t best = 0;
    for (size_t r = 0; r < ppi_tbl_agency_names_rows; r++) {
        size_t k = ppi_x_phrase(x, i, x->dict->head[r]);
        if (!k)
            continue;
        const char *name = x->dict->name[r];
        size_t n = *name ? ppi_x_phrase(x, i + k, name) : 0;
        if (n && k + n > best)
            best = k + n;
        else if (!closed_head(x, i) && (!*name || !n)) {
            /* a name the table does not know: capitalised words */
            size_t c = cap_run(x, i + k, 6);
            if ((c || !*name) && k + c > best)
                best = k + c;
        }
    }
    return best;
}

/* What a name may carry after it as part of itself: the party committee
   of a Ban ("Ban Tuyên giáo Tỉnh ủy") or the ministry of a Vụ or Cục
   ("Vụ CCHC - Bộ Nội vụ", "Vụ Cải cách hành chính, Bộ Nội vụ"). */
static size_t name_suffix(const ppi_xtext *x, size_t head, size_t i)
{
    static const char *const committees[] = {"TINH UY", "THANH UY", "HUYEN UY", "DANG UY"};
    if (ppi_xw_is(x, head, "BAN"))
        for (size_t c = 0; c < sizeof committees / sizeof committees[0]; c++)
            if (ppi_x_phrase(x, i, committees[c]))
                return 2;
    if ((ppi_xw_is(x, head, "VU") || ppi_xw_is(x, head, "CUC")) &&
        (ppi_xw_punct(x, i, '-') || ppi_xw_punct(x, i, ',')) && ppi_xw_is(x, i + 1, "BO") &&
        (x->w[i + 1].flags & PPI_XW_CAP)) {
        size_t k = head_and_name(x, i + 1);
        return k > 1 ? k + 1 : 0;
    }
    return 0;
}

/* "các xã, phường, thị trấn", "cấp huyện": a group; the words taken. */
static size_t group_tail(const ppi_xtext *x, size_t i)
{
    if (!ppi_xw_is(x, i, "CAC") && !ppi_xw_is(x, i, "CAP"))
        return 0;
    size_t k = 1, l;
    while ((l = level_at(x, i + k))) {
        k += l;
        if ((ppi_xw_punct(x, i + k, ',') || ppi_xw_is(x, i + k, "VA")) && level_at(x, i + k + 1))
            k++;
        else
            break;
    }
    return k > 1 ? k : 0;
}

/* 1 if the words before i make the agency an office or a medium:
   "Thủ tướng Chính phủ", "hệ thống Đài truyền thanh". */
static int excluded_by_context(const ppi_xtext *x, size_t i)
{
    return (i >= 2 && ppi_x_phrase(x, i - 2, "THU TUONG CHINH PHU")) || (i >= 2 && ppi_x_phrase(x, i - 2, "HE THONG"));
}

/* "Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội thành phố":
   the level at the end of a list that starts with the agency is its own. */
static void far_level(const ppi_xtext *x, size_t j, match *m)
{
    if (!ppi_x_phrase(x, j, "VA CAC"))
        return;
    for (size_t k = j + 2; k < x->n && k < j + 10; k++) {
        if (x->w[k].kind == PP_TOK_PUNCT && x->text[x->w[k].off] != '-')
            return;
        size_t l = level_at(x, k);
        if (l) {
            m->lvl_a = k;
            m->lvl_n = l;
            return;
        }
    }
}

static int agency_match(const ppi_xtext *x, size_t i, int in_text, match *m)
{
    memset(m, 0, sizeof *m);
    m->plc_row = SIZE_MAX;
    if (i >= x->n || x->w[i].kind != PP_TOK_WORD || !(x->w[i].flags & PPI_XW_CAP) ||
        (in_text && excluded_by_context(x, i)))
        return 0;
    size_t k = head_and_name(x, i);
    if (!k)
        return 0;
    k += name_suffix(x, i, i + k);
    m->a = i;
    m->name_end = i + k - 1;
    size_t j = i + k;
    j += abbreviation_aside(x, j);
    size_t g = group_tail(x, j);
    if (g) {
        m->group = 1;
        m->end = j + g - 1;
        return 1;
    }
    size_t l = level_at(x, j);
    if (l) {
        m->lvl_a = j;
        m->lvl_n = l;
        m->plc_a = j + l;
        m->plc_n =
            place_at(x, j + l, ppi_xw_is(x, j, "XA") || ppi_xw_is(x, j, "PHUONG") || ppi_x_phrase(x, j, "THI TRAN"),
                     &m->plc_row);
        j += l + m->plc_n;
    }
    m->end = j - 1;
    if (!l)
        far_level(x, j, m);
    /* a head alone ("Bưu điện", "Công an") must have a place */
    return k > 1 || l || m->name_end > i || ppi_xw_is(x, i, "UBND") || ppi_xw_is(x, i, "HDND");
}

int ppi_x_agency_at(const ppi_xtext *x, size_t i, size_t *end)
{
    match m;
    if (!agency_match(x, i, 0, &m))
        return 0;
    *end = m.end;
    return 1;
}

/* ---- canonical names ---- */

static const char *expansion(const char *s, size_t len)
{
    for (size_t r = 0; r < ppi_tbl_abbreviations_rows; r++) {
        const char *a = PPI_CELL(abbreviations, r, 0);
        if (strlen(a) == len && memcmp(a, s, len) == 0 && !strcmp(PPI_CELL(abbreviations, r, 2), "agency"))
            return PPI_CELL(abbreviations, r, 1);
    }
    return NULL;
}

/* Words a..b with abbreviations expanded and "(UBND)" asides left out.
   The Front named alone ("MTTQ và các đoàn thể") is its committee. */
static int canonical_words(ppi_buf *out, const ppi_xtext *x, size_t a, size_t b)
{
    int rc = PP_OK;
    if (ppi_xw_is(x, a, "MTTQ") || ppi_x_phrase(x, a, "MAT TRAN TO QUOC"))
        rc = ppi_buf_append(out, "Ủy ban", strlen("Ủy ban"));
    for (size_t i = a; rc == PP_OK && i <= b && i < x->n; i++) {
        size_t skip = abbreviation_aside(x, i);
        if (skip) {
            i += skip - 1;
            continue;
        }
        const ppi_xw *w = &x->w[i];
        const char *s = x->text + w->off;
        const char *exp = w->kind == PP_TOK_WORD ? expansion(s, w->len) : NULL;
        int glue = w->kind == PP_TOK_PUNCT && (*s == ',' || *s == '.');
        if (out->len && !glue)
            rc = ppi_buf_putc(out, ' ');
        if (rc == PP_OK)
            rc = exp ? ppi_buf_append(out, exp, strlen(exp)) : ppi_buf_append(out, s, w->len);
    }
    return rc;
}

/* ---- agencies being built ---- */

typedef struct xagency {
    ppi_buf core, level, place; /* folded, for merging */
    const char *name, *printed, *level_text, *place_text;
    const char *province; /* of the place, from the gazetteer */
    size_t printed_len;
    unsigned roles;
    size_t mentions, line;
    int group;
    ppi_vec duties; /* pp_duty */
} xagency;

typedef struct mention {
    size_t a, end; /* words */
    size_t agency;
} mention;

typedef struct builder {
    ppi_xstate *e;
    ppi_vec agencies; /* xagency */
    ppi_vec mentions; /* mention (of the text only) */
    ppi_buf tmp;
} builder;

static int fold_into(ppi_buf *out, const char *s, size_t len)
{
    ppi_folded f;
    ppi_fold_text(&f, s, len);
    out->len = 0;
    return ppi_buf_append(out, f.f, f.n);
}

static int same(const ppi_buf *a, const ppi_buf *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

/* The agency a mention with these keys belongs to, SIZE_MAX if new. */
static size_t find_agency(builder *b, const ppi_buf *core, const ppi_buf *level, const ppi_buf *place, int group)
{
    xagency *v = b->agencies.data;
    for (size_t i = 0; i < b->agencies.n; i++) {
        if (!same(&v[i].core, core) || v[i].group != group)
            continue;
        if (same(&v[i].level, level) && same(&v[i].place, place))
            return i;
        if (!level->len || !v[i].level.len)
            return i;
        if (same(&v[i].level, level) && (!place->len || !v[i].place.len))
            return i;
    }
    return SIZE_MAX;
}

static const char *arena_copy(builder *b, const char *s, size_t len, int *rc)
{
    const char *p = ppi_arena_strndup(&b->e->rec->arena, s, len);
    if (!p)
        *rc = PP_ERR_NOMEM;
    return p;
}

/* The bytes of words a..a+n-1 appended to out, after a space unless out
   is empty; line ends and runs of spaces become one space. */
static int append_words(ppi_buf *out, const ppi_xtext *x, size_t a, size_t n)
{
    if (!n)
        return PP_OK;
    size_t from = x->w[a].off, to = x->w[a + n - 1].off + x->w[a + n - 1].len;
    int rc = out->len ? ppi_buf_putc(out, ' ') : PP_OK;
    for (size_t i = from; rc == PP_OK && i < to; i++) {
        char c = x->text[i] == '\n' || x->text[i] == '\r' || x->text[i] == '\t' ? ' ' : x->text[i];
        if (c != ' ' || (out->len && out->data[out->len - 1] != ' '))
            rc = ppi_buf_putc(out, c);
    }
    return rc;
}

/* Sets the agency's texts from a mention that says more than before. */
static int describe(builder *b, xagency *g, const ppi_xtext *x, const match *m, size_t printed_len)
{
    b->tmp.len = 0;
    int rc = canonical_words(&b->tmp, x, m->a, m->name_end);
    if (rc == PP_OK && !m->group)
        rc = append_words(&b->tmp, x, m->lvl_a, m->lvl_n);
    if (rc == PP_OK && !m->group)
        rc = append_words(&b->tmp, x, m->plc_a, m->plc_n);
    if (rc == PP_OK && m->group)
        rc = canonical_words(&b->tmp, x, m->name_end + 1, m->end);
    if (rc == PP_OK)
        g->name = arena_copy(b, b->tmp.data, b->tmp.len, &rc);
    if (rc == PP_OK)
        g->printed = ppi_x_span(b->e->rec, x, m->a, m->end, &rc);
    g->printed_len = printed_len;
    if (rc == PP_OK && m->lvl_n)
        g->level_text = ppi_x_span(b->e->rec, x, m->lvl_a, m->lvl_a + m->lvl_n - 1, &rc);
    if (rc == PP_OK && m->plc_n)
        g->place_text = ppi_x_span(b->e->rec, x, m->plc_a, m->plc_a + m->plc_n - 1, &rc);
    if (m->plc_row != SIZE_MAX)
        g->province = PPI_CELL(gazetteer, m->plc_row, 3);
    return rc;
}

/* The folded words a..a+n-1, one space between words. */
static int fold_words(builder *b, ppi_buf *out, const ppi_xtext *x, size_t a, size_t n)
{
    b->tmp.len = 0;
    int rc = append_words(&b->tmp, x, a, n);
    return rc ? rc : fold_into(out, b->tmp.data, b->tmp.len);
}

/* Adds a mention found in x (counted when count is set); *index is its
   agency. */
static int add_mention(builder *b, const ppi_xtext *x, const match *m, int count, size_t *index)
{
    ppi_buf core = {0}, level = {0}, place = {0};
    b->tmp.len = 0;
    int rc = canonical_words(&b->tmp, x, m->a, m->group ? m->end : m->name_end);
    if (rc == PP_OK)
        rc = fold_into(&core, b->tmp.data, b->tmp.len);
    if (rc == PP_OK && m->lvl_n)
        rc = fold_words(b, &level, x, m->lvl_a, m->lvl_n);
    if (rc == PP_OK && m->plc_n)
        rc = fold_words(b, &place, x, m->plc_a, m->plc_n);
    if (rc == PP_OK &&
        ((level.len == 3 && !memcmp(level.data, "TP.", 3)) || (level.len == 2 && !memcmp(level.data, "TP", 2)))) {
        level.len = 0; /* "TP." is "thành phố" */
        rc = ppi_buf_append(&level, "THANH PHO", 9);
    }
    size_t printed_len = x->w[m->end].off + x->w[m->end].len - x->w[m->a].off;
    size_t i = rc == PP_OK ? find_agency(b, &core, &level, &place, m->group) : SIZE_MAX;
    if (rc == PP_OK && i == SIZE_MAX) {
        xagency g = {0};
        g.core = core;
        g.level = level;
        g.place = place;
        core = level = place = (ppi_buf){0};
        g.line = x->w[m->a].line;
        g.group = m->group;
        g.duties.elem = sizeof(pp_duty);
        rc = describe(b, &g, x, m, printed_len);
        if (rc == PP_OK && !ppi_vec_push(&b->agencies, &g))
            rc = PP_ERR_NOMEM;
        if (rc != PP_OK) {
            ppi_buf_free(&g.core);
            ppi_buf_free(&g.level);
            ppi_buf_free(&g.place);
        }
        i = b->agencies.n - 1;
    } else if (rc == PP_OK) {
        xagency *g = &((xagency *)b->agencies.data)[i];
        int fuller = (level.len && !g->level.len) || (place.len && !g->place.len);
        if (fuller) {
            ppi_buf_free(&g->level);
            ppi_buf_free(&g->place);
            g->level = level;
            g->place = place;
            level = place = (ppi_buf){0};
        }
        if (fuller || (printed_len > g->printed_len && !(x->w[m->a].flags & PPI_XW_UPLINE)))
            rc = describe(b, g, x, m, printed_len);
    }
    ppi_buf_free(&core);
    ppi_buf_free(&level);
    ppi_buf_free(&place);
    if (rc == PP_OK) {
        ((xagency *)b->agencies.data)[i].mentions += count != 0;
        *index = i;
    }
    return rc;
}

/* 1 if a person's office comes just before word i ("CT, PCT UBND tỉnh",
   "Chủ tịch UBND tỉnh", "LĐVP"): the person receives, not the agency; or
   "thuộc" ("các phòng chuyên môn thuộc UBND"): its units do. */
static int person_before(const ppi_xtext *x, size_t i)
{
    static const char *const offices[] = {"CT", "PCT", "TICH", "LDVP", "DAO", "GIAM DOC", "THUOC"};
    for (size_t k = i; k > 0 && i - k < 2; k--)
        for (size_t o = 0; o < sizeof offices / sizeof offices[0]; o++)
            if (ppi_x_phrase(x, k - 1, offices[o]))
                return 1;
    return 0;
}

/* Every agency in a string (a recipient item, a table cell, the header's
   issuer), given roles; mentions are counted when count is set (the text
   scan has counted the lines of recipients and tables already). */
static int scan_string(builder *b, const char *s, unsigned roles, int count)
{
    ppi_xtext x;
    int rc = ppi_xtext_init(&x, s, strlen(s), 1, b->e->x.dict);
    for (size_t i = 0; rc == PP_OK && i < x.n; i++) {
        match m;
        size_t idx;
        if (!agency_match(&x, i, 1, &m))
            continue;
        rc = add_mention(b, &x, &m, count, &idx);
        if (rc == PP_OK && !(roles == PP_ROLE_RECIPIENT && person_before(&x, i)))
            ((xagency *)b->agencies.data)[idx].roles |= roles;
        i = m.end;
    }
    ppi_xtext_free(&x);
    return rc;
}

/* ---- roles in the text ---- */

/* 1 if word i ends a clause: . ; : or a new bullet or number at a line start. */
static int clause_break(const ppi_xtext *x, size_t i)
{
    const ppi_xw *w = &x->w[i];
    if (w->kind == PP_TOK_PUNCT && strchr(".;:", x->text[w->off]))
        return 1;
    return (w->flags & PPI_XW_NL) &&
           ((w->kind == PP_TOK_PUNCT && strchr("-+", x->text[w->off])) || w->kind == PP_TOK_NUMBER);
}

/* The mention that starts line after its section marker ("2. Trung tâm
   ...", "a) Phòng ...", "- Sở Nội vụ ..."), or SIZE_MAX. */
static size_t line_lead_mention(builder *b, size_t line)
{
    const ppi_xtext *x = &b->e->x;
    const mention *ms = b->mentions.data;
    for (size_t k = 0; k < b->mentions.n; k++) {
        size_t a = ms[k].a;
        if (x->w[a].line != line)
            continue;
        size_t first = a;
        while (first > 0 && x->w[first - 1].line == line &&
               (x->w[first - 1].kind != PP_TOK_WORD || strlen(x->w[first - 1].fold) == 1))
            first--;
        return first > 0 && x->w[first - 1].line == line ? SIZE_MAX : k;
    }
    return SIZE_MAX;
}

/* The agency heading the section of line: the nearest enclosing section
   whose marker line starts with an agency; SIZE_MAX if none. */
static size_t heading_agency(builder *b, size_t line)
{
    const pp_section *chain[PPI_MAX_DEPTH];
    size_t n = ppi_x_sections_at(b->e, line, chain);
    while (n-- > 0) {
        size_t k = line_lead_mention(b, chain[n]->line);
        if (k != SIZE_MAX)
            return ((const mention *)b->mentions.data)[k].agency;
    }
    return SIZE_MAX;
}

static void give(builder *b, size_t agency, unsigned role)
{
    if (agency != SIZE_MAX)
        ((xagency *)b->agencies.data)[agency].roles |= role;
}

/* Roles in the clause of words [a, z): who chủ trì, who phối hợp. */
static void clause_roles(builder *b, size_t a, size_t z, size_t *mi)
{
    const ppi_xtext *x = &b->e->x;
    const mention *ms = b->mentions.data;
    size_t subject = SIZE_MAX;
    int led = 0, partners = 0;
    for (size_t i = a; i < z; i++) {
        if (*mi < b->mentions.n && ms[*mi].a == i) {
            if (partners)
                give(b, ms[*mi].agency, PP_ROLE_COOPERATE);
            else
                subject = ms[*mi].agency;
            i = ms[(*mi)++].end;
            continue;
        }
        if (ppi_x_phrase(x, i, "CHU TRI")) {
            size_t who = subject != SIZE_MAX ? subject : heading_agency(b, x->w[i].line);
            give(b, who, PP_ROLE_LEAD);
            led = 1;
        } else if (ppi_x_phrase(x, i, "PHOI HOP")) {
            if (led) {
                partners = 1;
            } else {
                size_t who = subject != SIZE_MAX ? subject : heading_agency(b, x->w[i].line);
                give(b, who, PP_ROLE_COOPERATE);
            }
        }
    }
}

static void text_roles(builder *b)
{
    const ppi_xtext *x = &b->e->x;
    size_t mi = 0;
    for (size_t a = 0, z; a < x->n; a = z) {
        for (z = a + 1; z < x->n && !clause_break(x, z); z++)
            ;
        if (clause_break(x, a) && x->w[a].kind == PP_TOK_PUNCT)
            a++;
        while (mi < b->mentions.n && ((mention *)b->mentions.data)[mi].a < a)
            mi++;
        clause_roles(b, a, z, &mi);
    }
}

/* "Cơ quan chủ trì" / "Cơ quan phối hợp" columns of a record's tables. */
static int table_roles(builder *b, const pp_record *r)
{
    int rc = PP_OK;
    const pp_table *t = r->tables.data;
    for (size_t ti = 0; rc == PP_OK && ti < r->tables.n; ti++) {
        for (size_t c = 0; rc == PP_OK && c < t[ti].ncols && t[ti].nrows; c++) {
            ppi_folded f;
            const char *h = t[ti].cells[c] ? t[ti].cells[c] : "";
            ppi_fold_text(&f, h, strlen(h));
            unsigned role = strstr(f.f, "CHU TRI") ? PP_ROLE_LEAD : strstr(f.f, "PHOI HOP") ? PP_ROLE_COOPERATE : 0;
            for (size_t row = 1; role && rc == PP_OK && row < t[ti].nrows; row++) {
                const char *cell = t[ti].cells[row * t[ti].ncols + c];
                if (cell)
                    rc = scan_string(b, cell, role, 0);
            }
        }
    }
    for (size_t i = 0; rc == PP_OK && i < r->attachments.n; i++)
        rc = table_roles(b, ((pp_record **)r->attachments.data)[i]);
    return rc;
}

/* ---- duties ---- */

static int under_implementation(const pp_section *const *chain, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!chain[i]->heading)
            continue;
        ppi_folded f;
        ppi_fold_text(&f, chain[i]->heading, strlen(chain[i]->heading));
        if (strstr(f.f, "TO CHUC THUC HIEN"))
            return 1;
    }
    return 0;
}

/* A section under "Tổ chức thực hiện" whose marker line starts with an
   agency ("3. Phòng Văn hóa và Thông tin", "- Sở Nội vụ chủ trì ...") sets
   that agency's duties. */
static int duties(builder *b)
{
    const ppi_xtext *x = &b->e->x;
    const mention *ms = b->mentions.data;
    int rc = PP_OK;
    for (size_t k = 0; rc == PP_OK && k < b->mentions.n; k++) {
        size_t line = x->w[ms[k].a].line;
        const pp_section *chain[PPI_MAX_DEPTH];
        size_t n = ppi_x_sections_at(b->e, line, chain);
        if (!n || chain[n - 1]->line != line || !under_implementation(chain, n - 1) || line_lead_mention(b, line) != k)
            continue;
        const pp_section *s = chain[n - 1];
        pp_duty d = {s->path, s->heading && *s->text ? s->text : s->heading ? s->heading : s->text};
        xagency *g = &((xagency *)b->agencies.data)[ms[k].agency];
        if (!ppi_vec_push(&g->duties, &d))
            rc = PP_ERR_NOMEM;
    }
    return rc;
}

/* ---- the issuer ---- */

/* The header's issuer; or, when the header names none, the agency that
   "ban hành" / "xây dựng" the document in its first lines. */
static int issuer(builder *b)
{
    const pp_record *r = b->e->rec;
    if (r->header.issuer) {
        size_t before = b->agencies.n;
        int rc = scan_string(b, r->header.issuer, PP_ROLE_ISSUER, 1);
        if (rc == PP_OK && b->agencies.n > before)
            ((xagency *)b->agencies.data)[before].line = 1;
        return rc;
    }
    const ppi_xtext *x = &b->e->x;
    const mention *ms = b->mentions.data;
    for (size_t k = 0; k < b->mentions.n; k++) {
        size_t j = ms[k].end + 1;
        if (ppi_x_phrase(x, j, "BAN HANH") || ppi_x_phrase(x, j, "XAY DUNG")) {
            give(b, ms[k].agency, PP_ROLE_ISSUER);
            break;
        }
    }
    return PP_OK;
}

/* ---- into the record ---- */

static int store(builder *b)
{
    pp_record *r = b->e->rec;
    xagency *v = b->agencies.data;
    for (size_t i = 0; i < b->agencies.n; i++) {
        pp_agency a = {0};
        a.name = v[i].name;
        a.printed = v[i].printed;
        a.level = v[i].level_text;
        a.place = v[i].place_text;
        a.roles = v[i].roles;
        a.mentions = v[i].mentions ? v[i].mentions : 1; /* named only in a list printed in capitals */
        a.line = v[i].line;
        a.group = v[i].group;
        a.province = v[i].province;
        if (v[i].duties.n) {
            pp_duty *d = ppi_arena_alloc(&r->arena, sizeof *d * v[i].duties.n);
            if (!d)
                return PP_ERR_NOMEM;
            memcpy(d, v[i].duties.data, sizeof *d * v[i].duties.n);
            a.duties = d;
            a.nduties = v[i].duties.n;
        }
        if (!ppi_vec_push(&r->agencies, &a))
            return PP_ERR_NOMEM;
    }
    return PP_OK;
}

static void builder_free(builder *b)
{
    xagency *v = b->agencies.data;
    for (size_t i = 0; i < b->agencies.n; i++) {
        ppi_buf_free(&v[i].core);
        ppi_buf_free(&v[i].level);
        ppi_buf_free(&v[i].place);
        ppi_vec_free(&v[i].duties);
    }
    ppi_vec_free(&b->agencies);
    ppi_vec_free(&b->mentions);
    ppi_buf_free(&b->tmp);
}

/* Mentions in the text, outside lines printed in capitals. */
static int text_mentions(builder *b)
{
    const ppi_xtext *x = &b->e->x;
    int rc = PP_OK;
    for (size_t i = 0; rc == PP_OK && i < x->n; i++) {
        match m;
        if ((x->w[i].flags & PPI_XW_UPLINE) || !agency_match(x, i, 1, &m))
            continue;
        mention mt = {m.a, m.end, 0};
        rc = add_mention(b, x, &m, 1, &mt.agency);
        if (rc == PP_OK && !ppi_vec_push(&b->mentions, &mt))
            rc = PP_ERR_NOMEM;
        i = m.end;
    }
    return rc;
}

int ppi_extract_agencies(ppi_xstate *e)
{
    builder b = {e, {0}, {0}, {0}};
    b.agencies.elem = sizeof(xagency);
    b.mentions.elem = sizeof(mention);
    const pp_record *r = e->rec;
    int rc = r->header.issuer ? issuer(&b) : PP_OK;
    if (rc == PP_OK)
        rc = text_mentions(&b);
    if (rc == PP_OK && !r->header.issuer)
        rc = issuer(&b);
    for (size_t i = 0; rc == PP_OK && i < r->recipients.n; i++) {
        const char *item = ((const char **)r->recipients.data)[i];
        rc = item ? scan_string(&b, item, PP_ROLE_RECIPIENT, 0) : PP_OK;
    }
    if (rc == PP_OK)
        text_roles(&b);
    if (rc == PP_OK)
        rc = table_roles(&b, r);
    if (rc == PP_OK)
        rc = duties(&b);
    if (rc == PP_OK)
        rc = store(&b);
    builder_free(&b);
    return rc;
}
