/* cli.c - shared plumbing of the planparse subcommands. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Parses a size such as "1048576", "64K", "256M", "1G". */
static int parse_size(const char *s, size_t *out)
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

/* "old" or "new"; -1 for anything else. */
static int parse_tone_style(const char *s, pp_tone_style *out)
{
    if (strcmp(s, "old") == 0)
        *out = PP_TONE_STYLE_OLD;
    else if (strcmp(s, "new") == 0)
        *out = PP_TONE_STYLE_NEW;
    else
        return -1;
    return 0;
}

void cli_text_settings_init(cli_text_settings *s, pp_tone_style tone_style)
{
    s->output = NULL;
    s->model_path = NULL;
    s->tone_style = tone_style;
    pp_decode_options_init(&s->dopts, PP_DECODE_OPTIONS_VERSION);
}

int cli_text_option(const char *cmd, int opt, const char *arg, cli_text_settings *s)
{
    switch (opt) {
    case 'o':
        s->output = arg;
        return EXIT_OK;
    case CLI_OPT_MODEL:
        s->model_path = arg;
        return EXIT_OK;
    case CLI_OPT_TONE:
        if (parse_tone_style(arg, &s->tone_style) != 0)
            return cli_usage_error(cmd, "--tone-style must be 'old' or 'new', not '%s'", arg);
        return EXIT_OK;
    case CLI_OPT_MAX_BYTES:
        if (parse_size(arg, &s->dopts.max_bytes) != 0 || s->dopts.max_bytes == 0)
            return cli_usage_error(cmd, "--max-bytes: '%s' is not a size", arg);
        return EXIT_OK;
    }
    return cli_usage_error(cmd, "unknown option");
}

const char *cli_one_input(const char *cmd, int argc, char **argv, int first)
{
    if (argc - first > 1) {
        cli_usage_error(cmd, "takes one input file, got %d", argc - first);
        return NULL;
    }
    return first < argc ? argv[first] : "-";
}

int cli_load_model(pp_ctx *ctx, const char *path, pp_model **out)
{
    if (path || getenv("PLANPARSE_MODEL"))
        return pp_model_load(out, ctx, path);
    /* beside the executable first: build/bin -> build/share, or an
       installed prefix/bin -> prefix/share */
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 64);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            strcpy(slash, "/../share/planparse/planparse.model");
            if (access(exe, R_OK) == 0)
                return pp_model_load(out, ctx, exe);
        }
    }
    return pp_model_load(out, ctx, NULL);
}

int cli_buf_append(pp_buffer *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d)
            return -1;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int cli_buf_puts(pp_buffer *b, const char *s)
{
    return cli_buf_append(b, s, strlen(s));
}

void cli_buf_free(pp_buffer *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int cli_run_text(pp_ctx *ctx, const char *input, const char *output, pp_decode_options *dopts,
                 cli_transform fn, void *arg)
{
    char *text = NULL;
    size_t len = 0;
    pp_buffer out = {0};
    dopts->name = strcmp(input, "-") == 0 ? "<stdin>" : input;
    int rc = cli_read_text(ctx, input, dopts, &text, &len);
    if (rc == PP_OK) {
        cli_print_warnings(ctx);
        if (len == 0)
            fprintf(stderr, "planparse: warning: %s: input is empty\n", dopts->name);
        rc = fn(ctx, text, len, &out, arg);
    }
    if (rc == PP_OK)
        rc = cli_write_output(ctx, output, out.data ? out.data : "", out.len);
    int code = rc == PP_OK ? EXIT_OK : cli_fail(ctx, rc);
    cli_buf_free(&out);
    pp_free(text);
    return code;
}
