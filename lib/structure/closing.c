/*
 * closing.c - the end of a document: the closing paragraph ("Trên đây là
 * ..."), the "Nơi nhận:" list and the signature block (TM./KT./Q./TL./TUQ.
 * authority, capacity, title, the signer's name). Scans print the two as
 * columns side by side, so OCR interleaves them on one line ("- Sở Nội vụ
 * tỉnh Quảng Ninh; KT. CHỦ TỊCH"): the signature column is the run of
 * capitals at a line's end.
 */
#include "record.h"

#include <stdlib.h>
#include <string.h>

static int is_authority(const char *f)
{
    return ppi_folded_starts(f, "TM.") || ppi_folded_starts(f, "T/M") || ppi_folded_starts(f, "T.M.");
}

static int is_capacity(const char *f)
{
    static const char *const p[] = {"KT.", "KT ", "Q.", "TL.", "TUQ.", "K/T", NULL};
    for (int k = 0; p[k]; k++)
        if (ppi_folded_starts(f, p[k]))
            return 1;
    return 0;
}

/* Offices printed in a signature block, folded and as written. */
static const struct {
    const char *folded, *text;
} offices[] = {
    {"CHU TICH", "Chủ tịch"}, {"PHO CHU TICH", "Phó Chủ tịch"}, {"GIAM DOC", "Giám đốc"},
    {"PHO GIAM DOC", "Phó Giám đốc"}, {"BI THU", "Bí thư"}, {"PHO BI THU", "Phó Bí thư"},
    {"TRUONG PHONG", "Trưởng phòng"}, {"PHO TRUONG PHONG", "Phó Trưởng phòng"}, {"TRUONG BAN", "Trưởng ban"},
    {"PHO TRUONG BAN", "Phó Trưởng ban"}, {"CHANH VAN PHONG", "Chánh Văn phòng"},
    {"PHO CHANH VAN PHONG", "Phó Chánh Văn phòng"}, {"CUC TRUONG", "Cục trưởng"}, {"VU TRUONG", "Vụ trưởng"},
    {"BO TRUONG", "Bộ trưởng"}, {"THU TRUONG", "Thứ trưởng"}, {"HIEU TRUONG", "Hiệu trưởng"},
    {"CHANH AN", "Chánh án"}, {"VIEN TRUONG", "Viện trưởng"}, {"TONG GIAM DOC", "Tổng Giám đốc"},
    {"CHANH THANH TRA", "Chánh Thanh tra"}, {"TRUONG TRAM", "Trưởng trạm"},
};

/* The office the folded text names, as written ("PHO CH? TICH": an OCR
   letter OCR could not read matches any letter), or NULL. */
static const char *office_text(const char *f)
{
    while (*f == ' ')
        f++;
    size_t n = strlen(f);
    while (n && strchr(" .,;:*", f[n - 1]))
        n--;
    for (size_t k = 0; k < sizeof offices / sizeof offices[0]; k++) {
        const char *o = offices[k].folded;
        if (strlen(o) != n)
            continue;
        size_t i = 0;
        while (i < n && (f[i] == o[i] || (f[i] == '?' && o[i] != ' ')))
            i++;
        if (i == n)
            return offices[k].text;
    }
    return NULL;
}

static int is_office(const char *f)
{
    return office_text(f) != NULL;
}

/* A word of capitals (two letters or more; OCR may have made one of
   three something else: "CHﬁ"). */
static int is_caps_word(const char *s, size_t len)
{
    size_t letters, upper;
    ppi_count_case(s, len, &letters, &upper, NULL);
    return letters >= 2 && upper * 3 >= letters * 2;
}

/* The start (byte offset) of the signature column at the end of a
   recipients line, or len when there is none. The column is the longest
   run of capital words ending the line that begins with TM./KT./... or
   holds an office ("PHÓ CHỦ TỊCH"); acronyms alone ("Lưu: VT, VHTT.") are
   not one. */
static size_t signature_cut(const char *s, size_t len)
{
    ppi_span words[64];
    size_t nw = ppi_split_words(s, len, words, 64);
    size_t best = len;
    for (size_t k = nw; k-- > 0;) {
        const char *w = s + words[k].at;
        size_t wl = words[k].len;
        ppi_trim(&w, &wl);
        size_t letters, upper;
        ppi_count_case(w, wl, &letters, &upper, NULL);
        if (!letters)
            continue; /* punctuation between the words: "KT : CHỦ TỊCH" */
        if (!is_caps_word(w, wl))
            break;
        ppi_folded fl;
        ppi_fold_text(&fl, s + words[k].at, len - words[k].at);
        if (is_authority(fl.f) || is_capacity(fl.f) || is_office(fl.f))
            best = words[k].at;
    }
    return best;
}

/* 1 if the text has a word of two or more letters (not OCR debris). */
static int has_words(const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = ppi_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (!k)
            k = 1, cp = '?';
        run = ppi_is_word_char(cp) && !ppi_is_digit(cp) ? run + 1 : 0;
        if (run >= 3)
            return 1;
        i += k;
    }
    return 0;
}

/* A person's name: two to five words, each starting with a capital and
   going on in lower case ("Nguyễn Văn Thành"). */
static int is_name(const char *s, size_t len)
{
    ppi_trim(&s, &len);
    ppi_span words[6];
    size_t n = ppi_split_words(s, len, words, 6);
    for (size_t w = 0; w < n; w++) {
        const char *p = s + words[w].at;
        uint32_t cp;
        size_t k = ppi_utf8_decode((const unsigned char *)p, words[w].len, &cp);
        size_t letters, upper;
        ppi_count_case(p, words[w].len, &letters, &upper, NULL);
        if (!k || ppi_lower_cp(cp) == cp || upper != 1 || letters < 1)
            return 0;
    }
    return n >= 2 && n <= 5;
}

typedef struct sig_parts {
    const char *s[8];
    size_t len[8];
    size_t line[8];
    int n;
} sig_parts;

static void add_sig(sig_parts *sp, const char *s, size_t len, size_t line)
{
    ppi_trim(&s, &len);
    while (len && strchr("*.,;", s[len - 1]))
        len--;
    while (len && *s == '*')
        s++, len--;
    if (len && sp->n < 8) {
        sp->s[sp->n] = s;
        sp->len[sp->n] = len;
        sp->line[sp->n++] = line;
    }
}

/* "KT.CHỦ TỊCH" -> "KT. Chủ tịch" */
static const char *sig_text(ppi_doc *d, const char *s, size_t len, int *rc)
{
    ppi_buf *b = &d->tmp;
    b->len = 0;
    const char *dot = memchr(s, '.', len < 6 ? len : 6);
    const char *slash = memchr(s, '/', len < 4 ? len : 4);
    size_t prefix = 0;
    if (dot && (size_t)(dot - s) <= 4)
        prefix = (size_t)(dot - s) + 1;
    else if (slash && len > 3 && s[3] == ' ')
        prefix = 3; /* "T/M BAN ..." */
    int r = ppi_buf_append(b, s, prefix);
    size_t rest = prefix;
    while (rest < len && s[rest] == ' ')
        rest++;
    if (r == PP_OK && prefix)
        r = ppi_buf_putc(b, ' ');
    ppi_folded fl;
    ppi_fold_text(&fl, s + rest, len - rest);
    const char *office = office_text(fl.f);
    if (r == PP_OK)
        r = office ? ppi_buf_append(b, office, strlen(office)) : ppi_normal_case(b, s + rest, len - rest, !prefix);
    if (r) {
        *rc = r;
        return NULL;
    }
    char copy[512];
    size_t cl = b->len < sizeof copy ? b->len : sizeof copy - 1;
    memcpy(copy, b->data, cl);
    return ppi_doc_str(d, copy, cl, rc);
}

static int set_signature(ppi_doc *d, const sig_parts *sp, const char *name, size_t name_len, size_t name_line)
{
    pp_signature *sig = &d->rec->signature;
    int rc = PP_OK;
    for (int k = 0; rc == PP_OK && k < sp->n; k++) {
        ppi_folded fl;
        ppi_fold_text(&fl, sp->s[k], sp->len[k]);
        const char **slot = is_authority(fl.f) ? &sig->authority : is_capacity(fl.f) ? &sig->capacity : &sig->title;
        if (!*slot)
            *slot = sig_text(d, sp->s[k], sp->len[k], &rc);
        if (!sig->line || sp->line[k] < sig->line)
            sig->line = sp->line[k];
    }
    if (rc == PP_OK && name)
        sig->name = ppi_doc_str(d, name, name_len, &rc);
    if (rc == PP_OK && name && !sig->line)
        sig->line = name_line;
    if (rc == PP_OK && !sig->name && (sp->n || d->rec->recipients.n))
        rc = ppi_doc_warn(d, "signature: no signer's name found");
    return rc;
}

/* Drops what follows an item's last ";" or "." when it is short debris of
   the other column ("HĐND huyện; . lý 3 ¢", "VHTT. Nằm ở/"): at most ten
   characters, or no word at all. */
static void cut_debris(const char *s, size_t *len)
{
    for (size_t i = *len; i-- > 0;) {
        if (s[i] != ';' && s[i] != '.')
            continue;
        size_t tail = *len - i - 1;
        if (tail && (ppi_utf8_count(s + i + 1, tail) <= 10 || !has_words(s + i + 1, tail)))
            *len = i + 1;
        return;
    }
}

/* Adds a recipient item, or continues the last one. */
static int add_recipient(ppi_doc *d, const char *s, size_t len, int new_item)
{
    ppi_trim(&s, &len);
    cut_debris(s, &len);
    while (len && (s[len - 1] == ';' || s[len - 1] == ',' || s[len - 1] == ' ' ||
                   (s[len - 1] == '.' && !(len > 3 && s[len - 2] == '/'))))
        len--;
    ppi_trim(&s, &len);
    if (!len)
        return PP_OK;
    int rc = PP_OK;
    ppi_vec *v = &d->rec->recipients;
    if (!new_item && v->n) {
        const char **last = (const char **)v->data + v->n - 1;
        ppi_buf b = {0};
        rc = ppi_buf_append(&b, *last, strlen(*last));
        if (rc == PP_OK)
            rc = ppi_buf_putc(&b, ' ');
        if (rc == PP_OK)
            rc = ppi_buf_append(&b, s, len);
        if (rc == PP_OK && !(*last = ppi_doc_str(d, b.data, b.len, &rc)))
            rc = rc ? rc : PP_ERR_NOMEM;
        ppi_buf_free(&b);
        return rc;
    }
    const char *item = ppi_doc_str(d, s, len, &rc);
    if (item && !ppi_vec_push(v, &item))
        rc = PP_ERR_NOMEM;
    return rc;
}

/* One line of the closing zone: recipients on the left, signature parts
   on the right, or the signer's name. */
static int closing_line(ppi_doc *d, ppi_line *l, sig_parts *sp, const char **name, size_t *name_len,
                        size_t *name_line, int *in_list)
{
    const char *s = l->s;
    size_t len = l->len;
    ppi_trim(&s, &len);
    if (!len)
        return PP_OK;
    ppi_folded fl;
    ppi_fold_text(&fl, s, len);
    if (ppi_folded_starts(fl.f, "NOI NHAN")) {
        const char *colon = memchr(s, ':', len);
        size_t skip = colon ? (size_t)(colon - s) + 1 : fl.at[8 < fl.n ? 8 : fl.n];
        s += skip, len -= skip;
        ppi_trim(&s, &len);
        *in_list = 1;
    }
    size_t cut = signature_cut(s, len);
    int rc = PP_OK;
    if (cut < len) {
        add_sig(sp, s + cut, len - cut, l->no);
        len = cut;
        ppi_trim(&s, &len);
    }
    if (!len)
        return PP_OK;
    int en_dash = len >= 3 && (strncmp(s, "–", 3) == 0 || strncmp(s, "—", 3) == 0);
    if (*s == '-' || en_dash) {
        size_t skip = en_dash ? 3 : 1;
        *in_list = 1;
        return has_words(s + skip, len - skip) ? add_recipient(d, s + skip, len - skip, 1) : PP_OK;
    }
    const char *ns = s;
    size_t nl = len;
    while (nl && !((unsigned char)*ns >= 0x80 || ((*ns | 32) >= 'a' && (*ns | 32) <= 'z')))
        ns++, nl--; /* OCR debris before a name: '" Nguyễn Đình Tâm' */
    if (is_name(ns, nl)) {
        *name = ns, *name_len = nl, *name_line = l->no;
        return PP_OK;
    }
    if (ppi_mostly_upper(s, len) && has_words(s, len)) {
        add_sig(sp, s, len, l->no);
        return PP_OK;
    }
    if (*in_list && !*name && has_words(s, len) && d->rec->recipients.n)
        rc = add_recipient(d, s, len, 0); /* an item wrapped onto the next line */
    return rc;
}

/* The closing paragraph: from a line starting "Trên đây là" to the line
   ending its sentence. */
static size_t closing_paragraph(ppi_doc *d, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        ppi_folded fl;
        ppi_fold_text(&fl, d->lines[i].s, d->lines[i].len);
        if (d->lines[i].role != ROLE_NONE || !ppi_folded_starts(fl.f, "TREN DAY"))
            continue;
        return i;
    }
    return to;
}

/* The first line of the "Nơi nhận" and signature zone, or n. */
static size_t zone_start(ppi_doc *d)
{
    for (size_t i = d->body; i < d->n; i++) {
        if (d->lines[i].role != ROLE_NONE)
            continue;
        ppi_folded fl;
        ppi_fold_text(&fl, d->lines[i].s, d->lines[i].len);
        if (ppi_folded_starts(fl.f, "NOI NHAN") || is_authority(fl.f) ||
            (is_capacity(fl.f) && ppi_mostly_upper(d->lines[i].s, d->lines[i].len)))
            return i;
        /* "Nơi nhận" too damaged to read, the signature column beside it */
        const char *s = d->lines[i].s;
        size_t len = d->lines[i].len;
        ppi_trim(&s, &len);
        size_t cut = signature_cut(s, len);
        if (cut < len) {
            ppi_folded sig;
            ppi_fold_text(&sig, s + cut, len - cut);
            if (is_authority(sig.f) || is_capacity(sig.f))
                return i;
        }
    }
    return d->n;
}

int ppi_parse_closing(ppi_doc *d)
{
    size_t zone = zone_start(d);
    size_t close = closing_paragraph(d, d->body, zone);
    int rc = PP_OK;
    if (close < zone) {
        ppi_buf b = {0};
        size_t i = close;
        for (; rc == PP_OK && i < zone; i++) {
            ppi_line *l = &d->lines[i];
            const char *s = l->s;
            size_t len = l->len;
            ppi_trim(&s, &len);
            if (!len)
                continue;
            if (b.len)
                rc = ppi_buf_putc(&b, ' ');
            if (rc == PP_OK)
                rc = ppi_buf_append(&b, s, len);
            l->role = ROLE_CLOSING;
            if (len >= 2 && s[len - 1] == '.' && (s[len - 2] == '/' || s[len - 2] == '.'))
                break; /* "./." ends a document's text */
        }
        if (rc == PP_OK && b.len)
            d->rec->closing = ppi_doc_str(d, b.data, b.len, &rc);
        ppi_buf_free(&b);
    }
    d->end = close < zone ? close : zone;
    if (zone == d->n)
        return rc ? rc : ppi_doc_warn(d, "closing: no \"Nơi nhận\" list or signature found");
    sig_parts sp = {0};
    const char *name = NULL;
    size_t name_len = 0, name_line = 0;
    int in_list = 0;
    for (size_t i = zone; rc == PP_OK && i < d->n; i++) {
        ppi_line *l = &d->lines[i];
        if (l->role == ROLE_TABLE)
            break;
        ppi_folded fl;
        ppi_fold_text(&fl, l->s, l->len);
        if (i > zone && name && (strstr(fl.f, "CONG HOA XA HOI") || ppi_folded_starts(fl.f, "PHU LUC")))
            break; /* an attachment starts */
        l->role = ROLE_RECIPIENTS;
        rc = closing_line(d, l, &sp, &name, &name_len, &name_line, &in_list);
    }
    return rc ? rc : set_signature(d, &sp, name, name_len, name_line);
}
