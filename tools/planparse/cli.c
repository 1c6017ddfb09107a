/* cli.c - shared plumbing of the planparse subcommands. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_exit_code(int status)
{
    switch (status) {
    case PP_OK: return EXIT_OK;
    case PP_ERR_ARG: return EXIT_USAGE;
    case PP_ERR_INPUT:
    case PP_ERR_NOT_SYLLABLE: return EXIT_INPUT;
    case PP_ERR_DATA:
    case PP_ERR_DEPENDENCY: return EXIT_MISSING;
    case PP_ERR_IO: return EXIT_IO;
    default: return EXIT_INTERNAL;
    }
}

int cli_fail(pp_ctx *ctx, int status)
{
    const char *msg = ctx ? pp_errmsg(ctx) : "";
    fprintf(stderr, "planparse: %s\n", *msg ? msg : pp_strerror(status));
    return cli_exit_code(status);
}

void cli_print_warnings(const pp_ctx *ctx)
{
    for (size_t i = 0; i < pp_warning_count(ctx); i++)
        fprintf(stderr, "planparse: warning: %s\n", pp_warning(ctx, i));
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "planparse %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'planparse %s --help'.\n", cmd);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_read_text(pp_ctx *ctx, const char *path, const pp_decode_options *opts, char **text,
                  size_t *len)
{
    char *raw = NULL;
    size_t raw_len = 0;
    int rc = pp_read_file(&raw, &raw_len, ctx, path, opts->max_bytes);
    if (rc == PP_OK)
        rc = pp_decode(text, len, ctx, raw, raw_len, opts);
    pp_free(raw);
    return rc;
}

int cli_write_output(pp_ctx *ctx, const char *path, const char *data, size_t len)
{
    if (path && strcmp(path, "-") != 0)
        return pp_write_file_atomic(ctx, path, data, len);
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, "planparse: cannot write to standard output: %s\n", strerror(errno));
        return PP_ERR_IO;
    }
    return PP_OK;
}

int cli_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-')
        return -1;
    unsigned shift = 0;
    switch (*end) {
    case '\0': break;
    case 'K': case 'k': shift = 10; end++; break;
    case 'M': case 'm': shift = 20; end++; break;
    case 'G': case 'g': shift = 30; end++; break;
    default: return -1;
    }
    if (*end || v > (SIZE_MAX >> shift))
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}
