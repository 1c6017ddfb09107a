/* cmd_restore.c - `planparse restore`: OCR-damaged text back to correct
   Vietnamese, as text or as JSON with every decision. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char restore_help[] =
    "Usage: planparse restore [OPTIONS] [FILE|-]\n"
    "\n"
    "Restores OCR-damaged or diacritic-less Vietnamese text: every word is\n"
    "decided between itself and the words it may stand for, by a syllable\n"
    "language model and a model of OCR errors. Lines are kept as they are.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE      write to FILE, atomically (default: standard output)\n"
    "      --format FORMAT    text (default) or json: every word with the\n"
    "                         original, the choice, a confidence and alternatives\n"
    "      --model FILE       the model (default: $PLANPARSE_MODEL or the\n"
    "                         installed planparse.model)\n"
    "      --tone-style STYLE old: hóa, thủy, Ủy (default); new: hoá, thuỷ, Uỷ\n"
    "      --max-bytes SIZE   refuse larger input (default 256M)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 ok, 1 usage, 2 bad input, 3 missing model, 4 I/O error,\n"
    "5 internal error.\n";

/* Appends s as a JSON string. */
static int json_string(pp_buffer *b, const char *s)
{
    int rc = cli_buf_puts(b, "\"");
    for (; rc == 0 && *s; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            esc[2] = '\0';
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
        } else {
            esc[0] = (char)c;
            esc[1] = '\0';
        }
        rc = cli_buf_puts(b, esc);
    }
    return rc ? rc : cli_buf_puts(b, "\"");
}

static int restored_json(pp_buffer *b, const pp_restored *r)
{
    size_t len;
    const char *text = pp_restored_text(r, &len);
    int rc = cli_buf_puts(b, "{\"text\":");
    rc = rc ? rc : json_string(b, text);
    rc = rc ? rc : cli_buf_puts(b, ",\"tokens\":[");
    for (size_t i = 0; rc == 0 && i < pp_restored_token_count(r); i++) {
        const pp_restore_token *t = pp_restored_token(r, i);
        char num[128];
        snprintf(num, sizeof num, "%s{\"line\":%zu,\"offset\":%zu,\"original\":", i ? "," : "", t->line,
                 t->offset);
        rc = cli_buf_puts(b, num);
        rc = rc ? rc : json_string(b, t->original);
        rc = rc ? rc : cli_buf_puts(b, ",\"choice\":");
        rc = rc ? rc : json_string(b, t->choice);
        snprintf(num, sizeof num, ",\"changed\":%s,\"confidence\":%.4f,\"alternatives\":[",
                 t->changed ? "true" : "false", t->confidence);
        rc = rc ? rc : cli_buf_puts(b, num);
        for (size_t a = 0; rc == 0 && a < t->nalts; a++) {
            rc = cli_buf_puts(b, a ? ",{\"text\":" : "{\"text\":");
            rc = rc ? rc : json_string(b, t->alts[a]);
            snprintf(num, sizeof num, ",\"confidence\":%.4f}", t->alt_confidence[a]);
            rc = rc ? rc : cli_buf_puts(b, num);
        }
        rc = rc ? rc : cli_buf_puts(b, "]}");
    }
    return rc ? rc : cli_buf_puts(b, "]}\n");
}

typedef struct restore_job {
    pp_model *model;
    const pp_restore_options *opts;
    int json;
} restore_job;

static int restore_text(pp_ctx *ctx, const char *text, size_t len, pp_buffer *out, void *arg)
{
    const restore_job *job = arg;
    pp_restored *r = NULL;
    int rc = pp_restore(&r, ctx, job->model, text, len, job->opts);
    if (rc == PP_OK) {
        size_t tl;
        const char *t = pp_restored_text(r, &tl);
        if (job->json ? restored_json(out, r) : cli_buf_append(out, t, tl))
            rc = PP_ERR_NOMEM;
    }
    pp_restored_free(r);
    return rc;
}

int cmd_restore(int argc, char **argv)
{
    enum { OPT_FORMAT = 256 };
    static const struct option longopts[] = {
        CLI_TEXT_LONGOPTS,
        CLI_MODEL_LONGOPT,
        {"format", required_argument, NULL, OPT_FORMAT},
        {NULL, 0, NULL, 0},
    };
    pp_restore_options ropts;
    pp_restore_options_init(&ropts, PP_RESTORE_OPTIONS_VERSION);
    cli_text_settings ts;
    cli_text_settings_init(&ts, ropts.tone_style);
    int json = 0, c, code = EXIT_OK;
    optind = 1;
    while (code == EXIT_OK && (c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT:
            if (strcmp(optarg, "json") == 0)
                json = 1;
            else if (strcmp(optarg, "text") != 0)
                return cli_usage_error("restore", "--format must be 'text' or 'json', not '%s'", optarg);
            break;
        case 'h': fputs(restore_help, stdout); return EXIT_OK;
        default: code = cli_text_option("restore", c, optarg, &ts); break;
        }
    }
    if (code != EXIT_OK)
        return code;
    ropts.tone_style = ts.tone_style;
    const char *input = cli_one_input("restore", argc, argv, optind);
    if (!input)
        return EXIT_USAGE;
    pp_ctx *ctx = NULL;
    if (pp_ctx_new(&ctx) != PP_OK)
        return cli_fail(NULL, PP_ERR_NOMEM);
    ropts.text_only = !json; /* the words and their confidences only for json */
    restore_job job = {NULL, &ropts, json};
    int rc = cli_load_model(ctx, ts.model_path, &job.model);
    code = rc == PP_OK ? cli_run_text(ctx, input, ts.output, &ts.dopts, restore_text, &job) : cli_fail(ctx, rc);
    pp_model_free(job.model);
    pp_ctx_free(ctx);
    return code;
}
