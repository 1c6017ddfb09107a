/* cmd_batch.c - `planparse batch DIR -o OUT`: every document under DIR to a
   record (JSON) and its restored text in OUT, by worker threads that each
   own a context and an OCR engine and share one model.

   Resuming: after a document's outputs are in place, a stamp OUT/REL.done
   holds the SHA-256 of its bytes and the planparse version; a document
   whose stamp matches is skipped. Every output is written atomically
   (temporary file, then rename), so a run killed at any moment leaves
   whole files or none, and the next run redoes only what has no stamp. */
#define _GNU_SOURCE /* nftw with FTW_ACTIONRETVAL, to skip hidden folders and OUT */
#include "cli_ingest.h"

#include <ctype.h>
#include <errno.h>
#include <ftw.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char batch_help_head[] = "Usage: planparse batch [OPTIONS] DIR -o OUT\n"
                                      "\n"
                                      "Converts every document under DIR (recursively: PDFs, images and text\n"
                                      "files, recognised by extension or by their first bytes) into OUT/REL.json\n"
                                      "(the record, docs/record.md) and OUT/REL.txt (the restored text), where\n"
                                      "REL is the file's path under DIR. OUT/index.jsonl lists every document\n"
                                      "done, OUT/failures.jsonl every one that failed and why; the batch goes on\n"
                                      "after a failure. A document already done (same bytes, same planparse\n"
                                      "version) is skipped, so an interrupted run resumes where it stopped.\n"
                                      "Ctrl-C or SIGTERM finishes the documents in progress and stops; a second\n"
                                      "one stops at once (whole files only: every output is written atomically).\n"
                                      "\n"
                                      "Options:\n"
                                      "  -o, --output OUT       the output folder (made if missing)\n"
                                      "  -j, --jobs N           worker threads (default: the number of cores)\n"
                                      "      --force            redo documents already done\n"
                                      "      --shard K/N        only the documents whose path hash falls in share K\n"
                                      "                         of N (1 <= K <= N): N machines can share one folder;\n"
                                      "                         the lists are then index-K-of-N.jsonl and\n"
                                      "                         failures-K-of-N.jsonl\n"
                                      "  -q, --quiet            no progress, only failures\n"
                                      "      --no-restore       the text is known to be correct: do not restore it\n"
                                      "      --model FILE       the model (default: $PLANPARSE_MODEL or the\n"
                                      "                         installed planparse.model)\n";

static const char batch_help_tail[] = "  -h, --help             show this help\n"
                                      "\n"
                                      "Progress: a status line on a terminal (files, pages, pages/s, ETA), one\n"
                                      "line per document otherwise.\n"
                                      "Exit status: 0 all documents done, 2 some failed (see failures.jsonl),\n"
                                      "1 usage, 3 missing model or OCR data, 4 OUT cannot be written, 130\n"
                                      "interrupted.\n";

/* ---- the files ---- */

typedef enum item_state { TO_DO, DONE_NOW, DONE_BEFORE, FAILED } item_state;

typedef struct item {
    char *path; /* as found under DIR */
    char *rel;  /* relative to DIR */
    item_state state;
    char *error;
    size_t pages;
} item;

typedef struct file_list {
    item *v;
    size_t n, cap;
} file_list;

static const char *const known_ext[] = {"pdf", "png", "jpg", "jpeg", "tif", "tiff", "txt"};

static int has_known_extension(const char *path)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return 0;
    for (size_t i = 0; i < sizeof known_ext / sizeof known_ext[0]; i++)
        if (strcasecmp(dot + 1, known_ext[i]) == 0)
            return 1;
    return 0;
}

/* A file without a known extension is taken when its first bytes say PDF
   or image. */
static int has_document_magic(const char *path)
{
    unsigned char head[8];
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return pp_input_kind_of(head, n) != PP_INPUT_TEXT;
}

/* nftw has no user argument: the walk's state, one walk at a time */
static struct {
    file_list *list;
    size_t root_len;
    const char *skip; /* OUT, when it is inside DIR */
    int nomem;
} walk;

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    const char *base = path + ftw->base;
    if (ftw->level > 0 && base[0] == '.')
        return type == FTW_D ? FTW_SKIP_SUBTREE : FTW_CONTINUE; /* hidden */
    if (type == FTW_D && walk.skip && strcmp(path, walk.skip) == 0)
        return FTW_SKIP_SUBTREE;
    if (type != FTW_F || !S_ISREG(st->st_mode))
        return FTW_CONTINUE;
    if (!has_known_extension(path) && !has_document_magic(path))
        return FTW_CONTINUE;
    file_list *l = walk.list;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        item *v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            walk.nomem = 1;
            return FTW_STOP;
        }
        l->v = v;
        l->cap = cap;
    }
    const char *rel = path + walk.root_len;
    while (*rel == '/')
        rel++;
    item it = {strdup(path), strdup(rel), TO_DO, NULL, 0};
    if (!it.path || !it.rel) {
        free(it.path);
        free(it.rel);
        walk.nomem = 1;
        return FTW_STOP;
    }
    l->v[l->n++] = it;
    return FTW_CONTINUE;
}

static int cmp_item(const void *a, const void *b)
{
    return strcmp(((const item *)a)->rel, ((const item *)b)->rel);
}

static void free_list(file_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].path);
        free(l->v[i].rel);
        free(l->v[i].error);
    }
    free(l->v);
}

/* FNV-1a 64 of the relative path: the same share on every machine. */
static uint64_t path_hash(const char *s)
{
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void keep_shard(file_list *l, unsigned k, unsigned n)
{
    size_t kept = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (path_hash(l->v[i].rel) % n == k - 1) {
            l->v[kept++] = l->v[i];
        } else {
            free(l->v[i].path);
            free(l->v[i].rel);
        }
    }
    l->n = kept;
}

/* ---- output paths ---- */

/* mkdir -p of the folder that will hold path. */
static int make_parents(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

static char *out_path(const char *out, const char *rel, const char *ext)
{
    size_t n = strlen(out) + strlen(rel) + strlen(ext) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s%s", out, rel, ext);
    return p;
}

/* 1 if the stamp at path says this content was done by this version;
 *pages then holds its page count. */
static int stamp_matches(const char *path, const char *sha, size_t *pages)
{
    char buf[200] = {0}, hash[80] = {0}, version[64] = {0};
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return sscanf(buf, "%79s %63s %zu", hash, version, pages) == 3 && strcmp(hash, sha) == 0 &&
           strcmp(version, pp_version()) == 0;
}

/* ---- the run ---- */

typedef struct batch {
    const char *dir, *out;
    file_list files;
    pp_model *model;
    cli_ingest_settings in;
    pp_parse_options po;
    int force, quiet, tty;
    pthread_mutex_t lock;
    size_t next; /* the next file to take */
    size_t finished, pages, failed, skipped;
    double start;
    int fatal; /* exit code when the machine failed (memory, OCR data): stop */
    char fatal_msg[512];
} batch;

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    if (stop_requested) /* the second one: at once (outputs are whole files) */
        _exit(128 + sig);
    stop_requested = sig;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Called with the lock held after each document. */
static void report(batch *b, const item *it)
{
    size_t total = b->files.n;
    if (it->state == FAILED) {
        if (b->tty && !b->quiet)
            fputc('\n', stderr);
        fprintf(stderr, "planparse: batch: %s\n", it->error); /* the message names the file */
    }
    if (b->quiet)
        return;
    double t = now() - b->start;
    double rate = t > 0 ? (double)b->pages / t : 0;
    if (b->tty) {
        double per_file = b->finished > b->skipped ? t / (double)(b->finished - b->skipped) : 0;
        long eta = (long)(per_file * (double)(total - b->finished));
        fprintf(stderr, "\r[%zu/%zu files] %zu pages, %.2f pages/s, ETA %ld:%02ld, %zu failed   ", b->finished, total,
                b->pages, rate, eta / 60, eta % 60, b->failed);
        if (b->finished == total)
            fputc('\n', stderr);
    } else if (it->state != FAILED) {
        fprintf(stderr, "planparse: batch: [%zu/%zu] %s: %s (%zu page%s)\n", b->finished, total, it->rel,
                it->state == DONE_BEFORE ? "already done" : "done", it->pages, it->pages == 1 ? "" : "s");
    }
    fflush(stderr);
}

/* The record, the text, then the stamp at ps: the document's hash, the
   version, pages and kind. */
static int write_outputs(pp_ctx *ctx, const batch *b, const item *it, const pp_record *r, const char *sha,
                         const char *ps, pp_input_kind kind, char *err, size_t errcap)
{
    char stamp[160];
    snprintf(stamp, sizeof stamp, "%s %s %zu %s\n", sha, pp_version(), it->pages, pp_input_kind_name(kind));
    char *json = NULL, *text = NULL;
    size_t jl = 0, tl = 0;
    char *pj = out_path(b->out, it->rel, ".json"), *pt = out_path(b->out, it->rel, ".txt");
    int rc = pj && pt ? PP_OK : PP_ERR_NOMEM;
    if (rc == PP_OK && make_parents(pj) != 0) {
        snprintf(err, errcap, "%s: cannot make its folder: %s", pj, strerror(errno));
        rc = PP_ERR_IO;
    }
    if (rc == PP_OK)
        rc = pp_record_write(&json, &jl, ctx, r, PP_RECORD_JSON, 0);
    if (rc == PP_OK)
        rc = pp_record_write(&text, &tl, ctx, r, PP_RECORD_TEXT, 0);
    if (rc == PP_OK)
        rc = pp_write_file_atomic(ctx, pj, json, jl);
    if (rc == PP_OK)
        rc = pp_write_file_atomic(ctx, pt, text, tl);
    if (rc == PP_OK) /* last: only a document with both outputs in place is done */
        rc = pp_write_file_atomic(ctx, ps, stamp, strlen(stamp));
    pp_free(json);
    pp_free(text);
    free(pj);
    free(pt);
    return rc;
}

/* One document: read, skip when done, ingest, parse, write. */
static int process(pp_ctx *ctx, pp_ocr **ocr, batch *b, item *it, char *err, size_t errcap)
{
    char *data = NULL;
    size_t len = 0;
    int rc = pp_read_file(&data, &len, ctx, it->path, b->in.io.max_bytes);
    if (rc != PP_OK)
        return rc;
    char sha[65];
    pp_sha256_hex(data, len, sha);
    char *ps = out_path(b->out, it->rel, ".done");
    if (!ps) {
        pp_free(data);
        return PP_ERR_NOMEM;
    }
    if (!b->force && stamp_matches(ps, sha, &it->pages)) {
        pp_free(data);
        free(ps);
        it->state = DONE_BEFORE;
        return PP_OK;
    }
    pp_input_kind kind = pp_input_kind_of(data, len);
    pp_document *d = NULL;
    if (kind == PP_INPUT_TEXT || *ocr || (rc = pp_ocr_new(ocr, ctx, &b->in.io)) == PP_OK)
        rc = pp_ingest_memory(&d, ctx, *ocr, data, len, it->path, &b->in.io);
    pp_free(data);
    if (rc != PP_OK) {
        free(ps);
        return rc;
    }
    for (size_t w = 0; w < pp_warning_count(ctx); w++)
        fprintf(stderr, "planparse: batch: warning: %s\n", pp_warning(ctx, w));
    pp_parse_options po = b->po;
    po.source_path = it->rel;
    po.keep_confidence = b->in.keep_confidence;
    pp_record *r = NULL;
    rc = pp_parse_document(&r, ctx, b->model, d, &po);
    it->pages = pp_document_page_count(d);
    if (rc == PP_OK)
        rc = write_outputs(ctx, b, it, r, sha, ps, kind, err, errcap);
    pp_record_free(r);
    pp_document_free(d);
    free(ps);
    if (rc == PP_OK)
        it->state = DONE_NOW;
    return rc;
}

static void *worker(void *arg)
{
    batch *b = arg;
    pp_ctx *ctx = NULL;
    pp_ocr *ocr = NULL;
    if (pp_ctx_new(&ctx) != PP_OK) {
        pthread_mutex_lock(&b->lock);
        b->fatal = EXIT_INTERNAL;
        snprintf(b->fatal_msg, sizeof b->fatal_msg, "out of memory");
        pthread_mutex_unlock(&b->lock);
        return NULL;
    }
    for (;;) {
        pthread_mutex_lock(&b->lock);
        size_t i = b->next < b->files.n && !stop_requested && !b->fatal ? b->next++ : SIZE_MAX;
        pthread_mutex_unlock(&b->lock);
        if (i == SIZE_MAX)
            break;
        item *it = &b->files.v[i];
        char err[512] = "";
        int rc = process(ctx, &ocr, b, it, err, sizeof err);
        const char *msg = err[0] ? err : pp_errmsg(ctx)[0] ? pp_errmsg(ctx) : pp_strerror(rc);
        pthread_mutex_lock(&b->lock);
        if (rc == PP_ERR_DEPENDENCY || rc == PP_ERR_NOMEM) { /* the machine, not the file */
            b->fatal = cli_exit_code(rc);
            snprintf(b->fatal_msg, sizeof b->fatal_msg, "%s", msg);
            it->state = TO_DO;
        } else {
            if (rc != PP_OK) {
                it->state = FAILED;
                it->error = strdup(msg);
                b->failed++;
            }
            b->skipped += it->state == DONE_BEFORE;
            b->pages += it->state == DONE_NOW ? it->pages : 0;
            b->finished++;
            report(b, it);
        }
        pthread_mutex_unlock(&b->lock);
    }
    pp_ocr_free(ocr);
    pp_ctx_free(ctx);
    return NULL;
}

/* ---- the lists ---- */

static int append_json_line(pp_buffer *buf, json_t *o)
{
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    int rc = !s || cli_buf_puts(buf, s) || cli_buf_puts(buf, "\n") ? -1 : 0;
    free(s);
    return rc;
}

static char *list_path(const batch *b, const char *stem, unsigned k, unsigned n)
{
    char *p = malloc(strlen(b->out) + strlen(stem) + 48);
    if (!p)
        return NULL;
    if (n > 1)
        sprintf(p, "%s/%s-%u-of-%u.jsonl", b->out, stem, k, n);
    else
        sprintf(p, "%s/%s.jsonl", b->out, stem);
    return p;
}

/* index: every document of the list that is done (now or before);
   failures: every one that failed in this run. */
static int write_lists(pp_ctx *ctx, batch *b, unsigned k, unsigned n)
{
    pp_buffer index = {0}, failures = {0};
    int bad = 0;
    for (size_t i = 0; i < b->files.n && !bad; i++) {
        const item *it = &b->files.v[i];
        if (it->state == DONE_NOW || it->state == DONE_BEFORE) {
            /* "s+": the string joined to the next one */
            bad = append_json_line(&index, json_pack("{s:s, s:s+, s:s+, s:I}", "path", it->rel, "record", it->rel,
                                                     ".json", "text", it->rel, ".txt", "pages", (json_int_t)it->pages));
        } else if (it->state == FAILED) {
            bad = append_json_line(&failures, json_pack("{s:s, s:s}", "path", it->rel, "error", it->error));
        }
    }
    char *pi = list_path(b, "index", k, n), *pf = list_path(b, "failures", k, n);
    int rc = bad || !pi || !pf ? PP_ERR_NOMEM : PP_OK;
    if (rc == PP_OK)
        rc = pp_write_file_atomic(ctx, pi, index.data ? index.data : "", index.len);
    if (rc == PP_OK)
        rc = pp_write_file_atomic(ctx, pf, failures.data ? failures.data : "", failures.len);
    free(pi);
    free(pf);
    cli_buf_free(&index);
    cli_buf_free(&failures);
    return rc;
}

/* ---- the command ---- */

static int shard_option(const char *arg, unsigned *k, unsigned *n)
{
    char extra;
    if (sscanf(arg, "%u/%u%c", k, n, &extra) != 2 || *n == 0 || *k == 0 || *k > *n)
        return cli_usage_error("batch", "--shard must be K/N with 1 <= K <= N, not '%s'", arg);
    return EXIT_OK;
}

static int jobs_option(const char *arg, int *jobs)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end || v < 1 || v > 256)
        return cli_usage_error("batch", "--jobs must be 1 to 256, not '%s'", arg);
    *jobs = (int)v;
    return EXIT_OK;
}

static int find_files(batch *b)
{
    char *out_real = realpath(b->out, NULL), *dir_real = realpath(b->dir, NULL);
    if (!dir_real) {
        fprintf(stderr, "planparse: batch: %s: %s\n", b->dir, strerror(errno));
        free(out_real);
        return EXIT_IO;
    }
    walk.list = &b->files;
    walk.root_len = strlen(dir_real);
    walk.skip = out_real;
    walk.nomem = 0;
    int rc = nftw(dir_real, visit, 32, FTW_PHYS | FTW_ACTIONRETVAL);
    free(dir_real);
    free(out_real);
    if (walk.nomem)
        return EXIT_INTERNAL;
    if (rc == -1) {
        fprintf(stderr, "planparse: batch: %s: cannot read the folder: %s\n", b->dir, strerror(errno));
        return EXIT_IO;
    }
    qsort(b->files.v, b->files.n, sizeof *b->files.v, cmp_item);
    return EXIT_OK;
}

static int run_workers(batch *b, int jobs)
{
    pthread_t *th = calloc((size_t)jobs, sizeof *th);
    if (!th)
        return EXIT_INTERNAL;
    int started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&th[started], NULL, worker, b) != 0)
            break;
    if (started == 0)
        worker(b);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    free(th);
    return EXIT_OK;
}

static int run_batch(batch *b, int jobs, unsigned k, unsigned n, const char *model_path)
{
    if (mkdir(b->out, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "planparse: batch: %s: cannot make the folder: %s\n", b->out, strerror(errno));
        return EXIT_IO;
    }
    int code = find_files(b);
    if (code != EXIT_OK)
        return code;
    if (n > 1)
        keep_shard(&b->files, k, n);
    pp_ctx *ctx;
    if (pp_ctx_new(&ctx) != PP_OK)
        return EXIT_INTERNAL;
    int rc = b->po.restore ? cli_load_model(ctx, model_path, &b->model) : PP_OK;
    if (rc != PP_OK) {
        code = cli_fail(ctx, rc);
        pp_ctx_free(ctx);
        return code;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    b->start = now();
    code = run_workers(b, jobs);
    if (code == EXIT_OK && (rc = write_lists(ctx, b, k, n)) != PP_OK)
        code = cli_fail(ctx, rc);
    pp_ctx_free(ctx);
    if (code != EXIT_OK)
        return code;
    if (b->fatal) {
        fprintf(stderr, "planparse: batch: stopped: %s\n", b->fatal_msg);
        return b->fatal;
    }
    if (!b->quiet)
        fprintf(stderr, "planparse: batch: %zu documents: %zu done, %zu already done, %zu failed%s\n", b->files.n,
                b->finished - b->skipped - b->failed, b->skipped, b->failed,
                stop_requested ? "; interrupted, run again to resume" : "");
    if (stop_requested)
        return 128 + (int)stop_requested;
    return b->failed ? EXIT_INPUT : EXIT_OK;
}

int cmd_batch(int argc, char **argv)
{
    enum { OPT_MODEL = 256, OPT_NO_RESTORE, OPT_FORCE, OPT_SHARD };
    static const struct option own[] = {
        {"output", required_argument, NULL, 'o'},
        {"jobs", required_argument, NULL, 'j'},
        {"force", no_argument, NULL, OPT_FORCE},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"quiet", no_argument, NULL, 'q'},
        {"no-restore", no_argument, NULL, OPT_NO_RESTORE},
        {"model", required_argument, NULL, OPT_MODEL},
        {"help", no_argument, NULL, 'h'},
    };
    struct option *longopts = cli_ingest_merge_options(own, sizeof own / sizeof own[0]);
    if (!longopts)
        return EXIT_INTERNAL;
    batch b;
    memset(&b, 0, sizeof b);
    cli_ingest_settings_init(&b.in);
    pp_parse_options_init(&b.po, PP_PARSE_OPTIONS_VERSION);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = cores > 0 && cores <= 256 ? (int)cores : 1, c, code = EXIT_OK;
    unsigned k = 1, n = 1;
    const char *model_path = NULL;
    optind = 1;
    while (code == EXIT_OK && (c = getopt_long(argc, argv, "o:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            b.out = optarg;
            break;
        case 'j':
            code = jobs_option(optarg, &jobs);
            break;
        case 'q':
            b.quiet = 1;
            break;
        case OPT_FORCE:
            b.force = 1;
            break;
        case OPT_SHARD:
            code = shard_option(optarg, &k, &n);
            break;
        case OPT_NO_RESTORE:
            b.po.restore = 0;
            break;
        case OPT_MODEL:
            model_path = optarg;
            break;
        case 'h':
            fputs(batch_help_head, stdout);
            fputs(cli_ingest_help, stdout);
            fputs(batch_help_tail, stdout);
            free(longopts);
            return EXIT_OK;
        case '?':
            code = cli_usage_error("batch", "unknown option");
            break;
        default:
            code = cli_ingest_option("batch", c, optarg, &b.in);
            break;
        }
    }
    free(longopts);
    if (code != EXIT_OK)
        return code;
    if (optind != argc - 1 || !b.out)
        return cli_usage_error("batch", "expected DIR and -o OUT");
    b.dir = argv[optind];
    b.tty = isatty(STDERR_FILENO);
    pthread_mutex_init(&b.lock, NULL);
    code = run_batch(&b, jobs, k, n, model_path);
    pthread_mutex_destroy(&b.lock);
    pp_model_free(b.model);
    free_list(&b.files);
    return code;
}
