/* cmd_normalize.c - `planparse normalize`: clean text, NFC, one tone-mark
   placement. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char normalize_help[] =
    "Usage: planparse normalize [OPTIONS] [FILE|-]\n"
    "\n"
    "Reads FILE (or standard input), checks that it is UTF-8, turns CRLF/CR\n"
    "line ends into LF, applies Unicode NFC and writes every Vietnamese\n"
    "syllable with its tone mark in one placement. Lines are kept as they are.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE      write to FILE, atomically (default: standard output)\n"
    "      --tone-style STYLE old: hóa, thủy, Ủy (default); new: hoá, thuỷ, Uỷ\n"
    "      --reject-control   fail on control characters instead of replacing\n"
    "                         them with spaces\n"
    "      --max-bytes SIZE   refuse larger input (default 256M; K, M, G suffixes)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 ok, 1 usage, 2 bad input, 3 missing data, 4 I/O error,\n"
    "5 internal error.\n";

static int normalize_text(pp_ctx *ctx, const char *text, size_t len, pp_buffer *out, void *arg)
{
    char *norm = NULL;
    size_t n = 0;
    int rc = pp_normalize(&norm, &n, NULL, ctx, text, len, arg);
    if (rc == PP_OK && cli_buf_append(out, norm, n) != 0)
        rc = PP_ERR_NOMEM;
    pp_free(norm);
    return rc;
}

int cmd_normalize(int argc, char **argv)
{
    enum { OPT_REJECT = 256 };
    static const struct option longopts[] = {
        CLI_TEXT_LONGOPTS,
        {"reject-control", no_argument, NULL, OPT_REJECT},
        {NULL, 0, NULL, 0},
    };
    pp_normalize_options nopts;
    pp_normalize_options_init(&nopts, PP_NORMALIZE_OPTIONS_VERSION);
    cli_text_settings ts;
    cli_text_settings_init(&ts, nopts.tone_style);
    int c, code = EXIT_OK;
    optind = 1;
    while (code == EXIT_OK && (c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_REJECT: ts.dopts.control = PP_CONTROL_REJECT; break;
        case 'h': fputs(normalize_help, stdout); return EXIT_OK;
        default: code = cli_text_option("normalize", c, optarg, &ts); break;
        }
    }
    if (code != EXIT_OK)
        return code;
    nopts.tone_style = ts.tone_style;
    const char *input = cli_one_input("normalize", argc, argv, optind);
    if (!input)
        return EXIT_USAGE;
    pp_ctx *ctx = NULL;
    if (pp_ctx_new(&ctx) != PP_OK)
        return cli_fail(NULL, PP_ERR_NOMEM);
    code = cli_run_text(ctx, input, ts.output, &ts.dopts, normalize_text, &nopts);
    pp_ctx_free(ctx);
    return code;
}
