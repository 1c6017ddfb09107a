/* strip.c - pp-strip: prints FILE with every diacritic removed (the "typed
   without diacritics" evaluation set is made with it). */
#include "planparse.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: pp-strip FILE\n", stderr);
        return 1;
    }
    pp_ctx *ctx = NULL;
    char *raw = NULL, *text = NULL, *out = NULL;
    size_t rn, tn, on;
    int rc = pp_ctx_new(&ctx);
    if (rc == PP_OK)
        rc = pp_read_file(&raw, &rn, ctx, argv[1], 0);
    if (rc == PP_OK)
        rc = pp_decode(&text, &tn, ctx, raw, rn, NULL);
    if (rc == PP_OK)
        rc = pp_strip_diacritics(&out, &on, text, tn);
    if (rc == PP_OK)
        fwrite(out, 1, on, stdout);
    else
        fprintf(stderr, "pp-strip: %s: %s\n", argv[1], *pp_errmsg(ctx) ? pp_errmsg(ctx) : pp_strerror(rc));
    pp_free(raw);
    pp_free(text);
    pp_free(out);
    pp_ctx_free(ctx);
    return rc == PP_OK ? 0 : 2;
}
