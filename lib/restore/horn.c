/*
 * horn.c - joins the pieces of words that OCR cut with an apostrophe (the
 * horn of ư, ơ) or with a symbol read for a marked letter ("huy€n").
 */
#include "horn.h"

#include <string.h>

/* ' ’ ‘ ` ´: the shapes OCR prints for a horn (and for quotes). */
static int is_apostrophe_cp(uint32_t cp)
{
    return cp == 0x27 || cp == 0x2019 || cp == 0x2018 || cp == 0x60 || cp == 0xB4;
}

static int is_apostrophe_token(const char *text, const pp_token *t)
{
    uint32_t cp;
    if (t->kind != PP_TOK_PUNCT && t->kind != PP_TOK_OTHER)
        return 0;
    size_t k = ppi_utf8_decode((const unsigned char *)text + t->offset, t->length, &cp);
    return k == t->length && is_apostrophe_cp(cp);
}

/* u and o with each tone, lower case, and the same with a horn. */
static const uint32_t plain_vowels[12] = {'u', 0xFA, 0xF9, 0x1EE7, 0x169, 0x1EE5,
                                          'o', 0xF3, 0xF2, 0x1ECF, 0xF5, 0x1ECD};
static const uint32_t horned_vowels[12] = {0x1B0, 0x1EE9, 0x1EEB, 0x1EED, 0x1EEF, 0x1EF1,
                                           0x1A1, 0x1EDB, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EE3};

/* The horned form of lower-case vowel cp (u, ú ... ọ), or 0. */
static uint32_t horned(uint32_t cp)
{
    for (size_t i = 0; i < 12; i++)
        if (plain_vowels[i] == cp)
            return horned_vowels[i];
    return 0;
}

/* Offset of the last code point in s[0..len), which is valid UTF-8. */
static size_t last_cp_start(const char *s, size_t len)
{
    size_t k = len;
    while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
        k--;
    return k ? k - 1 : 0;
}

/* 1 if the word token ends in u or o, with any tone, in either case. */
static int ends_in_horn_vowel(const char *text, const pp_token *t)
{
    if (t->kind != PP_TOK_WORD || !t->length)
        return 0;
    size_t at = last_cp_start(text + t->offset, t->length);
    uint32_t cp;
    if (!ppi_utf8_decode((const unsigned char *)text + t->offset + at, t->length - at, &cp))
        return 0;
    return horned(ppi_lower_cp(cp)) != 0;
}

/* 1 if an apostrophe opens a quotation before token i on its line: one
   after a space, a line start or an opening bracket. */
static int quote_open_before(const char *text, const pp_token *t, size_t i)
{
    for (size_t k = i; k-- > 0 && t[k].kind != PP_TOK_NEWLINE;) {
        if (!is_apostrophe_token(text, &t[k]))
            continue;
        if (k == 0 || t[k - 1].kind == PP_TOK_SPACE || t[k - 1].kind == PP_TOK_NEWLINE ||
            (t[k - 1].kind == PP_TOK_PUNCT && strchr("([\"", text[t[k - 1].offset])))
            return 1;
    }
    return 0;
}

/* Number of tokens from i that make one word read with a horn: 3 for
   "thu ' c", 2 for "co ’" before a space or punctuation, else 0. */
static size_t horn_span(const char *text, const pp_token *t, size_t nt, size_t i)
{
    if (i + 1 >= nt || !ends_in_horn_vowel(text, &t[i]) || !is_apostrophe_token(text, &t[i + 1]))
        return 0;
    if (quote_open_before(text, t, i))
        return 0;
    if (i + 2 < nt && t[i + 2].kind == PP_TOK_WORD)
        return 3;
    if (i + 2 < nt && (t[i + 2].kind == PP_TOK_NUMBER || t[i + 2].kind == PP_TOK_SYMBOL))
        return 0;
    return 2;
}

/* Replaces each run of tokens that span(text, t, n, i) says make one word
   by one WORD token, in place; *nt shrinks. */
static void join_spans(const char *text, pp_token *t, size_t *nt,
                       size_t (*span)(const char *, const pp_token *, size_t, size_t))
{
    size_t n = *nt, w = 0;
    for (size_t i = 0; i < n; w++) {
        size_t k = span(text, t, n, i);
        pp_token joined = t[i];
        if (k) {
            const pp_token *last = &t[i + k - 1];
            joined.kind = PP_TOK_WORD;
            joined.length = last->offset + last->length - joined.offset;
            joined.flags = 0; /* not a valid syllable as printed */
        }
        t[w] = joined;
        i += k ? k : 1;
    }
    *nt = w;
}

/* Symbols an English OCR engine prints for a marked letter: "huy€n",
   "c&p", "nu@c", "It¥a", "S¢", "ngu?i", "CH{NH". */
static int is_letter_symbol(const char *text, const pp_token *t, int word_final)
{
    static const uint32_t inner[] = {0x20AC, '@', 0xA2, 0xA5, '&', 0xAE, 0xA7, 0xA9, 0xA3, '{', '}', '|', '?'};
    uint32_t cp;
    if ((t->kind != PP_TOK_PUNCT && t->kind != PP_TOK_OTHER) ||
        ppi_utf8_decode((const unsigned char *)text + t->offset, t->length, &cp) != t->length)
        return 0;
    /* a question mark after a word ends a question */
    size_t n = sizeof inner / sizeof inner[0] - (word_final ? 1 : 0);
    for (size_t k = 0; k < n; k++)
        if (inner[k] == cp)
            return 1;
    return 0;
}

/* 1 if token i is an abbreviation joined with '&' ("GD&ĐT", "KH&CN",
   "R&D"): capitals on both sides. */
static int capitals_and(const char *text, const pp_token *t, size_t nt, size_t i)
{
    if (i + 2 >= nt || t[i + 1].length != 1 || text[t[i + 1].offset] != '&' || t[i + 2].kind != PP_TOK_WORD)
        return 0;
    size_t letters, upper;
    int first;
    for (size_t k = i; k <= i + 2; k += 2) {
        ppi_count_case(text + t[k].offset, t[k].length, &letters, &upper, &first);
        if (!letters || upper != letters)
            return 0;
    }
    return 1;
}

/* 1 if the symbols t[k..s) may end a word: none of them is a question
   mark, and a space, a line end, punctuation or the text's end follows. */
static int symbols_end_word(const char *text, const pp_token *t, size_t nt, size_t k, size_t s)
{
    for (size_t q = k; q < s; q++)
        if (!is_letter_symbol(text, &t[q], 1))
            return 0;
    return s == nt || t[s].kind == PP_TOK_SPACE || t[s].kind == PP_TOK_NEWLINE || t[s].kind == PP_TOK_PUNCT;
}

/* Number of tokens from i that make one word cut by symbols: a word, then
   symbols, each followed by a word or ending the word; else 0. */
static size_t glued_span(const char *text, const pp_token *t, size_t nt, size_t i)
{
    if (t[i].kind != PP_TOK_WORD || capitals_and(text, t, nt, i))
        return 0;
    size_t end = i + 1; /* one past the last token of the word so far */
    while (end < nt) {
        size_t s = end;
        while (s < nt && is_letter_symbol(text, &t[s], 0))
            s++;
        if (s == end)
            break;
        if (s < nt && t[s].kind == PP_TOK_WORD) {
            end = s + 1;
            continue;
        }
        if (symbols_end_word(text, t, nt, end, s))
            end = s;
        break;
    }
    return end - i > 1 ? end - i : 0;
}

void ppi_join_word_pieces(const char *text, pp_token *t, size_t *nt)
{
    join_spans(text, t, nt, horn_span);
    join_spans(text, t, nt, glued_span);
}

int ppi_horn_lookup(ppi_buf *out, const char *low, size_t len)
{
    out->len = 0;
    int found = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = ppi_utf8_decode((const unsigned char *)low + i, len - i, &cp);
        if (!k)
            return PP_ERR_INTERNAL;
        int rc = PP_OK;
        if (is_apostrophe_cp(cp)) {
            found = 1;
            size_t at = last_cp_start(out->data, out->len);
            uint32_t prev, h = 0;
            if (out->len && ppi_utf8_decode((const unsigned char *)out->data + at, out->len - at, &prev))
                h = horned(prev);
            if (h) {
                char enc[4];
                out->len = at;
                rc = ppi_buf_append(out, enc, ppi_utf8_encode(h, enc));
            }
        } else {
            rc = ppi_buf_append(out, low + i, k);
        }
        if (rc)
            return rc;
        i += k;
    }
    if (!found)
        out->len = 0;
    return found;
}
