/* normalize_file.c - the smallest complete libplanparse program: read a
   file, check and clean it, put every tone mark in the traditional place,
   print the result. Build it against an installed libplanparse:

     cc normalize_file.c $(pkg-config --cflags --libs planparse)
*/
#include <planparse.h>

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 1;
    }
    pp_ctx *ctx = NULL;
    if (pp_ctx_new(&ctx) != PP_OK) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    char *raw = NULL, *text = NULL, *norm = NULL;
    size_t raw_len = 0, text_len = 0, norm_len = 0, changed = 0;

    pp_decode_options dopts;
    pp_decode_options_init(&dopts, PP_DECODE_OPTIONS_VERSION);
    dopts.name = argv[1];

    int rc = pp_read_file(&raw, &raw_len, ctx, argv[1], 0);
    if (rc == PP_OK)
        rc = pp_decode(&text, &text_len, ctx, raw, raw_len, &dopts);
    if (rc == PP_OK)
        rc = pp_normalize(&norm, &norm_len, &changed, ctx, text, text_len, NULL);
    if (rc == PP_OK) {
        fwrite(norm, 1, norm_len, stdout);
        fprintf(stderr, "%zu syllables rewritten\n", changed);
    } else {
        fprintf(stderr, "error (%s): %s\n", pp_strerror(rc), pp_errmsg(ctx));
    }
    pp_free(raw);
    pp_free(text);
    pp_free(norm);
    pp_ctx_free(ctx);
    return rc == PP_OK ? 0 : 1;
}
