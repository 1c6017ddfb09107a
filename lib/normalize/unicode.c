/* unicode.c - the parts of Unicode we take from ICU: NFC and character
   classes. ICU's normaliser instance is a process-wide immutable singleton,
   so using it keeps the library free of mutable global state. */
#include "../core/internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

void ppi_count_case(const char *s, size_t len, size_t *letters, size_t *upper, int *first_upper)
{
    int first = -1;
    *letters = *upper = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = ppi_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (!k) { /* not valid UTF-8: not a letter */
            i++;
            continue;
        }
        if (ppi_is_word_char(cp)) {
            int up = ppi_lower_cp(cp) != cp;
            if (first < 0)
                first = up;
            ++*letters;
            *upper += up;
        }
        i += k;
    }
    if (first_upper)
        *first_upper = first;
}

int ppi_is_word_char(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (u_isalpha((UChar32)cp))
        return 1;
    int8_t t = u_charType((UChar32)cp);
    return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

int ppi_is_digit(uint32_t cp)
{
    return cp < 0x80 ? cp >= '0' && cp <= '9' : u_isdigit((UChar32)cp);
}

int ppi_is_hspace(uint32_t cp)
{
    if (cp == '\n' || cp == '\r')
        return 0;
    if (cp == '\t' || cp == '\f' || cp == '\v' || cp == ' ')
        return 1;
    return cp >= 0x80 && u_isUWhiteSpace((UChar32)cp) && cp != 0x2028 && cp != 0x2029;
}

int ppi_is_punct(uint32_t cp)
{
    return u_ispunct((UChar32)cp);
}

uint32_t ppi_lower_cp(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    return (uint32_t)u_tolower((UChar32)cp);
}

uint32_t ppi_upper_cp(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
    return (uint32_t)u_toupper((UChar32)cp);
}

int ppi_append_lower(ppi_buf *out, const char *s, size_t len)
{
    int rc = ppi_buf_reserve(out, len);
    for (size_t i = 0; rc == PP_OK && i < len;) {
        uint32_t cp;
        size_t k = ppi_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (!k) { /* not ours to judge here: keep the byte */
            rc = ppi_buf_putc(out, s[i++]);
            continue;
        }
        char enc[4];
        rc = ppi_buf_append(out, enc, ppi_utf8_encode(ppi_lower_cp(cp), enc));
        i += k;
    }
    return rc;
}

/* NFC of one line (valid UTF-8). NFC never composes across a line feed,
   which is a starter that combines with nothing, so lines are independent. */
static int nfc_line(pp_ctx *ctx, const UNormalizer2 *nfc, const char *s, size_t n, ppi_buf *out)
{
    if (ppi_is_ascii(s, n))
        return ppi_buf_append(out, s, n);
    if (n > (size_t)INT32_MAX / 4)
        return ppi_fail(ctx, PP_ERR_INPUT, "a line of %zu bytes is too long for Unicode normalisation", n);
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)n, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return ppi_fail(ctx, PP_ERR_DEPENDENCY, "ICU u_strFromUTF8: %s", u_errorName(err));
    int32_t cap = ulen * 3 + 16; /* NFC expansion is at most 3x */
    UChar *src = malloc(sizeof(UChar) * ((size_t)ulen + 1));
    UChar *dst = malloc(sizeof(UChar) * (size_t)cap);
    int rc = PP_OK;
    if (!src || !dst) {
        rc = PP_ERR_NOMEM;
        goto done;
    }
    err = U_ZERO_ERROR;
    u_strFromUTF8(src, ulen + 1, NULL, s, (int32_t)n, &err);
    int32_t dlen = U_SUCCESS(err) ? unorm2_normalize(nfc, src, ulen, dst, cap, &err) : 0;
    if (U_FAILURE(err)) {
        rc = ppi_fail(ctx, PP_ERR_DEPENDENCY, "ICU NFC normalisation: %s", u_errorName(err));
        goto done;
    }
    int32_t blen = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &blen, dst, dlen, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) {
        rc = ppi_fail(ctx, PP_ERR_DEPENDENCY, "ICU u_strToUTF8: %s", u_errorName(err));
        goto done;
    }
    rc = ppi_buf_reserve(out, (size_t)blen);
    if (rc)
        goto done;
    err = U_ZERO_ERROR;
    u_strToUTF8(out->data + out->len, (int32_t)(out->cap - out->len), NULL, dst, dlen, &err);
    if (U_FAILURE(err)) {
        rc = ppi_fail(ctx, PP_ERR_DEPENDENCY, "ICU u_strToUTF8: %s", u_errorName(err));
        goto done;
    }
    out->len += (size_t)blen;
done:
    free(src);
    free(dst);
    return rc;
}

int ppi_nfc(pp_ctx *ctx, const char *text, size_t len, char **out, size_t *out_len)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err))
        return ppi_fail(ctx, PP_ERR_DEPENDENCY, "ICU has no NFC data: %s", u_errorName(err));
    ppi_buf b = {0};
    int rc = ppi_buf_reserve(&b, len);
    size_t start = 0;
    while (rc == PP_OK && start < len) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) + 1 : len;
        rc = nfc_line(ctx, nfc, text + start, end - start, &b);
        start = end;
    }
    if (rc == PP_OK)
        rc = ppi_buf_finish(&b, out, out_len);
    ppi_buf_free(&b);
    return rc;
}
