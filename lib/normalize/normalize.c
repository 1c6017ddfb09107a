/* normalize.c - NFC plus one tone-mark placement for every syllable. */
#include "../core/internal.h"
#include "syllable.h"

#include <stdlib.h>
#include <string.h>

int pp_normalize_options_init(pp_normalize_options *opts, unsigned version)
{
    if (!opts || version != PP_NORMALIZE_OPTIONS_VERSION)
        return PP_ERR_ARG;
    pp_normalize_options d = PP_NORMALIZE_OPTIONS_INIT;
    *opts = d;
    return PP_OK;
}

static size_t first_invalid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = ppi_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!k)
            return i;
        i += k;
    }
    return n;
}

/* Copies the NFC text, rewriting syllables whose tone mark is elsewhere.
   The tokens are kept (*toks_out) when asked for: a restyled syllable is
   still one word of the same kind, so the tokens of the output are those
   of the input at their new offsets, and restoration need not tokenize
   the text again. */
static int restyle_syllables(const char *nfc, size_t len, pp_tone_style style, ppi_buf *out,
                             size_t *changed, pp_token **toks_out, size_t *ntok_out)
{
    pp_token *toks = NULL;
    size_t ntok = 0;
    int rc = pp_tokenize(&toks, &ntok, nfc, len);
    for (size_t i = 0; rc == PP_OK && i < ntok; i++) {
        const char *t = nfc + toks[i].offset;
        size_t tl = toks[i].length, nl, at = out->len;
        char syl[32];
        /* a syllable in plain letters has no tone mark to move */
        if ((toks[i].flags & PP_TOKF_SYLLABLE) && !ppi_is_ascii(t, tl) &&
            ppi_syllable_restyle(t, tl, style, syl, sizeof syl, &nl) == PP_OK &&
            (nl != tl || memcmp(syl, t, tl) != 0)) {
            rc = ppi_buf_append(out, syl, nl);
            ++*changed;
        } else {
            rc = ppi_buf_append(out, t, tl);
        }
        toks[i].offset = at;
        toks[i].length = out->len - at;
    }
    if (rc == PP_OK && toks_out) {
        *toks_out = toks;
        *ntok_out = ntok;
    } else {
        free(toks);
    }
    return rc;
}

int ppi_normalize_tokens(char **out, size_t *out_len, pp_token **toks, size_t *ntok, size_t *changed,
                         pp_ctx *ctx, const char *text, size_t len, const pp_normalize_options *opts)
{
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (changed)
        *changed = 0;
    if (toks)
        *toks = NULL;
    if (ntok)
        *ntok = 0;
    ppi_ctx_reset(ctx);
    pp_normalize_options defaults = PP_NORMALIZE_OPTIONS_INIT;
    const pp_normalize_options *o = opts ? opts : &defaults;
    if (!out || (!text && len) || o->version != PP_NORMALIZE_OPTIONS_VERSION ||
        (o->tone_style != PP_TONE_STYLE_OLD && o->tone_style != PP_TONE_STYLE_NEW) || (toks && !ntok))
        return ppi_fail(ctx, PP_ERR_ARG, "pp_normalize: NULL argument or bad options");
    size_t bad = first_invalid_utf8(text ? text : "", len);
    if (bad < len) {
        size_t line, col;
        ppi_text_position(text, len, bad, &line, &col);
        return ppi_fail(ctx, PP_ERR_INPUT,
                        "invalid UTF-8 at byte %zu (line %zu, column %zu); decode input with pp_decode first",
                        bad, line, col);
    }
    char *nfc = NULL;
    size_t nfc_len = 0, n_changed = 0;
    int rc = ppi_nfc(ctx, text ? text : "", len, &nfc, &nfc_len);
    ppi_buf b = {0};
    if (rc == PP_OK)
        rc = ppi_buf_reserve(&b, nfc_len);
    if (rc == PP_OK)
        rc = restyle_syllables(nfc, nfc_len, o->tone_style, &b, &n_changed, toks, ntok);
    if (rc == PP_OK)
        rc = ppi_buf_finish(&b, out, out_len);
    if (rc == PP_OK && changed)
        *changed = n_changed;
    if (rc != PP_OK && toks) {
        free(*toks);
        *toks = NULL;
        *ntok = 0;
    }
    if (rc == PP_ERR_NOMEM)
        ppi_fail(ctx, rc, "out of memory while normalising %zu bytes", len);
    ppi_buf_free(&b);
    free(nfc);
    return rc;
}

int pp_normalize(char **out, size_t *out_len, size_t *changed, pp_ctx *ctx, const char *text,
                 size_t len, const pp_normalize_options *opts)
{
    return ppi_normalize_tokens(out, out_len, NULL, NULL, changed, ctx, text, len, opts);
}
