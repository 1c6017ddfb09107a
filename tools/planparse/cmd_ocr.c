/* cmd_ocr.c - `planparse ocr FILE`: a PDF, image or text file to restored
   text, page by page (pp_ingest_file, then pp_restore). */
#include "cli_ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char ocr_help_head[] = "Usage: planparse ocr [OPTIONS] FILE\n"
                                    "\n"
                                    "Reads a PDF (its text layer where it is usable, OCR of the rendered page\n"
                                    "elsewhere), an image (PNG, JPEG, TIFF with all its pages) or a text\n"
                                    "file, and prints its text restored, pages separated by an empty line.\n"
                                    "What a file is comes from its first bytes, not its name.\n"
                                    "\n"
                                    "Options:\n"
                                    "  -o, --output FILE      write to FILE, atomically (default: standard output)\n"
                                    "      --no-restore       print the text as read, without restoration\n"
                                    "      --pages            print one line per page on stderr: its number,\n"
                                    "                         where its text came from, OCR confidence\n"
                                    "      --model FILE       the model (default: $PLANPARSE_MODEL or the\n"
                                    "                         installed planparse.model)\n";

static const char ocr_help_tail[] = "  -h, --help             show this help\n"
                                    "\n"
                                    "Exit status: 0 ok, 1 usage, 2 bad input (corrupt, encrypted or empty\n"
                                    "file, over a limit), 3 missing model or OCR language data, 4 I/O error,\n"
                                    "5 internal error.\n";

static void print_pages(const char *path, const pp_document *d)
{
    for (size_t i = 0; i < pp_document_page_count(d); i++) {
        const pp_page *p = pp_document_page(d, i);
        fprintf(stderr, "planparse: %s: page %zu: %s", path, i + 1, pp_page_source_name(p->source));
        if (p->confidence >= 0)
            fprintf(stderr, ", confidence %d", p->confidence);
        if (p->image_width > 0)
            fprintf(stderr, ", image %d x %d at %d dpi", p->image_width, p->image_height, p->image_dpi);
        if (p->source == PP_PAGE_OCR)
            fprintf(stderr, ", %zu words", p->nwords);
        fputc('\n', stderr);
    }
}

static int run_ocr(pp_ctx *ctx, const char *path, const char *output, const char *model_path, int restore, int pages,
                   const cli_ingest_settings *in)
{
    pp_ocr *ocr = NULL;
    pp_document *d = NULL;
    pp_model *model = NULL;
    pp_restored *r = NULL;
    int rc = pp_ocr_new(&ocr, ctx, &in->io);
    if (rc == PP_OK && restore)
        rc = cli_load_model(ctx, model_path, &model);
    if (rc == PP_OK)
        rc = pp_ingest_file(&d, ctx, ocr, path, &in->io);
    if (rc != PP_OK) {
        int code = cli_fail(ctx, rc);
        pp_ocr_free(ocr);
        pp_model_free(model);
        return code;
    }
    cli_print_warnings(ctx);
    if (pages)
        print_pages(path, d);
    size_t len;
    const char *text = pp_document_text(d, &len);
    pp_restore_options ro = PP_RESTORE_OPTIONS_INIT;
    ro.ocr_words = pp_document_ocr_words(d, &ro.ocr_word_count);
    ro.keep_confidence = in->keep_confidence;
    ro.text_only = 1;
    if (restore && (rc = pp_restore(&r, ctx, model, text, len, &ro)) == PP_OK)
        text = pp_restored_text(r, &len);
    int code = rc == PP_OK ? cli_write_output(ctx, output, text, len) : cli_fail(ctx, rc);
    pp_restored_free(r);
    pp_document_free(d);
    pp_model_free(model);
    pp_ocr_free(ocr);
    return code;
}

int cmd_ocr(int argc, char **argv)
{
    enum { OPT_MODEL = 256, OPT_NO_RESTORE, OPT_PAGES };
    static const struct option own[] = {
        {"output", required_argument, NULL, 'o'}, {"no-restore", no_argument, NULL, OPT_NO_RESTORE},
        {"pages", no_argument, NULL, OPT_PAGES},  {"model", required_argument, NULL, OPT_MODEL},
        {"help", no_argument, NULL, 'h'},
    };
    struct option *longopts = cli_ingest_merge_options(own, sizeof own / sizeof own[0]);
    if (!longopts)
        return EXIT_INTERNAL;
    cli_ingest_settings in;
    cli_ingest_settings_init(&in);
    const char *output = NULL, *model_path = NULL;
    int restore = 1, pages = 0, c, code = EXIT_OK;
    optind = 1;
    while (code == EXIT_OK && (c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case OPT_NO_RESTORE:
            restore = 0;
            break;
        case OPT_PAGES:
            pages = 1;
            break;
        case OPT_MODEL:
            model_path = optarg;
            break;
        case 'h':
            fputs(ocr_help_head, stdout);
            fputs(cli_ingest_help, stdout);
            fputs(ocr_help_tail, stdout);
            free(longopts);
            return EXIT_OK;
        case '?':
            code = cli_usage_error("ocr", "unknown option");
            break;
        default:
            code = cli_ingest_option("ocr", c, optarg, &in);
            break;
        }
    }
    free(longopts);
    if (code != EXIT_OK)
        return code;
    if (optind != argc - 1)
        return cli_usage_error("ocr", "expected one FILE");
    pp_ctx *ctx;
    if (pp_ctx_new(&ctx) != PP_OK)
        return EXIT_INTERNAL;
    code = run_ocr(ctx, argv[optind], output, model_path, restore, pages, &in);
    pp_ctx_free(ctx);
    return code;
}
