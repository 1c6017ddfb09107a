/* pp_eval.c - the evaluation harness.
 *
 *   pp-eval GOLD HYP [GOLD HYP ...]     syllable accuracy of HYP against GOLD
 *   pp-eval --harm IN OUT [IN OUT ...]  share of tokens of correct IN changed in OUT
 *
 * Several pairs are added up (micro-average). --quiet prints only the total.
 * Definitions: tools/eval/score.h. */
#include "planparse.h"
#include "score.h"

#include <stdio.h>
#include <string.h>

static int load(const char *path, char **text, size_t *len)
{
    pp_ctx *ctx = NULL;
    char *raw = NULL;
    size_t raw_len = 0;
    int rc = pp_ctx_new(&ctx);
    if (rc == PP_OK)
        rc = pp_read_file(&raw, &raw_len, ctx, path, 0);
    if (rc == PP_OK)
        rc = pp_decode(text, len, ctx, raw, raw_len, NULL);
    if (rc != PP_OK)
        fprintf(stderr, "pp-eval: %s: %s\n", path, ctx ? pp_errmsg(ctx) : pp_strerror(rc));
    pp_free(raw);
    pp_ctx_free(ctx);
    return rc;
}

static int usage(void)
{
    fputs("usage: pp-eval [--quiet] GOLD HYP [GOLD HYP ...]\n"
          "       pp-eval [--quiet] --harm INPUT OUTPUT [INPUT OUTPUT ...]\n", stderr);
    return 1;
}

int main(int argc, char **argv)
{
    int harm = 0, quiet = 0, a = 1;
    for (; a < argc && argv[a][0] == '-' && argv[a][1]; a++) {
        if (strcmp(argv[a], "--harm") == 0)
            harm = 1;
        else if (strcmp(argv[a], "--quiet") == 0)
            quiet = 1;
        else
            return usage();
    }
    if (argc - a < 2 || (argc - a) % 2)
        return usage();
    pp_score total = {0};
    for (; a + 1 < argc; a += 2) {
        char *g = NULL, *h = NULL;
        size_t gn = 0, hn = 0;
        if (load(argv[a], &g, &gn) != PP_OK || load(argv[a + 1], &h, &hn) != PP_OK) {
            pp_free(g);
            return 2;
        }
        pp_score s;
        if (pp_score_texts(&s, g, gn, h, hn) != 0) {
            fprintf(stderr, "pp-eval: cannot score %s against %s\n", argv[a + 1], argv[a]);
            pp_free(g);
            pp_free(h);
            return 2;
        }
        if (!quiet)
            printf("%s\t%s\ttokens %zu\terrors %zu\t%s %.2f%%\t%s\n", argv[a], argv[a + 1],
                   s.gold_tokens, s.errors, harm ? "harm" : "accuracy",
                   100.0 * (harm ? 1.0 - pp_score_accuracy(&s) : pp_score_accuracy(&s)),
                   s.line_aligned ? "line-aligned" : "whole-text");
        pp_score_add(&total, &s);
        pp_free(g);
        pp_free(h);
    }
    if (harm)
        printf("harm %.3f%% (%zu of %zu tokens changed)\n", 100.0 * (1.0 - pp_score_accuracy(&total)),
               total.errors, total.gold_tokens);
    else
        printf("syllable accuracy %.2f%% (%zu errors / %zu gold tokens); diacritics exact %.2f%% (%zu / %zu)\n",
               100.0 * pp_score_accuracy(&total), total.errors, total.gold_tokens,
               100.0 * pp_score_diacritic_rate(&total), total.diacritic_exact, total.diacritic_tokens);
    return 0;
}
