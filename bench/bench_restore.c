/* bench_restore.c - speed of restoration as ratios to baselines run in the
 * same process, plus model load time and peak memory.
 *
 *   bench_restore MODEL FILE [FILE...]
 *
 * Baselines: pp_tokenize and pp_normalize over the same text (the cheapest
 * passes every document goes through). Reported: word tokens per second on
 * one core for each, restore's time as a multiple of the baselines', the
 * mean model load time, and peak RSS.
 *
 * A pp_ctx remembers the candidates of the tokens it has restored, so
 * restoration is measured two ways, neither with a context that has seen
 * the same text before: "one document" gives every file a new context (a
 * `planparse restore FILE`), "batch" gives each pass over all the files a
 * new context (a batch job over these documents). Each is measured with
 * the words and their confidences (the default, `--format json`) and with
 * the text alone (text_only: parse, ocr, batch, `planparse restore`). */
#include "planparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct text {
    char *s;
    size_t len, words;
} text;

typedef int (*pass_fn)(pp_ctx *ctx, const pp_model *m, const text *x);

static size_t count_words(const char *s, size_t len)
{
    pp_token *t;
    size_t n, w = 0;
    if (pp_tokenize(&t, &n, s, len) != PP_OK)
        exit(2);
    for (size_t i = 0; i < n; i++)
        w += t[i].kind == PP_TOK_WORD;
    pp_free(t);
    return w;
}

/* A context's life in rate(). */
enum { CTX_SHARED, CTX_PER_PASS, CTX_PER_FILE };

static pp_ctx *new_ctx(void)
{
    pp_ctx *ctx;
    if (pp_ctx_new(&ctx) != PP_OK)
        exit(2);
    return ctx;
}

/* Runs fn over every text until min_seconds have passed; words per second.
   Making and freeing the contexts is part of the time. */
static double rate(pass_fn fn, pp_ctx *shared, int ctx_life, const pp_model *m, const text *texts, int n,
                   double min_seconds)
{
    size_t words = 0;
    double t0 = now(), t;
    do {
        pp_ctx *pass_ctx = ctx_life == CTX_PER_PASS ? new_ctx() : shared;
        for (int i = 0; i < n; i++) {
            pp_ctx *ctx = ctx_life == CTX_PER_FILE ? new_ctx() : pass_ctx;
            if (fn(ctx, m, &texts[i]) != PP_OK) {
                fprintf(stderr, "bench: %s\n", pp_errmsg(ctx));
                exit(2);
            }
            if (ctx != pass_ctx)
                pp_ctx_free(ctx);
            words += texts[i].words;
        }
        if (pass_ctx != shared)
            pp_ctx_free(pass_ctx);
    } while ((t = now() - t0) < min_seconds);
    return (double)words / t;
}

static int run_tokenize(pp_ctx *ctx, const pp_model *m, const text *x)
{
    (void)ctx;
    (void)m;
    pp_token *t;
    size_t n;
    int rc = pp_tokenize(&t, &n, x->s, x->len);
    pp_free(t);
    return rc;
}

static int run_normalize(pp_ctx *ctx, const pp_model *m, const text *x)
{
    (void)m;
    char *out;
    size_t n;
    int rc = pp_normalize(&out, &n, NULL, ctx, x->s, x->len, NULL);
    pp_free(out);
    return rc;
}

static int run_restore(pp_ctx *ctx, const pp_model *m, const text *x)
{
    pp_restored *r;
    int rc = pp_restore(&r, ctx, m, x->s, x->len, NULL);
    pp_restored_free(r);
    return rc;
}

/* The text alone (text_only: no words, no confidences), as parse, ocr,
   batch and `planparse restore` without --format json ask for it. */
static int run_restore_text(pp_ctx *ctx, const pp_model *m, const text *x)
{
    pp_restored *r;
    pp_restore_options o = PP_RESTORE_OPTIONS_INIT;
    o.text_only = 1;
    int rc = pp_restore(&r, ctx, m, x->s, x->len, &o);
    pp_restored_free(r);
    return rc;
}

static int load_texts(pp_ctx *ctx, text *texts, char **paths, int n, size_t *words)
{
    *words = 0;
    for (int i = 0; i < n; i++) {
        char *raw;
        size_t rl;
        if (pp_read_file(&raw, &rl, ctx, paths[i], 0) != PP_OK ||
            pp_decode(&texts[i].s, &texts[i].len, ctx, raw, rl, NULL) != PP_OK) {
            fprintf(stderr, "bench: %s\n", pp_errmsg(ctx));
            return -1;
        }
        pp_free(raw);
        texts[i].words = count_words(texts[i].s, texts[i].len);
        *words += texts[i].words;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: bench_restore MODEL FILE [FILE...]\n", stderr);
        return 1;
    }
    pp_ctx *ctx;
    if (pp_ctx_new(&ctx) != PP_OK)
        return 2;
    int n = argc - 2;
    text *texts = calloc((size_t)n, sizeof *texts);
    size_t words;
    if (!texts || load_texts(ctx, texts, argv + 2, n, &words) != 0)
        return 2;
    /* model load: the mean of several (each maps and verifies the file) */
    const int loads = 10;
    pp_model *m = NULL;
    double t0 = now();
    for (int i = 0; i < loads; i++) {
        pp_model_free(m);
        if (pp_model_load(&m, ctx, argv[1]) != PP_OK) {
            fprintf(stderr, "bench: %s\n", pp_errmsg(ctx));
            return 2;
        }
    }
    double load_ms = (now() - t0) / loads * 1000;
    double tok = rate(run_tokenize, ctx, CTX_SHARED, m, texts, n, 1.0);
    double norm = rate(run_normalize, ctx, CTX_SHARED, m, texts, n, 1.0);
    double one = rate(run_restore, ctx, CTX_PER_FILE, m, texts, n, 2.0);
    double batch = rate(run_restore, ctx, CTX_PER_PASS, m, texts, n, 2.0);
    double one_text = rate(run_restore_text, ctx, CTX_PER_FILE, m, texts, n, 2.0);
    double batch_text = rate(run_restore_text, ctx, CTX_PER_PASS, m, texts, n, 2.0);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("input: %d files, %zu words\n", n, words);
    printf("tokenize:  %10.0f words/s (baseline)\n", tok);
    printf("normalize: %10.0f words/s\n", norm);
    printf("restore, one document: %10.0f words/s = %.1fx the time of normalize, %.1fx of tokenize\n", one,
           norm / one, tok / one);
    printf("restore, batch:        %10.0f words/s = %.1fx the time of normalize, %.1fx of tokenize\n", batch,
           norm / batch, tok / batch);
    printf("text only, one document: %10.0f words/s = %.1fx the time of normalize, %.1fx of tokenize\n",
           one_text, norm / one_text, tok / one_text);
    printf("text only, batch:        %10.0f words/s = %.1fx the time of normalize, %.1fx of tokenize\n",
           batch_text, norm / batch_text, tok / batch_text);
    printf("model load: %.2f ms (mean of %d)\n", load_ms, loads);
    printf("peak RSS: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    pp_model_free(m);
    for (int i = 0; i < n; i++)
        pp_free(texts[i].s);
    free(texts);
    pp_ctx_free(ctx);
    return 0;
}
