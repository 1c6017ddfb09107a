/* cli_ingest.c - the options `ocr` and `batch` share: how files are read
   (OCR language, rendering) and the limits against hostile input. */
#include "cli_ingest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct option cli_ingest_longopts[] = {
    {"lang", required_argument, NULL, CLI_OPT_LANG},
    {"tessdata", required_argument, NULL, CLI_OPT_TESSDATA},
    {"dpi", required_argument, NULL, CLI_OPT_DPI},
    {"max-pages", required_argument, NULL, CLI_OPT_MAX_PAGES},
    {"max-pixels", required_argument, NULL, CLI_OPT_MAX_PIXELS},
    {"page-timeout", required_argument, NULL, CLI_OPT_PAGE_TIMEOUT},
    {"force-ocr", no_argument, NULL, CLI_OPT_FORCE_OCR},
    {"keep-confidence", required_argument, NULL, CLI_OPT_KEEP_CONFIDENCE},
};
const size_t cli_ingest_nlongopts = sizeof cli_ingest_longopts / sizeof cli_ingest_longopts[0];

const char cli_ingest_help[] = "      --lang LANG        tesseract language(s) (default vie)\n"
                               "      --tessdata DIR     tesseract's data folder (default: its own)\n"
                               "      --dpi N            rendering of PDF pages that need OCR (default 300)\n"
                               "      --force-ocr        OCR PDF pages even when their text layer is usable\n"
                               "      --keep-confidence N  OCR words read with confidence N (0-100) or more are\n"
                               "                         kept as read, the others restored (default 90; 101:\n"
                               "                         restore every word)\n"
                               "      --max-pages N      fail files with more pages (default 2000)\n"
                               "      --max-pixels N     fail page images with more pixels (default 150000000)\n"
                               "      --page-timeout S   fail a page whose OCR takes longer (default 300 s)\n";

/* A positive integer no larger than max, or -1. */
static long long positive(const char *arg, long long max)
{
    char *end;
    errno = 0;
    long long v = strtoll(arg, &end, 10);
    if (errno || end == arg || *end || v <= 0 || v > max)
        return -1;
    return v;
}

void cli_ingest_settings_init(cli_ingest_settings *s)
{
    pp_ingest_options_init(&s->io, PP_INGEST_OPTIONS_VERSION);
    s->keep_confidence = 0;
}

int cli_ingest_option(const char *cmd, int opt, const char *arg, cli_ingest_settings *s)
{
    pp_ingest_options *o = &s->io;
    long long v = 0;
    switch (opt) {
    case CLI_OPT_KEEP_CONFIDENCE:
        if ((v = strcmp(arg, "0") == 0 ? 0 : positive(arg, 101)) < 0)
            return cli_usage_error(cmd, "--keep-confidence must be 0 to 101, not '%s'", arg);
        /* 0 would mean the default to the library: every word kept is 0-100's 0 */
        s->keep_confidence = v ? (int)v : -1;
        return EXIT_OK;
    case CLI_OPT_LANG:
        o->language = arg;
        return EXIT_OK;
    case CLI_OPT_TESSDATA:
        o->tessdata = arg;
        return EXIT_OK;
    case CLI_OPT_FORCE_OCR:
        o->force_ocr = 1;
        return EXIT_OK;
    case CLI_OPT_DPI:
        if ((v = positive(arg, 1200)) < 70)
            return cli_usage_error(cmd, "--dpi must be 70 to 1200, not '%s'", arg);
        o->dpi = (int)v;
        return EXIT_OK;
    case CLI_OPT_MAX_PAGES:
        if ((v = positive(arg, 1000000)) < 0)
            return cli_usage_error(cmd, "--max-pages must be a positive number, not '%s'", arg);
        o->max_pages = (size_t)v;
        return EXIT_OK;
    case CLI_OPT_MAX_PIXELS:
        if ((v = positive(arg, (long long)1 << 40)) < 0)
            return cli_usage_error(cmd, "--max-pixels must be a positive number, not '%s'", arg);
        o->max_pixels = (size_t)v;
        return EXIT_OK;
    case CLI_OPT_PAGE_TIMEOUT:
        if ((v = positive(arg, 86400)) < 0)
            return cli_usage_error(cmd, "--page-timeout must be 1 to 86400 seconds, not '%s'", arg);
        o->page_timeout_ms = (int)(v * 1000);
        return EXIT_OK;
    }
    return cli_usage_error(cmd, "unknown option");
}

void cli_ingest_environment(char **argv)
{
    /* tesseract's OpenMP threads fight each other and our workers (a small
       page: 4.9 s with them, 0.8 s without). OpenMP reads the variable when
       the program starts, so set it and start again. */
    if (getenv("OMP_THREAD_LIMIT"))
        return;
    setenv("OMP_THREAD_LIMIT", "1", 1);
    execv("/proc/self/exe", argv);
    /* no /proc: go on with OpenMP's threads, slower but correct */
}

struct option *cli_ingest_merge_options(const struct option *own, size_t nown)
{
    struct option *all = calloc(nown + cli_ingest_nlongopts + 1, sizeof *all);
    if (!all)
        return NULL;
    memcpy(all, own, nown * sizeof *own);
    memcpy(all + nown, cli_ingest_longopts, cli_ingest_nlongopts * sizeof *all);
    return all;
}
