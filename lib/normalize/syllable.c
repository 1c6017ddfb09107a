/*
 * syllable.c - the Vietnamese syllable: parse into onset, medial, nucleus,
 * coda and tone; decide validity by phonotactics; compose back with the
 * tone mark in either placement style.
 *
 * A written syllable is onset + rhyme, the rhyme being one of the ~160
 * entries of rhyme_table (medial + nucleus + coda). Two onsets swallow part
 * of what follows: "qu" (whose u is the medial) and "gi" (whose i doubles as
 * the rhyme's i in "gì", "gìn", "giêng").
 */
#include "../core/internal.h"
#include "syllable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ppi_letter {
    uint32_t cp;
    uint32_t base;
    uint8_t tone;
    uint8_t upper;
} ppi_letter;

typedef struct ppi_vowel_forms {
    uint32_t base;
    uint32_t forms[2][6];
} ppi_vowel_forms;

#include "letters.inc"
#include "rhymes.inc"

/* Longest first, so that "ngh" is tried before "ng" and "gi" before "g";
   with each onset's length in bytes and in letters. */
static const struct onset {
    const char *s;
    unsigned char bytes, letters;
} onset_table[] = {
    {"ngh", 3, 3}, {"ng", 2, 2}, {"nh", 2, 2}, {"ch", 2, 2}, {"gh", 2, 2}, {"gi", 2, 2}, {"kh", 2, 2},
    {"ph", 2, 2},  {"qu", 2, 2}, {"th", 2, 2}, {"tr", 2, 2}, {"b", 1, 1},  {"c", 1, 1},  {"d", 1, 1},
    {"đ", 2, 1},   {"g", 1, 1},  {"h", 1, 1},  {"k", 1, 1},  {"l", 1, 1},  {"m", 1, 1},  {"n", 1, 1},
    {"p", 1, 1},   {"r", 1, 1},  {"s", 1, 1},  {"t", 1, 1},  {"v", 1, 1},  {"x", 1, 1},  {"", 0, 0},
};

#define N_ONSETS (sizeof onset_table / sizeof onset_table[0])
#define MAX_LETTERS 10
#define MAX_RHYME_BYTES 24

enum { CP_A_BREVE = 0x103, CP_A_CIRC = 0xE2, CP_E_CIRC = 0xEA, CP_O_CIRC = 0xF4,
       CP_O_HORN = 0x1A1, CP_U_HORN = 0x1B0, CP_D_STROKE = 0x111 };

/* ---- letters ---- */

static int cmp_letter(const void *key, const void *elem)
{
    uint32_t cp = *(const uint32_t *)key, e = ((const ppi_letter *)elem)->cp;
    return cp < e ? -1 : cp > e;
}

static const ppi_letter *letter_lookup(uint32_t cp)
{
    return bsearch(&cp, letter_table, sizeof letter_table / sizeof letter_table[0],
                   sizeof letter_table[0], cmp_letter);
}

static int is_vowel(uint32_t b)
{
    switch (b) {
    case 'a': case CP_A_BREVE: case CP_A_CIRC: case 'e': case CP_E_CIRC: case 'i':
    case 'o': case CP_O_CIRC: case CP_O_HORN: case 'u': case CP_U_HORN: case 'y':
        return 1;
    default:
        return 0;
    }
}

/* Vowels with a quality mark always carry the tone mark when present. */
static int has_quality_mark(uint32_t b)
{
    return b == CP_A_BREVE || b == CP_A_CIRC || b == CP_E_CIRC || b == CP_O_CIRC ||
           b == CP_O_HORN || b == CP_U_HORN;
}

static uint32_t letter_form(uint32_t base, int tone, int upper)
{
    for (size_t i = 0; i < sizeof vowel_forms / sizeof vowel_forms[0]; i++)
        if (vowel_forms[i].base == base)
            return vowel_forms[i].forms[upper ? 1 : 0][tone];
    if (!upper)
        return base;
    return base == CP_D_STROKE ? 0x110 : base - 32; /* consonants: đ or ASCII */
}

/* A word as toneless lowercase base letters plus its tone and case. */
typedef struct letters {
    uint32_t base[MAX_LETTERS];
    int n;
    pp_tone tone;
    unsigned upper_mask;
} letters;

static int read_letters(const char *s, size_t len, letters *w)
{
    w->n = 0;
    w->tone = PP_TONE_NGANG;
    w->upper_mask = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = ppi_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (k == 0 || w->n == MAX_LETTERS)
            return 0;
        i += k;
        if (cp < 0x80) { /* the table's ASCII letters, without a search */
            uint32_t lo = cp | 0x20;
            if (lo < 'a' || lo > 'z' || lo == 'f' || lo == 'j' || lo == 'w' || lo == 'z')
                return 0;
            if (cp != lo)
                w->upper_mask |= 1u << w->n;
            w->base[w->n++] = lo;
            continue;
        }
        const ppi_letter *l = letter_lookup(cp);
        if (!l)
            return 0;
        if (l->tone) {
            if (w->tone != PP_TONE_NGANG)
                return 0; /* two tone marks */
            w->tone = (pp_tone)l->tone;
        }
        if (l->upper)
            w->upper_mask |= 1u << w->n;
        w->base[w->n++] = l->base;
    }
    return w->n > 0;
}

/* ---- rhymes ---- */

static int cmp_rhyme(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

static int rhyme_known(const char *r)
{
    return bsearch(r, rhyme_table, sizeof rhyme_table / sizeof rhyme_table[0],
                   sizeof rhyme_table[0], cmp_rhyme) != NULL;
}

static int starts_with_medial(const uint32_t *r, int n)
{
    if (n < 2)
        return 0;
    if (r[0] == 'o')
        return r[1] == 'a' || r[1] == CP_A_BREVE || r[1] == 'e';
    if (r[0] == 'u')
        return r[1] == CP_A_CIRC || r[1] == CP_E_CIRC || r[1] == 'y' || r[1] == CP_O_HORN;
    return 0;
}

static int is_front(uint32_t b)
{
    return b == 'i' || b == 'e' || b == CP_E_CIRC || b == 'y';
}

static int ends_in_stop(const uint32_t *r, int n)
{
    uint32_t last = r[n - 1];
    return last == 'p' || last == 't' || last == 'c' || (last == 'h' && n >= 2 && r[n - 2] == 'c');
}

static int onset_is(const char *onset, const char *a, const char *b, const char *c)
{
    return strcmp(onset, a) == 0 || (b && strcmp(onset, b) == 0) || (c && strcmp(onset, c) == 0);
}

/* The spelling and tone rules that tie an onset to a rhyme. r is the rhyme
   as written after the onset (for "gi" with the shared i put back). */
static int rhyme_fits(const char *onset, const char *rs, const uint32_t *r, int n, pp_tone tone)
{
    if (n <= 0 || !rhyme_known(rs))
        return 0;
    if (ends_in_stop(r, n) && tone != PP_TONE_SAC && tone != PP_TONE_NANG)
        return 0;
    int front = is_front(r[0]);
    int has_onset = onset[0] != '\0';
    if (onset_is(onset, "k", "gh", "ngh") && !front)
        return 0;
    if (onset_is(onset, "c", "g", "ng") && front)
        return 0;
    if (strcmp(onset, "c") == 0 && starts_with_medial(r, n))
        return 0; /* /kw/ is written qu */
    if (r[0] == 'y' && n > 1 && r[1] == CP_E_CIRC && has_onset && strcmp(onset, "qu") != 0)
        return 0; /* "yê" only stands alone or after qu: "yên", "quyên" */
    if (r[0] == 'i' && n > 1 && r[1] == CP_E_CIRC && (!has_onset || strcmp(onset, "qu") == 0))
        return 0; /* "iê" needs an onset: "tiên" */
    return 1;
}

/* After "qu" the u is the medial: "quân" = qu + ân, "quynh" = qu + ynh
   (the rhyme "uynh" without its u). A few rare words also take a rhyme
   with medial o: "quoắt", "quoàng". */
static int qu_rhyme_fits(const char *rs, const uint32_t *r, int n, pp_tone tone)
{
    if (n <= 0 || r[0] == 'u' || r[0] == CP_U_HORN || (r[0] == 'o' && !starts_with_medial(r, n)))
        return 0;
    if (rhyme_fits("qu", rs, r, n, tone))
        return 1;
    uint32_t ur[MAX_LETTERS + 1];
    char urs[MAX_RHYME_BYTES + 4];
    if (n >= MAX_LETTERS)
        return 0;
    ur[0] = 'u';
    memcpy(ur + 1, r, sizeof(uint32_t) * (size_t)n);
    ppi_utf8_from_cps(ur, n + 1, urs);
    return starts_with_medial(ur, n + 1) && rhyme_fits("qu", urs, ur, n + 1, tone);
}

/* ---- tone placement ---- */

/* Index, within the rhyme r (as after the onset), of the vowel that carries
   the tone mark. Only open "oa", "oe", "uy" depend on the style. */
static int tone_index(const uint32_t *r, int n, pp_tone_style style)
{
    int nv = 0;
    while (nv < n && is_vowel(r[nv]))
        nv++;
    int marked = -1;
    for (int i = 0; i < nv; i++)
        if (has_quality_mark(r[i]))
            marked = i;
    if (marked >= 0)
        return marked;
    if (nv <= 1)
        return 0;
    if (nv < n)
        return nv - 1; /* closed by a consonant: the last vowel ("hoàn") */
    if (nv == 2 && ((r[0] == 'o' && (r[1] == 'a' || r[1] == 'e')) || (r[0] == 'u' && r[1] == 'y')))
        return style == PP_TONE_STYLE_OLD ? 0 : 1;
    if (nv == 3)
        return 1; /* "oai", "uya", "uyu", "oeo": the middle one */
    return 0;     /* "ai", "ia", "ua", "ui", "ao": the first */
}

/* ---- parse ---- */

typedef struct parsed {
    const char *onset;
    uint32_t rhyme[MAX_LETTERS + 1];
    int nrhyme;
    int shared_i; /* "gi" + rhyme starting with the same written i */
} parsed;

static int try_onset(const char *onset, const letters *w, int olen, parsed *p)
{
    char rs[MAX_RHYME_BYTES];
    int n = w->n - olen;
    const uint32_t *r = w->base + olen;
    p->onset = onset;
    p->shared_i = 0;
    if (strcmp(onset, "gi") == 0) {
        if (n > 0 && r[0] != 'i') {
            ppi_utf8_from_cps(r, n, rs);
            if (rhyme_fits(onset, rs, r, n, w->tone)) {
                memcpy(p->rhyme, r, sizeof(uint32_t) * (size_t)n);
                p->nrhyme = n;
                return 1;
            }
        }
        /* "gì", "gìn", "giêng": the i of gi is also the rhyme's */
        p->rhyme[0] = 'i';
        memcpy(p->rhyme + 1, r, sizeof(uint32_t) * (size_t)n);
        p->nrhyme = n + 1;
        p->shared_i = 1;
        ppi_utf8_from_cps(p->rhyme, p->nrhyme, rs);
        return rhyme_fits(onset, rs, p->rhyme, p->nrhyme, w->tone);
    }
    if (n <= 0)
        return 0;
    memcpy(p->rhyme, r, sizeof(uint32_t) * (size_t)n);
    p->nrhyme = n;
    ppi_utf8_from_cps(r, n, rs);
    if (strcmp(onset, "qu") == 0)
        return qu_rhyme_fits(rs, r, n, w->tone);
    return rhyme_fits(onset, rs, r, n, w->tone);
}

static int parse_letters(const letters *w, parsed *p)
{
    char word[MAX_LETTERS * 4 + 1];
    ppi_utf8_from_cps(w->base, w->n, word);
    for (size_t i = 0; i < N_ONSETS; i++) {
        const struct onset *o = &onset_table[i];
        if (o->bytes && (word[0] != o->s[0] || strncmp(word, o->s, o->bytes) != 0))
            continue;
        if (try_onset(o->s, w, o->letters, p))
            return 1;
    }
    return 0;
}

static void copy_part(char *dst, size_t cap, const uint32_t *b, int n)
{
    char tmp[MAX_LETTERS * 4 + 1];
    size_t k = ppi_utf8_from_cps(b, n, tmp);
    if (k >= cap)
        k = cap - 1;
    memcpy(dst, tmp, k);
    dst[k] = '\0';
}

/* Splits a rhyme into medial, nucleus and coda (glides count as coda). */
static void split_rhyme(const uint32_t *r, int n, pp_syllable *out)
{
    int m = starts_with_medial(r, n) ? 1 : 0;
    int c = m;
    while (c < n && is_vowel(r[c]))
        c++;
    int nv = c - m; /* vowels after the medial */
    if (c == n && nv >= 2) {
        uint32_t last = r[n - 1], prev = r[n - 2];
        int glide = last == 'i' || last == 'y' || last == 'o' || last == 'u';
        int diphthong = last == 'a' || (prev == 'o' && last == 'o');
        if (glide && !diphthong)
            c = n - 1;
    }
    copy_part(out->medial, sizeof out->medial, r, m);
    copy_part(out->nucleus, sizeof out->nucleus, r + m, c - m);
    copy_part(out->coda, sizeof out->coda, r + c, n - c);
}

static pp_letter_case case_of(unsigned mask, int n)
{
    unsigned all = n >= 32 ? ~0u : (1u << n) - 1;
    if (mask == 0)
        return PP_CASE_LOWER;
    if (mask == all && n > 1)
        return PP_CASE_UPPER;
    if (mask == 1)
        return PP_CASE_TITLE;
    return PP_CASE_MIXED;
}

int pp_syllable_parse(pp_syllable *out, const char *s, size_t len)
{
    if (!out || (!s && len))
        return PP_ERR_ARG;
    memset(out, 0, sizeof *out);
    letters w;
    parsed p;
    if (!s || !read_letters(s, len, &w) || !parse_letters(&w, &p))
        return PP_ERR_NOT_SYLLABLE;
    snprintf(out->onset, sizeof out->onset, "%s", p.onset);
    split_rhyme(p.rhyme, p.nrhyme, out);
    out->tone = w.tone;
    out->upper_mask = w.upper_mask;
    out->letter_case = case_of(w.upper_mask, w.n);
    return PP_OK;
}

int pp_syllable_is_valid(const char *s, size_t len)
{
    letters w;
    parsed p;
    return s && read_letters(s, len, &w) && parse_letters(&w, &p);
}

/* ---- compose ---- */

/* Writes the written letters of onset + rhyme with the tone on the vowel
   tone_index picks and each letter in the case upper_mask says. */
static int write_syllable(char *buf, size_t cap, size_t *out_len, const char *onset,
                          const uint32_t *r, int n, int shared_i, pp_tone tone,
                          unsigned upper_mask, pp_tone_style style)
{
    uint32_t ob[4];
    int on = ppi_utf8_to_cps(onset, strlen(onset), ob, 4);
    if (on < 0)
        return PP_ERR_ARG;
    if (shared_i)
        on--; /* "gi" + "in" is written "gin" */
    uint32_t all[MAX_LETTERS * 2];
    int total = 0;
    for (int i = 0; i < on; i++)
        all[total++] = ob[i];
    int tone_at = on + tone_index(r, n, style);
    for (int i = 0; i < n; i++)
        all[total++] = r[i];
    size_t k = 0;
    char tmp[MAX_LETTERS * 2 * 4 + 1];
    for (int i = 0; i < total; i++) {
        int t = i == tone_at ? (int)tone : 0;
        k += ppi_utf8_encode(letter_form(all[i], t, (int)((upper_mask >> i) & 1u)), tmp + k);
    }
    if (k + 1 > cap)
        return PP_ERR_RANGE;
    memcpy(buf, tmp, k);
    buf[k] = '\0';
    if (out_len)
        *out_len = k;
    return PP_OK;
}

int pp_syllable_compose(char *buf, size_t cap, size_t *out_len, const pp_syllable *syl,
                        pp_tone_style style)
{
    if (out_len)
        *out_len = 0;
    if (!buf || !syl || (unsigned)syl->tone > PP_TONE_NANG)
        return PP_ERR_ARG;
    /* Rebuild the written toneless letters and parse them: this both checks
       the struct and recovers the onset's share of the rhyme. */
    char written[64];
    uint32_t r[MAX_LETTERS + 1];
    int shared = strcmp(syl->onset, "gi") == 0 && strncmp(syl->medial, "", 1) == 0 &&
                 syl->nucleus[0] == 'i';
    int len = snprintf(written, sizeof written, "%s%s%s%s", shared ? "g" : syl->onset,
                       syl->medial, syl->nucleus, syl->coda);
    if (len < 0 || (size_t)len >= sizeof written)
        return PP_ERR_ARG;
    letters w;
    parsed p;
    if (!read_letters(written, (size_t)len, &w))
        return PP_ERR_ARG;
    w.tone = syl->tone;
    if (!parse_letters(&w, &p) || strcmp(p.onset, syl->onset) != 0)
        return PP_ERR_ARG;
    memcpy(r, p.rhyme, sizeof(uint32_t) * (size_t)p.nrhyme);
    return write_syllable(buf, cap, out_len, p.onset, r, p.nrhyme, p.shared_i, syl->tone,
                          syl->upper_mask, style);
}

int ppi_syllable_restyle(const char *s, size_t len, pp_tone_style style, char *out, size_t cap,
                         size_t *out_len)
{
    letters w;
    parsed p;
    if (!read_letters(s, len, &w) || !parse_letters(&w, &p))
        return PP_ERR_NOT_SYLLABLE;
    return write_syllable(out, cap, out_len, p.onset, p.rhyme, p.nrhyme, p.shared_i, w.tone,
                          w.upper_mask, style);
}

static uint32_t plain_letter(uint32_t base)
{
    switch (base) {
    case CP_A_BREVE: case CP_A_CIRC: return 'a';
    case CP_E_CIRC: return 'e';
    case CP_O_CIRC: case CP_O_HORN: return 'o';
    case CP_U_HORN: return 'u';
    case CP_D_STROKE: return 'd';
    default: return base;
    }
}

char ppi_base_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' ? (char)(cp | 0x20) : 0;
    const ppi_letter *l = letter_lookup(cp);
    return l ? (char)plain_letter(l->base) : 0;
}

size_t ppi_skeleton(const char *s, size_t len, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = ppi_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (!n)
            return 0;
        const ppi_letter *l = letter_lookup(cp);
        uint32_t c = l ? plain_letter(l->base) : ppi_lower_cp(cp);
        char enc[4];
        size_t e = ppi_utf8_encode(c, enc);
        if (k + e + 1 > cap)
            return 0;
        memcpy(out + k, enc, e);
        k += e;
        i += n;
    }
    out[k] = '\0';
    return k;
}

const char *ppi_onset_at(size_t i)
{
    return i < N_ONSETS ? onset_table[i].s : NULL;
}

size_t ppi_written_onset(const char *low, size_t len)
{
    /* by hand rather than by onset_table: it runs for every candidate
       word. Every longer onset's prefix is an onset too (ngh, ng, n), so
       cutting the longest match short keeps an onset. */
    static const unsigned char single[128] = {
        ['b'] = 1, ['c'] = 1, ['d'] = 1, ['g'] = 1, ['h'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1,
        ['n'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['v'] = 1, ['x'] = 1,
    };
    unsigned char c = len ? (unsigned char)low[0] : 0;
    char next = len > 1 ? low[1] : 0;
    size_t n;
    if (c == 0xC4 && (unsigned char)next == 0x91) /* đ */
        n = 2;
    else if (c < 0x80 && single[c])
        n = 1;
    else
        return 0;
    switch (c) {
    case 'n': n = next == 'g' ? (len > 2 && low[2] == 'h' ? 3 : 2) : next == 'h' ? 2 : 1; break;
    case 'c': case 'k': case 'p': n = next == 'h' ? 2 : 1; break;
    case 't': n = next == 'h' || next == 'r' ? 2 : 1; break;
    case 'g': n = next == 'h' || next == 'i' ? 2 : 1; break;
    case 'q': n = next == 'u' ? 2 : 0; break; /* q alone is no onset */
    default: break;
    }
    if (n >= len) /* something must follow */
        n = c == 0xC4 || c == 'q' ? 0 : len - 1;
    return n;
}

int ppi_rhyme_table_sorted(void)
{
    for (size_t i = 1; i < sizeof rhyme_table / sizeof rhyme_table[0]; i++)
        if (strcmp(rhyme_table[i - 1], rhyme_table[i]) >= 0)
            return 0;
    for (size_t i = 1; i < sizeof letter_table / sizeof letter_table[0]; i++)
        if (letter_table[i - 1].cp >= letter_table[i].cp)
            return 0;
    return 1;
}
