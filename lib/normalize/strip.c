/* strip.c - removing diacritics, for comparing and for making the
   "typed without accents" test set: NFD, drop combining marks, đ -> d. */
#include "../core/internal.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <stdlib.h>

/* Appends the code point, decomposed, without its combining marks. */
static int append_stripped(const UNormalizer2 *nfd, uint32_t cp, ppi_buf *out)
{
    char enc[4];
    if (cp == 0x111 || cp == 0x110) /* đ Đ have no decomposition */
        return ppi_buf_putc(out, cp == 0x111 ? 'd' : 'D');
    UChar dec[32];
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = unorm2_getDecomposition(nfd, (UChar32)cp, dec, 32, &err);
    if (U_FAILURE(err) || n < 0) /* no decomposition: keep as is */
        return ppi_buf_append(out, enc, ppi_utf8_encode(cp, enc));
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(dec, i, n, c);
        if (u_getCombiningClass(c) == 0 && u_charType(c) != U_NON_SPACING_MARK) {
            int rc = ppi_buf_append(out, enc, ppi_utf8_encode((uint32_t)c, enc));
            if (rc)
                return rc;
        }
    }
    return PP_OK;
}

int pp_strip_diacritics(char **out, size_t *out_len, const char *text, size_t len)
{
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!out || (!text && len))
        return PP_ERR_ARG;
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
    if (U_FAILURE(err))
        return PP_ERR_DEPENDENCY;
    ppi_buf b = {0};
    int rc = ppi_buf_reserve(&b, len);
    if (rc == PP_OK && ppi_is_ascii(text, len)) {
        rc = ppi_buf_append(&b, text, len);
    } else {
        for (size_t i = 0; rc == PP_OK && i < len;) {
            uint32_t cp;
            size_t k = ppi_utf8_decode((const unsigned char *)text + i, len - i, &cp);
            if (k == 0) {
                rc = PP_ERR_INPUT;
                break;
            }
            if (u_getCombiningClass((UChar32)cp) == 0 && u_charType((UChar32)cp) != U_NON_SPACING_MARK)
                rc = append_stripped(nfd, cp, &b);
            i += k;
        }
    }
    if (rc == PP_OK)
        rc = ppi_buf_finish(&b, out, out_len);
    ppi_buf_free(&b);
    return rc;
}
