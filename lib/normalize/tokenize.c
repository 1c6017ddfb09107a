/*
 * tokenize.c - splits text into tokens that cover every byte.
 *
 * Order of the checks at a token start: invalid bytes, line ends, spaces,
 * then for letters/digits the specific shapes before the generic ones:
 * URL, e-mail, date, document symbol, number, word.
 */
#include "../core/internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct scanner {
    const unsigned char *s;
    size_t n;
} scanner;

/* Code point at byte i, or (uint32_t)-1 past the end or on invalid bytes. */
static uint32_t cp_at(const scanner *sc, size_t i, size_t *len)
{
    uint32_t cp;
    size_t k = i < sc->n ? ppi_utf8_decode(sc->s + i, sc->n - i, &cp) : 0;
    if (len)
        *len = k;
    return k ? cp : (uint32_t)-1;
}

static int is_alnum_cp(uint32_t cp)
{
    return cp != (uint32_t)-1 && (ppi_is_word_char(cp) || ppi_is_digit(cp));
}

static int is_ascii_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_ascii_alpha(int c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* 1 if nothing word-like continues at byte i. */
static int at_boundary(const scanner *sc, size_t i)
{
    return !is_alnum_cp(cp_at(sc, i, NULL));
}

static size_t digits_at(const scanner *sc, size_t i)
{
    size_t k = i;
    while (k < sc->n && is_ascii_digit(sc->s[k]))
        k++;
    return k - i;
}

/* ---- URL and e-mail ---- */

static int has_prefix_ci(const scanner *sc, size_t i, const char *p)
{
    size_t l = strlen(p);
    if (sc->n - i < l)
        return 0;
    for (size_t k = 0; k < l; k++)
        if ((sc->s[i + k] | 0x20) != p[k] && sc->s[i + k] != p[k])
            return 0;
    return 1;
}

static size_t scan_url(const scanner *sc, size_t i)
{
    static const char *const prefixes[] = {"https://", "http://", "ftp://", "www."};
    size_t plen = 0;
    for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0] && !plen; p++)
        if (has_prefix_ci(sc, i, prefixes[p]))
            plen = strlen(prefixes[p]);
    if (!plen)
        return 0;
    size_t k = i + plen;
    int open = 0;
    while (k < sc->n) {
        size_t len;
        uint32_t cp = cp_at(sc, k, &len);
        if (cp == (uint32_t)-1 || cp <= ' ' || ppi_is_hspace(cp) || cp == '<' || cp == '>' ||
            cp == '"' || cp == 0x7F)
            break;
        open += cp == '(' ? 1 : cp == ')' ? -1 : 0;
        k += len;
    }
    /* trailing punctuation belongs to the sentence, not the URL */
    while (k > i + plen) {
        unsigned char c = sc->s[k - 1];
        if (c == ')' && open < 0) {
            open++;
            k--;
        } else if (strchr(".,;:!?'", c)) {
            k--;
        } else {
            break;
        }
    }
    return k > i + plen ? k - i : 0;
}

static int email_local_char(unsigned char c)
{
    return is_ascii_alpha(c) || is_ascii_digit(c) || (c && strchr("._%+-", c));
}

static size_t scan_email(const scanner *sc, size_t i)
{
    size_t k = i;
    while (k < sc->n && email_local_char(sc->s[k]))
        k++;
    if (k == i || k >= sc->n || sc->s[k] != '@')
        return 0;
    size_t at = ++k, labels = 0, last_label_alpha = 0, end = 0;
    for (;;) {
        size_t start = k;
        int alpha_only = 1;
        for (;;) { /* letters of any script: internationalised domains */
            size_t len;
            uint32_t cp = cp_at(sc, k, &len);
            if (!is_alnum_cp(cp) && cp != '-')
                break;
            alpha_only &= ppi_is_word_char(cp);
            k += len;
        }
        if (k == start)
            break;
        labels++;
        last_label_alpha = alpha_only && k - start >= 2;
        end = k;
        if (k + 1 < sc->n && sc->s[k] == '.' && is_alnum_cp(cp_at(sc, k + 1, NULL)))
            k++;
        else
            break;
    }
    if (end <= at || labels < 2 || !last_label_alpha || !at_boundary(sc, end))
        return 0;
    return end - i;
}

/* ---- dates, symbols, numbers ---- */

/* d{1,2} S m{1,2} S yyyy with S one of / - . used twice, day and month in
   range. */
static size_t scan_date(const scanner *sc, size_t i)
{
    size_t d = digits_at(sc, i);
    if (d < 1 || d > 2 || i + d >= sc->n)
        return 0;
    unsigned char sep = sc->s[i + d];
    if (sep != '/' && sep != '-' && sep != '.')
        return 0;
    size_t m0 = i + d + 1, m = digits_at(sc, m0);
    if (m < 1 || m > 2 || m0 + m >= sc->n || sc->s[m0 + m] != sep)
        return 0;
    size_t y0 = m0 + m + 1, y = digits_at(sc, y0);
    if (y != 4 || !at_boundary(sc, y0 + y))
        return 0;
    int day = 0, mon = 0;
    for (size_t k = m0; k < m0 + m; k++)
        mon = mon * 10 + (sc->s[k] - '0');
    for (size_t k = i; k < i + d; k++)
        day = day * 10 + (sc->s[k] - '0');
    if (day < 1 || day > 31 || mon < 1 || mon > 12)
        return 0;
    return y0 + y - i;
}

/* A letter group of a symbol: ASCII letters and Đ/đ, starting upper case
   ("QĐ", "UBND", "CTr"). Returns its byte length. */
static size_t symbol_letters_at(const scanner *sc, size_t i)
{
    size_t k = i;
    int first = 1;
    while (k < sc->n) {
        size_t len;
        uint32_t cp = cp_at(sc, k, &len);
        int upper = (cp >= 'A' && cp <= 'Z') || cp == 0x110;
        int lower = (cp >= 'a' && cp <= 'z') || cp == 0x111;
        if (first ? !upper : !(upper || lower))
            break;
        first = 0;
        k += len;
    }
    return k - i;
}

/* Document number and symbol: digits, then groups of digits or letters
   joined by / or -, at least one letter group: "17/QĐ-UBND",
   "107/2021/NĐ-CP", "05-NQ/TU", "43/2015/TTLT-BNNPTNT-BKHĐT". */
static size_t scan_symbol(const scanner *sc, size_t i)
{
    size_t k = i + digits_at(sc, i), end = 0;
    int letter_groups = 0;
    if (k == i)
        return 0;
    while (k + 1 < sc->n && (sc->s[k] == '/' || sc->s[k] == '-')) {
        size_t g = digits_at(sc, k + 1);
        int letters = 0;
        if (!g) {
            g = symbol_letters_at(sc, k + 1);
            letters = 1;
        }
        if (!g || !at_boundary(sc, k + 1 + g))
            break;
        k += 1 + g;
        letter_groups += letters;
        if (letter_groups)
            end = k;
    }
    return end ? end - i : 0;
}

static size_t scan_number(const scanner *sc, size_t i)
{
    size_t k = i + digits_at(sc, i);
    while (k + 1 < sc->n && (sc->s[k] == '.' || sc->s[k] == ',') && is_ascii_digit(sc->s[k + 1]))
        k += 1 + digits_at(sc, k + 1);
    return k - i;
}

/* Letters and digits: "tuyên", "CCHC", "t6", "4G". */
static size_t scan_word(const scanner *sc, size_t i, unsigned *flags)
{
    size_t k = i;
    int digits = 0;
    while (k < sc->n) {
        size_t len;
        uint32_t cp = cp_at(sc, k, &len);
        if (!is_alnum_cp(cp))
            break;
        digits |= ppi_is_digit(cp);
        k += len;
    }
    *flags = digits ? PP_TOKF_DIGITS
                    : pp_syllable_is_valid((const char *)sc->s + i, k - i) ? PP_TOKF_SYLLABLE : 0;
    return k - i;
}

static size_t scan_alnum(const scanner *sc, size_t i, uint32_t cp, pp_token_kind *kind,
                         unsigned *flags)
{
    size_t len;
    *flags = 0;
    if (ppi_is_word_char(cp) && (len = scan_url(sc, i))) {
        *kind = PP_TOK_URL;
        return len;
    }
    if (cp < 0x80 && (len = scan_email(sc, i))) {
        *kind = PP_TOK_EMAIL;
        return len;
    }
    if (is_ascii_digit((int)cp)) {
        if ((len = scan_date(sc, i))) {
            *kind = PP_TOK_DATE;
            return len;
        }
        if ((len = scan_symbol(sc, i))) {
            *kind = PP_TOK_SYMBOL;
            return len;
        }
        len = scan_number(sc, i);
        if (at_boundary(sc, i + len)) {
            *kind = PP_TOK_NUMBER;
            return len;
        }
    }
    *kind = PP_TOK_WORD;
    return scan_word(sc, i, flags);
}

/* ---- the token stream ---- */

typedef struct token_list {
    pp_token *v;
    size_t n, cap;
} token_list;

static int push(token_list *t, pp_token_kind kind, unsigned flags, size_t off, size_t len,
                size_t line)
{
    if (t->n == t->cap) {
        pp_token *v = ppi_grow(t->v, &t->cap, sizeof *v, 64);
        if (!v)
            return PP_ERR_NOMEM;
        t->v = v;
    }
    t->v[t->n++] = (pp_token){kind, flags, off, len, line};
    return PP_OK;
}

static size_t scan_one(const scanner *sc, size_t i, pp_token_kind *kind, unsigned *flags)
{
    size_t len;
    uint32_t cp = cp_at(sc, i, &len);
    *flags = 0;
    if (cp == (uint32_t)-1) {
        size_t k = i;
        while (k < sc->n && cp_at(sc, k, NULL) == (uint32_t)-1)
            k += ppi_utf8_invalid_len(sc->s + k, sc->n - k);
        *kind = PP_TOK_INVALID;
        return k - i;
    }
    if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
        *kind = PP_TOK_NEWLINE;
        return len;
    }
    if (cp == '\r') {
        *kind = PP_TOK_NEWLINE;
        return i + 1 < sc->n && sc->s[i + 1] == '\n' ? 2 : 1;
    }
    if (ppi_is_hspace(cp)) {
        size_t k = i + len;
        while (k < sc->n && ppi_is_hspace(cp_at(sc, k, &len)))
            k += len;
        *kind = PP_TOK_SPACE;
        return k - i;
    }
    if (ppi_is_word_char(cp) || ppi_is_digit(cp))
        return scan_alnum(sc, i, cp, kind, flags);
    *kind = ppi_is_punct(cp) ? PP_TOK_PUNCT : PP_TOK_OTHER;
    return len;
}

int pp_tokenize(pp_token **out, size_t *count, const char *text, size_t len)
{
    if (out)
        *out = NULL;
    if (count)
        *count = 0;
    if (!out || !count || (!text && len))
        return PP_ERR_ARG;
    scanner sc = {(const unsigned char *)text, len};
    token_list t = {0};
    size_t line = 1;
    for (size_t i = 0; i < len;) {
        pp_token_kind kind;
        unsigned flags;
        size_t l = scan_one(&sc, i, &kind, &flags);
        if (push(&t, kind, flags, i, l, line) != PP_OK) {
            free(t.v);
            return PP_ERR_NOMEM;
        }
        line += kind == PP_TOK_NEWLINE;
        i += l;
    }
    *out = t.v;
    *count = t.n;
    return PP_OK;
}

const char *pp_token_kind_name(pp_token_kind kind)
{
    switch (kind) {
    case PP_TOK_WORD: return "word";
    case PP_TOK_NUMBER: return "number";
    case PP_TOK_SYMBOL: return "symbol";
    case PP_TOK_DATE: return "date";
    case PP_TOK_URL: return "url";
    case PP_TOK_EMAIL: return "email";
    case PP_TOK_PUNCT: return "punct";
    case PP_TOK_SPACE: return "space";
    case PP_TOK_NEWLINE: return "newline";
    case PP_TOK_OTHER: return "other";
    case PP_TOK_INVALID: return "invalid";
    }
    return "unknown";
}
