/* cmd_parse.c - `planparse parse`: a document into its record (header,
   sections, closing, recipients, signature, tables, footnotes), as JSON
   (docs/record.md), reflowed text or Markdown. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char parse_help[] =
    "Usage: planparse parse [OPTIONS] [FILE|-]\n"
    "\n"
    "Splits a Vietnamese administrative document into its parts: the header\n"
    "(issuing agency, number, place, date, type, title), the numbered\n"
    "sections, the closing paragraph, the recipients (Nơi nhận), the\n"
    "signature, tables, footnotes and attached documents. OCR-damaged text\n"
    "is restored first. Parts that cannot be found are null in the record\n"
    "and reported as warnings on standard error (exit status 0).\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE      write to FILE, atomically (default: standard output)\n"
    "      --format FORMAT    json (default; docs/record.md), text (the restored\n"
    "                         document, paragraphs rejoined) or md (Markdown)\n"
    "      --compact          JSON on one line (JSON Lines)\n"
    "      --only LIST        print one extracted list alone: references, dates,\n"
    "                         periods, deadlines or agencies, as JSON Lines (one\n"
    "                         item per line; --format json) or --format tsv\n"
    "      --no-restore       the text is known to be correct: do not restore it\n"
    "      --model FILE       the model (default: $PLANPARSE_MODEL or the\n"
    "                         installed planparse.model)\n"
    "      --tone-style STYLE old: hóa, thủy, Ủy (default); new: hoá, thuỷ, Uỷ\n"
    "      --max-bytes SIZE   refuse larger input (default 256M)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 ok (warnings on stderr), 1 usage, 2 bad input, 3 missing\n"
    "model, 4 I/O error, 5 internal error.\n";

typedef struct parse_job {
    pp_model *model;
    pp_parse_options opts;
    pp_record_format format;
    unsigned flags;
    int only;             /* a pp_record_list, or -1 for the whole record */
    pp_list_format list_format;
} parse_job;

static int parse_text(pp_ctx *ctx, const char *text, size_t len, pp_buffer *out, void *arg)
{
    const parse_job *job = arg;
    pp_record *r = NULL;
    int rc = pp_parse(&r, ctx, job->model, text, len, &job->opts);
    if (rc != PP_OK)
        return rc;
    cli_print_warnings(ctx);
    char *s = NULL;
    size_t sl = 0;
    if (job->only >= 0)
        rc = pp_record_write_list(&s, &sl, ctx, r, (pp_record_list)job->only, job->list_format);
    else
        rc = pp_record_write(&s, &sl, ctx, r, job->format, job->flags);
    if (rc == PP_OK && cli_buf_append(out, s, sl))
        rc = PP_ERR_NOMEM;
    pp_free(s);
    pp_record_free(r);
    return rc;
}

static int only_option(const char *arg, int *only)
{
    static const char *const lists[] = {"references", "dates", "periods", "deadlines", "agencies"};
    for (int i = 0; i < (int)(sizeof lists / sizeof lists[0]); i++)
        if (strcmp(arg, lists[i]) == 0) {
            *only = i; /* the order of pp_record_list */
            return EXIT_OK;
        }
    return cli_usage_error("parse", "--only must be references, dates, periods, deadlines or agencies, not '%s'",
                           arg);
}

int cmd_parse(int argc, char **argv)
{
    enum { OPT_FORMAT = 256, OPT_COMPACT, OPT_NO_RESTORE, OPT_ONLY };
    static const struct option longopts[] = {
        CLI_TEXT_LONGOPTS,
        CLI_MODEL_LONGOPT,
        {"format", required_argument, NULL, OPT_FORMAT},
        {"compact", no_argument, NULL, OPT_COMPACT},
        {"only", required_argument, NULL, OPT_ONLY},
        {"no-restore", no_argument, NULL, OPT_NO_RESTORE},
        {NULL, 0, NULL, 0},
    };
    parse_job job = {NULL, PP_PARSE_OPTIONS_INIT, PP_RECORD_JSON, 0, -1, PP_LIST_JSONL};
    cli_text_settings ts;
    cli_text_settings_init(&ts, job.opts.tone_style);
    int tsv = 0, c, code = EXIT_OK;
    optind = 1;
    while (code == EXIT_OK && (c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_FORMAT:
            if (strcmp(optarg, "json") == 0)
                job.format = PP_RECORD_JSON;
            else if (strcmp(optarg, "text") == 0)
                job.format = PP_RECORD_TEXT;
            else if (strcmp(optarg, "md") == 0)
                job.format = PP_RECORD_MARKDOWN;
            else if (strcmp(optarg, "tsv") == 0)
                tsv = 1;
            else
                return cli_usage_error("parse", "--format must be 'json', 'text', 'md' or 'tsv', not '%s'", optarg);
            break;
        case OPT_ONLY: code = only_option(optarg, &job.only); break;
        case OPT_COMPACT: job.flags |= PP_JSON_COMPACT; break;
        case OPT_NO_RESTORE: job.opts.restore = 0; break;
        case 'h': fputs(parse_help, stdout); return EXIT_OK;
        default: code = cli_text_option("parse", c, optarg, &ts); break;
        }
    }
    if (code != EXIT_OK)
        return code;
    job.opts.tone_style = ts.tone_style;
    if (tsv && job.only < 0)
        return cli_usage_error("parse", "--format tsv needs --only LIST");
    if (job.only >= 0 && job.format != PP_RECORD_JSON)
        return cli_usage_error("parse", "--only prints JSON Lines or TSV: use --format json or tsv");
    job.list_format = tsv ? PP_LIST_TSV : PP_LIST_JSONL;
    const char *input = cli_one_input("parse", argc, argv, optind);
    if (!input)
        return EXIT_USAGE;
    job.opts.source_path = strcmp(input, "-") == 0 ? NULL : input;
    pp_ctx *ctx = NULL;
    if (pp_ctx_new(&ctx) != PP_OK)
        return cli_fail(NULL, PP_ERR_NOMEM);
    int rc = job.opts.restore ? cli_load_model(ctx, ts.model_path, &job.model) : PP_OK;
    code = rc == PP_OK ? cli_run_text(ctx, input, ts.output, &ts.dopts, parse_text, &job) : cli_fail(ctx, rc);
    pp_model_free(job.model);
    pp_ctx_free(ctx);
    return code;
}
