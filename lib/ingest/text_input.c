/* text_input.c - from raw bytes to clean text: reading files, validating
   UTF-8, line ends, control characters, NFC. Every later stage can then
   assume valid NFC UTF-8 with LF line ends. */
#include "../core/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pp_decode_options_init(pp_decode_options *opts, unsigned version)
{
    if (!opts || version != PP_DECODE_OPTIONS_VERSION)
        return PP_ERR_ARG;
    pp_decode_options d = PP_DECODE_OPTIONS_INIT;
    *opts = d;
    return PP_OK;
}

static size_t limit_or_default(size_t max_bytes)
{
    return max_bytes ? max_bytes : PPI_DEFAULT_MAX_BYTES;
}

int pp_read_file(char **out, size_t *out_len, pp_ctx *ctx, const char *path, size_t max_bytes)
{
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    ppi_ctx_reset(ctx);
    if (!out || !out_len || !path)
        return ppi_fail(ctx, PP_ERR_ARG, "pp_read_file: NULL argument");
    size_t limit = limit_or_default(max_bytes);
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return ppi_fail(ctx, PP_ERR_IO, "%s: cannot open: %s", name, strerror(errno));
    ppi_buf b = {0};
    int rc = PP_OK;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > limit) {
            rc = ppi_fail(ctx, PP_ERR_INPUT, "%s: larger than the limit of %zu bytes", name, limit);
            break;
        }
        if ((rc = ppi_buf_append(&b, chunk, n)) != PP_OK) {
            ppi_fail(ctx, rc, "%s: out of memory after %zu bytes", name, b.len);
            break;
        }
    }
    if (rc == PP_OK && ferror(f))
        rc = ppi_fail(ctx, PP_ERR_IO, "%s: read error: %s", name, strerror(errno));
    if (!is_stdin)
        fclose(f);
    if (rc == PP_OK)
        rc = ppi_buf_finish(&b, out, out_len);
    ppi_buf_free(&b);
    return rc;
}

/* Byte order marks of encodings we do not read, longest first. */
static const struct {
    const char *bytes;
    size_t len;
    const char *name;
} foreign_boms[] = {
    {"\xFF\xFE\x00\x00", 4, "UTF-32LE"},
    {"\x00\x00\xFE\xFF", 4, "UTF-32BE"},
    {"\xFF\xFE", 2, "UTF-16LE"},
    {"\xFE\xFF", 2, "UTF-16BE"},
};

static int check_foreign_bom(pp_ctx *ctx, const char *name, const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < sizeof foreign_boms / sizeof foreign_boms[0]; i++) {
        if (len >= foreign_boms[i].len && memcmp(s, foreign_boms[i].bytes, foreign_boms[i].len) == 0)
            return ppi_fail(ctx, PP_ERR_INPUT,
                            "%s: starts with a %s byte order mark; only UTF-8 is read "
                            "(convert it first, e.g. iconv -f %s -t UTF-8)",
                            name, foreign_boms[i].name, foreign_boms[i].name);
    }
    return PP_OK;
}

static int invalid_utf8(pp_ctx *ctx, const char *name, const unsigned char *s, size_t len, size_t at)
{
    size_t line, col;
    ppi_text_position((const char *)s, len, at, &line, &col);
    size_t bad = ppi_utf8_invalid_len(s + at, len - at);
    char hex[16] = "";
    for (size_t i = 0; i < bad && i < 4; i++)
        snprintf(hex + 3 * i, sizeof hex - 3 * i, "%s%02X", i ? " " : "", s[at + i]);
    return ppi_fail(ctx, PP_ERR_INPUT,
                    "%s: invalid UTF-8 at byte %zu (line %zu, column %zu): bytes %s "
                    "are not a valid sequence; is the file in a legacy encoding "
                    "(Windows-1258, TCVN3, VNI)? Convert it to UTF-8 first",
                    name, at, line, col, hex);
}

static int is_replaced_control(uint32_t cp)
{
    if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f')
        return 0;
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

typedef struct control_stats {
    size_t count;
    uint32_t first_cp;
    size_t first_at;
} control_stats;

/* Validates, drops the BOM, unifies line ends and deals with control
   characters, writing the result into b. */
static int clean_bytes(pp_ctx *ctx, const char *name, const unsigned char *s, size_t len, const pp_decode_options *o,
                       ppi_buf *b, control_stats *cs)
{
    size_t i = (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    while (i < len) {
        uint32_t cp;
        size_t n = ppi_utf8_decode(s + i, len - i, &cp);
        if (n == 0)
            return invalid_utf8(ctx, name, s, len, i);
        int rc;
        if (cp == 0) {
            size_t line, col;
            ppi_text_position((const char *)s, len, i, &line, &col);
            return ppi_fail(ctx, PP_ERR_INPUT,
                            "%s: NUL byte at byte %zu (line %zu, column %zu): "
                            "this looks like binary data, not text",
                            name, i, line, col);
        } else if (cp == '\r') {
            rc = ppi_buf_putc(b, '\n');
            if (i + 1 < len && s[i + 1] == '\n')
                n = 2;
        } else if (is_replaced_control(cp)) {
            if (o->control == PP_CONTROL_REJECT) {
                size_t line, col;
                ppi_text_position((const char *)s, len, i, &line, &col);
                return ppi_fail(ctx, PP_ERR_INPUT, "%s: control character U+%04X at byte %zu (line %zu, column %zu)",
                                name, (unsigned)cp, i, line, col);
            }
            if (cs->count++ == 0) {
                cs->first_cp = cp;
                cs->first_at = i;
            }
            rc = ppi_buf_putc(b, ' ');
        } else {
            rc = ppi_buf_append(b, s + i, n);
        }
        if (rc)
            return ppi_fail(ctx, rc, "%s: out of memory", name);
        i += n;
    }
    return PP_OK;
}

int pp_decode(char **out, size_t *out_len, pp_ctx *ctx, const void *bytes, size_t len, const pp_decode_options *opts)
{
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    ppi_ctx_reset(ctx);
    pp_decode_options defaults = PP_DECODE_OPTIONS_INIT;
    const pp_decode_options *o = opts ? opts : &defaults;
    if (!out || !out_len || (!bytes && len) || o->version != PP_DECODE_OPTIONS_VERSION)
        return ppi_fail(ctx, PP_ERR_ARG, "pp_decode: NULL argument or unknown options version");
    const char *name = o->name ? o->name : "<input>";
    size_t limit = limit_or_default(o->max_bytes);
    if (len > limit)
        return ppi_fail(ctx, PP_ERR_INPUT, "%s: %zu bytes, more than the limit of %zu", name, len, limit);
    const unsigned char *s = bytes;
    int rc = check_foreign_bom(ctx, name, s, len);
    if (rc)
        return rc;

    ppi_buf b = {0};
    control_stats cs = {0};
    rc = ppi_buf_reserve(&b, len);
    if (rc == PP_OK)
        rc = clean_bytes(ctx, name, s, len, o, &b, &cs);
    if (rc == PP_OK && cs.count) {
        size_t line, col;
        ppi_text_position((const char *)s, len, cs.first_at, &line, &col);
        rc = ppi_warn(ctx, "%s: replaced %zu control character%s by space (first: U+%04X at byte %zu, line %zu)", name,
                      cs.count, cs.count == 1 ? "" : "s", (unsigned)cs.first_cp, cs.first_at, line);
    }
    if (rc == PP_OK)
        rc = ppi_nfc(ctx, b.data ? b.data : "", b.len, out, out_len);
    ppi_buf_free(&b);
    return rc;
}
