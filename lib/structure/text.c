/*
 * text.c - small text tools for the structure stage: an arena for the
 * record's strings, folding for matching printed phrases whatever their
 * diacritics and case, and writing capitals in normal case.
 */
#include "structure.h"

#include "../normalize/syllable.h"

#include <stdlib.h>
#include <string.h>

/* ---- arena ---- */

struct ppi_arena_block {
    struct ppi_arena_block *next;
    size_t used, cap;
    max_align_t data[];
};

void *ppi_arena_alloc(ppi_arena *a, size_t size)
{
    size = (size + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    struct ppi_arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > 16384 ? size : 16384;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->cap = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *ppi_arena_strndup(ppi_arena *a, const char *s, size_t len)
{
    char *p = ppi_arena_alloc(a, len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

void ppi_arena_free(ppi_arena *a)
{
    while (a->head) {
        struct ppi_arena_block *next = a->head->next;
        free(a->head);
        a->head = next;
    }
}

/* ---- folding ---- */

size_t ppi_fold(const char *s, size_t len, char *folded, size_t *at)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = ppi_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (!k) {
            cp = '?';
            k = 1;
        }
        char base = ppi_base_letter(cp);
        char c = base ? (char)(base - 'a' + 'A') : cp < 0x80 ? (char)cp : '?';
        at[n] = i;
        folded[n++] = c;
        i += k;
    }
    at[n] = len;
    folded[n] = '\0';
    return n;
}

void ppi_fold_text(ppi_folded *out, const char *s, size_t len)
{
    if (len > PPI_FOLD_CAP) {
        len = PPI_FOLD_CAP;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    out->n = ppi_fold(s, len, out->f, out->at);
}

size_t ppi_split_words(const char *s, size_t len, ppi_span *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < max;) {
        while (i < len && s[i] == ' ')
            i++;
        size_t j = i;
        while (j < len && s[j] != ' ')
            j++;
        if (j == i)
            break;
        out[n++] = (ppi_span){i, j - i};
        i = j;
    }
    return n;
}

int ppi_ends_sentence(const char *s, size_t len)
{
    ppi_trim(&s, &len);
    return len && strchr(".;:!?", s[len - 1]);
}

void ppi_collapse_spaces(ppi_buf *b)
{
    size_t w = 0;
    for (size_t r = 0; r < b->len; r++)
        if (!(b->data[r] == ' ' && (w == 0 || b->data[w - 1] == ' ')))
            b->data[w++] = b->data[r];
    while (w && b->data[w - 1] == ' ')
        w--;
    b->len = w;
}

void ppi_trim(const char **s, size_t *len)
{
    while (*len && ((unsigned char)**s <= ' '))
        ++*s, --*len;
    while (*len && ((unsigned char)(*s)[*len - 1] <= ' '))
        --*len;
}

int ppi_mostly_upper(const char *s, size_t len)
{
    size_t letters, upper;
    ppi_count_case(s, len, &letters, &upper, NULL);
    return letters >= 2 && upper * 4 >= letters * 3;
}

/* ---- normal case ---- */

/* Appends one word lowercased, or with its first letter capital. */
static int append_word(ppi_buf *out, const char *w, size_t len, int title)
{
    size_t start = out->len;
    int rc = ppi_append_lower(out, w, len);
    if (rc || !title || out->len == start)
        return rc;
    uint32_t cp;
    size_t k = ppi_utf8_decode((unsigned char *)out->data + start, out->len - start, &cp);
    uint32_t up = ppi_upper_cp(cp);
    char enc[4];
    size_t ke = ppi_utf8_encode(up, enc);
    if (!k || ke != k)
        return PP_OK; /* a capital of another length: leave it lower case */
    memcpy(out->data + start, enc, k);
    return PP_OK;
}

/* Words after which a place name follows ("thành phố Uông Bí"), and words
   after which the name of an agency does ("Sở Nội vụ"), folded. */
static const char *const place_words[] = {"TINH", "THANH PHO", "HUYEN", "QUAN", "THI XA", "XA", "PHUONG",
                                          "THI TRAN", "TP.", "TP", NULL};
static const char *const agency_words[] = {"SO", "PHONG", "BAN", "BO", "CUC", "VU", "CHI CUC", "TRUNG TAM",
                                           "VAN PHONG", "DAI", "BAO", "VIEN", "TRUONG", "CONG AN", "THANH TRA",
                                           "TONG CUC", "UY BAN", NULL};
/* Words never capitalised inside names */
static const char *const small_words[] = {"NAM", "GIAI", "DOAN", "VE", "TREN", "CUA", "VOI", "THEO", "DEN",
                                          "TAI", "CAC", "NHA", "NUOC", "DIA", "TRONG", "UY", "VA", NULL};

/* Index of the word list entry that the folded words from w match (the
   number of words matched in *nw), or -1. */
static int match_words(const char *const *list, char (*fw)[32], int nwords, int w, int *nw)
{
    for (int k = 0; list[k]; k++) {
        char buf[64];
        strcpy(buf, list[k]);
        int n = 0, ok = 1;
        for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " "), n++)
            if (w + n >= nwords || strcmp(fw[w + n], tok) != 0) {
                ok = 0;
                break;
            }
        if (ok) {
            *nw = n;
            return k;
        }
    }
    return -1;
}

/* 1 if the word is a Vietnamese syllable (not an acronym such as UBND). */
static int is_syllable(const char *w, size_t len)
{
    pp_syllable syl;
    return pp_syllable_parse(&syl, w, len) == PP_OK;
}

#define MAX_CASE_WORDS 64

int ppi_normal_case(ppi_buf *out, const char *s, size_t len, int is_title)
{
    ppi_trim(&s, &len);
    if (!ppi_mostly_upper(s, len))
        return ppi_buf_append(out, s, len);
    /* the words, and their folded forms */
    ppi_span span[MAX_CASE_WORDS];
    const char *ws[MAX_CASE_WORDS];
    size_t wl[MAX_CASE_WORDS];
    char fw[MAX_CASE_WORDS][32];
    int n = (int)ppi_split_words(s, len, span, MAX_CASE_WORDS);
    for (int w = 0; w < n; w++) {
        ws[w] = s + span[w].at;
        wl[w] = span[w].len;
        char folded[32];
        size_t at[32];
        size_t fl = ppi_fold(ws[w], wl[w] < 31 ? wl[w] : 31, folded, at);
        memcpy(fw[w], folded, fl + 1);
    }
    uint64_t title = 1;   /* the first word */
    uint64_t keep = 0;    /* acronyms: kept in capitals */
    for (int w = 0; w < n; w++) {
        if (!is_syllable(ws[w], wl[w]))
            keep |= 1ull << w;
        int nw = 0;
        if (match_words(place_words, fw, n, w, &nw) >= 0) {
            /* the place name: the words up to a small word */
            int k = w + nw;
            for (; k < n && k < w + nw + 4; k++) {
                int skip;
                if (match_words(small_words, fw, n, k, &skip) >= 0 || match_words(place_words, fw, n, k, &skip) >= 0)
                    break;
                title |= 1ull << k;
            }
            w = k - 1;
        } else if (w + 1 < n && strcmp(fw[w], "UY") == 0 && strcmp(fw[w + 1], "BAN") == 0) {
            title |= 1ull << w; /* "của Ủy ban nhân dân huyện" */
        } else if (!is_title && match_words(agency_words, fw, n, w, &nw) >= 0 && w + nw < n) {
            int k = w + nw;
            int place;
            if (match_words(place_words, fw, n, k, &place) < 0 && strcmp(fw[k], "NHAN") != 0)
                title |= 1ull << k;
        } else if (strcmp(fw[w], "VA") == 0 && w > 0 && w + 1 < n && (title >> (w - 1) & 1) == 0 &&
                   !is_title && (title & ~1ull)) {
            title |= 1ull << (w + 1); /* "Sở Giáo dục và Đào tạo" */
        }
    }
    if (is_title) {
        /* an office: "PHÓ CHỦ TỊCH" -> "Phó Chủ tịch" */
        if (n >= 2 && strcmp(fw[0], "PHO") == 0)
            title |= 2;
    }
    int rc = PP_OK;
    for (int w = 0; rc == PP_OK && w < n; w++) {
        if (w)
            rc = ppi_buf_putc(out, ' ');
        if (rc == PP_OK)
            rc = keep >> w & 1 ? ppi_buf_append(out, ws[w], wl[w]) : append_word(out, ws[w], wl[w], title >> w & 1);
    }
    return rc;
}

/* ---- lines ---- */

int ppi_split_lines(const char *text, size_t len, ppi_line **out, size_t *n)
{
    size_t count = 1;
    for (size_t i = 0; i < len; i++)
        count += text[i] == '\n';
    ppi_line *l = calloc(count, sizeof *l);
    if (!l)
        return PP_ERR_NOMEM;
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\n')
            continue;
        size_t e = i;
        if (e > start && text[e - 1] == '\r')
            e--;
        l[k] = (ppi_line){text + start, e - start, k + 1, ROLE_NONE};
        k++;
        start = i + 1;
    }
    /* a final newline ends the last line; it does not start another */
    if (k > 1 && len && text[len - 1] == '\n')
        k--;
    *out = l;
    *n = k;
    return PP_OK;
}
