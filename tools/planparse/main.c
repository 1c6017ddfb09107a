/* main.c - planparse: command-line front end of libplanparse. */
#include "cli_ingest.h"

#include <stdio.h>
#include <string.h>

static const char main_help[] =
    "Usage: planparse [--help] [--version] COMMAND [ARGS]\n"
    "\n"
    "Turns scanned or OCR'd Vietnamese administrative documents into correct\n"
    "text and structured records.\n"
    "\n"
    "Commands:\n"
    "  normalize [FILE|-]  check UTF-8, NFC, one tone-mark placement\n"
    "  restore [FILE|-]    restore OCR-damaged Vietnamese text\n"
    "  parse [FILE|-]      split a document into header, sections, signature,\n"
    "                      and extract its references, dates and agencies\n"
    "  ocr FILE            read a PDF, image or text file into restored text\n"
    "  batch DIR -o OUT    convert a whole folder into records and text\n"
    "\n"
    "Run 'planparse COMMAND --help' for a command's options.\n"
    "\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  usage error (bad command line)\n"
    "  2  bad input (invalid UTF-8, binary data, too large)\n"
    "  3  missing dependency or data file\n"
    "  4  input/output error (a file cannot be read or written)\n"
    "  5  internal error (out of memory, or a bug: please report it)\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(main_help, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(main_help, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("planparse %s (libplanparse %s)\n", PP_VERSION_STRING, pp_version());
        return EXIT_OK;
    }
    if (strcmp(cmd, "normalize") == 0)
        return cmd_normalize(argc - 1, argv + 1);
    if (strcmp(cmd, "restore") == 0)
        return cmd_restore(argc - 1, argv + 1);
    if (strcmp(cmd, "parse") == 0)
        return cmd_parse(argc - 1, argv + 1);
    if (strcmp(cmd, "ocr") == 0 || strcmp(cmd, "batch") == 0)
        cli_ingest_environment(argv);
    if (strcmp(cmd, "ocr") == 0)
        return cmd_ocr(argc - 1, argv + 1);
    if (strcmp(cmd, "batch") == 0)
        return cmd_batch(argc - 1, argv + 1);
    fprintf(stderr, "planparse: unknown command '%s'\nTry 'planparse --help'.\n", cmd);
    return EXIT_USAGE;
}
