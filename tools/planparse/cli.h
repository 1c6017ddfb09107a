/* cli.h - what the planparse subcommands share: exit codes, reading input,
   writing output, reporting. The CLI only wires the library together. */
#ifndef PLANPARSE_CLI_H
#define PLANPARSE_CLI_H

#include "planparse.h"

#include <stddef.h>

enum {
    EXIT_OK = 0,
    EXIT_USAGE = 1,    /* bad command line */
    EXIT_INPUT = 2,    /* bad input: invalid UTF-8, binary, too large */
    EXIT_MISSING = 3,  /* missing dependency or data file */
    EXIT_IO = 4,       /* a file could not be read or written */
    EXIT_INTERNAL = 5  /* out of memory or a bug */
};

/* Maps a library status to the documented exit code. */
int cli_exit_code(int status);

/* Prints "planparse: <message>" on stderr (the ctx message when it has one,
   else pp_strerror) and returns the exit code for status. */
int cli_fail(pp_ctx *ctx, int status);

/* Prints every warning of ctx on stderr. */
void cli_print_warnings(const pp_ctx *ctx);

/* Prints a usage error and returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...);

/* Reads FILE or "-" and decodes it into clean text (pp_decode). */
int cli_read_text(pp_ctx *ctx, const char *path, const pp_decode_options *opts, char **text,
                  size_t *len);

/* Writes to path atomically, or to stdout when path is NULL or "-". */
int cli_write_output(pp_ctx *ctx, const char *path, const char *data, size_t len);

/* The options the text commands (normalize, restore, parse) share:
   -o/--output FILE, --tone-style old|new, --max-bytes SIZE ("1048576",
   "64K", "256M", "1G"; not 0), and --model FILE for those with a model. */
enum { CLI_OPT_TONE = 900, CLI_OPT_MAX_BYTES, CLI_OPT_MODEL };
#define CLI_TEXT_LONGOPTS                                                                                  \
    {"output", required_argument, NULL, 'o'}, {"tone-style", required_argument, NULL, CLI_OPT_TONE},       \
        {"max-bytes", required_argument, NULL, CLI_OPT_MAX_BYTES}, {"help", no_argument, NULL, 'h'}
#define CLI_MODEL_LONGOPT {"model", required_argument, NULL, CLI_OPT_MODEL}

/* What they set. */
typedef struct cli_text_settings {
    const char *output;     /* NULL: stdout */
    const char *model_path; /* NULL: see cli_load_model */
    pp_tone_style tone_style;
    pp_decode_options dopts; /* max_bytes */
} cli_text_settings;

/* tone_style starts as the command's options' default. */
void cli_text_settings_init(cli_text_settings *s, pp_tone_style tone_style);

/* Applies one shared option (getopt_long's result and optarg); anything
   else is an unknown option. EXIT_OK, or EXIT_USAGE after printing what is
   wrong. */
int cli_text_option(const char *cmd, int opt, const char *arg, cli_text_settings *s);
/* The one input file left after the options ("-" when none); NULL after
   printing a usage error when there are more. */
const char *cli_one_input(const char *cmd, int argc, char **argv, int first);


/* Loads the model at path (NULL: $PLANPARSE_MODEL, then the model beside
   the executable, ../share/planparse/, then the installed one). */
int cli_load_model(pp_ctx *ctx, const char *path, pp_model **out);

/* A growable output buffer. Functions return 0, or -1 when out of memory. */
typedef struct pp_buffer {
    char *data;
    size_t len, cap;
} pp_buffer;
int cli_buf_append(pp_buffer *b, const char *s, size_t n);
int cli_buf_puts(pp_buffer *b, const char *s);
void cli_buf_free(pp_buffer *b);

/* What a text command does to its decoded input: append the result to out.
   Returns a library status (the message in ctx). */
typedef int (*cli_transform)(pp_ctx *ctx, const char *text, size_t len, pp_buffer *out, void *arg);

/* The common flow of a text command: read input (FILE or "-") with
   dopts, print warnings, transform, write to output (NULL or "-":
   stdout; else atomically). Returns the exit code, errors printed. */
int cli_run_text(pp_ctx *ctx, const char *input, const char *output, pp_decode_options *dopts,
                 cli_transform fn, void *arg);

int cmd_normalize(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_ocr(int argc, char **argv);
int cmd_batch(int argc, char **argv);

#endif
