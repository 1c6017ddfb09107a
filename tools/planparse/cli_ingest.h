/* cli_ingest.h - the options `ocr` and `batch` share. */
#ifndef PLANPARSE_CLI_INGEST_H
#define PLANPARSE_CLI_INGEST_H

#include "cli.h"

#include <getopt.h>

enum {
    CLI_OPT_LANG = 1000,
    CLI_OPT_TESSDATA,
    CLI_OPT_DPI,
    CLI_OPT_MAX_PAGES,
    CLI_OPT_MAX_PIXELS,
    CLI_OPT_PAGE_TIMEOUT,
    CLI_OPT_FORCE_OCR,
    CLI_OPT_KEEP_CONFIDENCE
};

/* What the shared options set: how files are read, and which OCR words
   restoration keeps. */
typedef struct cli_ingest_settings {
    pp_ingest_options io;
    int keep_confidence; /* 0: the library's default */
} cli_ingest_settings;

void cli_ingest_settings_init(cli_ingest_settings *s);

/* getopt_long entries of the shared options (no terminator). */
extern const struct option cli_ingest_longopts[];
extern const size_t cli_ingest_nlongopts;
/* Their lines in a --help text. */
extern const char cli_ingest_help[];

/* Applies one shared option; EXIT_OK or EXIT_USAGE (printed). */
int cli_ingest_option(const char *cmd, int opt, const char *arg, cli_ingest_settings *s);

/* Unless the user set OMP_THREAD_LIMIT: sets it to 1 and runs the program
   again with argv (the whole command line), as OpenMP reads it at start. */
void cli_ingest_environment(char **argv);

/* The command's own options followed by the shared ones, terminated; the
   caller frees the result. NULL when out of memory. */
struct option *cli_ingest_merge_options(const struct option *own, size_t nown);

#endif
