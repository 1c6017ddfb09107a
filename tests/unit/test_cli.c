/* test_cli.c - the planparse command line, run as a user would run it.
   argv[1] is the planparse binary under test (plain or sanitised). */
#include "testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *planparse;
static char tmpdir[] = "/tmp/pp_cli_XXXXXX";

typedef struct run_result {
    int code;
    char *out;
    char *err;
} run_result;

static char *path_in_tmp(const char *name)
{
    static char p[8][512];
    static int k;
    char *s = p[k++ % 8];
    snprintf(s, 512, "%s/%s", tmpdir, name);
    return s;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* Runs planparse with args (NULL-terminated), stdin from stdin_file (or
   /dev/null); captures exit code, stdout and stderr. */
static run_result run(const char *stdin_file, const char *const *args)
{
    const char *outp = path_in_tmp("stdout"), *errp = path_in_tmp("stderr");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int in = open(stdin_file ? stdin_file : "/dev/null", O_RDONLY);
        int out = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0)
            _exit(127);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        const char *argv[32] = {planparse};
        for (int i = 0; args[i] && i < 30; i++)
            argv[i + 1] = args[i];
        execv(planparse, (char *const *)argv);
        _exit(127);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    run_result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    size_t n;
    r.out = tu_read_file(outp, &n);
    r.err = tu_read_file(errp, &n);
    return r;
}

static void free_result(run_result *r)
{
    free(r->out);
    free(r->err);
}

#define RUN(stdin_file, ...) run(stdin_file, (const char *const[]){__VA_ARGS__, NULL})

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_help_and_version(void **state)
{
    (void)state;
    run_result r = RUN(NULL, "--help");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "normalize"));
    assert_non_null(strstr(r.out, "Exit status"));
    free_result(&r);
    r = RUN(NULL, "--version");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "planparse 0."));
    free_result(&r);
    r = RUN(NULL, "normalize", "--help");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "--tone-style"));
    free_result(&r);
}

static void test_usage_errors(void **state)
{
    (void)state;
    const char *const *cases[] = {
        (const char *const[]){"frobnicate", NULL},
        (const char *const[]){"normalize", "--tone-style", "sideways", NULL},
        (const char *const[]){"normalize", "--bogus", NULL},
        (const char *const[]){"normalize", "a", "b", NULL},
        (const char *const[]){"normalize", "--max-bytes", "12Q", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run_result r = run(NULL, cases[i]);
        assert_int_equal(r.code, 1);
        assert_true(strlen(r.err) > 0);
        assert_string_equal(r.out, "");
        free_result(&r);
    }
    run_result r = run(NULL, (const char *const[]){NULL});
    assert_int_equal(r.code, 1);
    free_result(&r);
}

/* ocr and batch: usage errors and bad files (OCR itself:
   tests/ingest/check_ingest.sh) */
static void test_ingest_commands(void **state)
{
    (void)state;
    run_result r = RUN(NULL, "ocr");
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "expected one FILE"));
    free_result(&r);
    r = RUN(NULL, "ocr", "--dpi", "10", "x.pdf");
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "--dpi"));
    free_result(&r);
    r = RUN(NULL, "batch", "--keep-confidence", "102", "in", "-o", "out");
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "--keep-confidence must be 0 to 101"));
    free_result(&r);
    r = RUN(NULL, "ocr", "--help");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "--max-pixels"));
    assert_non_null(strstr(r.out, "--keep-confidence"));
    free_result(&r);
    r = RUN(NULL, "ocr", "--no-restore", "/nonexistent/scan.pdf");
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.err, "/nonexistent/scan.pdf"));
    free_result(&r);
    r = RUN(NULL, "ocr", "--no-restore", PP_FIXTURES "/bad/empty.txt");
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "empty file"));
    free_result(&r);
    r = RUN(NULL, "batch", PP_FIXTURES "/bad");
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "-o OUT"));
    free_result(&r);
    r = RUN(NULL, "batch", "--shard", "3/2", "-o", "/tmp/x", PP_FIXTURES "/bad");
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "--shard"));
    free_result(&r);
    r = RUN(NULL, "batch", "-j", "0", "-o", "/tmp/x", PP_FIXTURES "/bad");
    assert_int_equal(r.code, 1);
    free_result(&r);
}

static void test_normalize_seed_003(void **state)
{
    (void)state;
    const char *seed = tu_fixture("seeds/003_bfe3f4b9895b51df.txt");
    size_t len;
    char *raw = tu_read_file(seed, &len);
    run_result r = RUN(NULL, "normalize", seed);
    assert_int_equal(r.code, 0);
    assert_int_equal(count_lines(r.out), count_lines(raw)); /* every line kept */
    assert_null(strstr(r.out, "hoá"));
    assert_non_null(strstr(r.out, "hóa"));
    free_result(&r);
    free(raw);
}

static void test_normalize_stdin_and_output_file(void **state)
{
    (void)state;
    const char *in = path_in_tmp("in.txt"), *out = path_in_tmp("out.txt");
    write_file(in, "Uỷ ban\r\nhoá\n", strlen("Uỷ ban\r\nhoá\n"));
    run_result r = RUN(in, "normalize", "-");
    assert_int_equal(r.code, 0);
    assert_string_equal(r.out, "Ủy ban\nhóa\n");
    free_result(&r);
    r = RUN(NULL, "normalize", "--tone-style", "new", "-o", out, in);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.out, "");
    free_result(&r);
    size_t n;
    char *got = tu_read_file(out, &n);
    assert_string_equal(got, "Uỷ ban\nhoá\n");
    free(got);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    const char *in = path_in_tmp("bad.txt"), *out = path_in_tmp("keep.txt");
    write_file(in, "Kế hoạch\nsố \xC3\x28\n", strlen("Kế hoạch\nsố \xC3\x28\n"));
    write_file(out, "previous", 8);
    run_result r = RUN(NULL, "normalize", "-o", out, in);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "invalid UTF-8 at byte 18 (line 2, column 4)"));
    assert_non_null(strstr(r.err, "bad.txt"));
    free_result(&r);
    /* the old output is untouched, no half-written file */
    size_t n;
    char *got = tu_read_file(out, &n);
    assert_string_equal(got, "previous");
    free(got);
}

static void test_binary_empty_missing(void **state)
{
    (void)state;
    const char *bin = path_in_tmp("bin.dat"), *empty = path_in_tmp("empty.txt");
    write_file(bin, "\x7F" "ELF\x02\x01\x01\0\0\0", 10);
    write_file(empty, "", 0);
    run_result r = RUN(NULL, "normalize", bin);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "NUL byte at byte 7"));
    free_result(&r);
    r = RUN(NULL, "normalize", empty);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.out, "");
    assert_non_null(strstr(r.err, "empty"));
    free_result(&r);
    r = RUN(NULL, "normalize", "/nonexistent/doc.txt");
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.err, "/nonexistent/doc.txt: cannot open"));
    free_result(&r);
    r = RUN(NULL, "normalize", "-o", "/nonexistent/dir/out.txt", empty);
    assert_int_equal(r.code, 4);
    free_result(&r);
}

static void test_limits_and_controls(void **state)
{
    (void)state;
    const char *in = path_in_tmp("ctl.txt");
    write_file(in, "a\x07" "b\n", 4);
    run_result r = RUN(NULL, "normalize", in);
    assert_int_equal(r.code, 0);
    assert_string_equal(r.out, "a b\n");
    assert_non_null(strstr(r.err, "warning"));
    free_result(&r);
    r = RUN(NULL, "normalize", "--reject-control", in);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "U+0007"));
    free_result(&r);
    r = RUN(NULL, "normalize", "--max-bytes", "2", in);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "limit"));
    free_result(&r);
}

static void test_huge_line(void **state)
{
    (void)state;
    size_t len = 4u << 20;
    char *big = malloc(len + 1);
    assert_non_null(big);
    for (size_t i = 0; i < len; i += 8)
        memcpy(big + i, "hoá ab  ", 8);
    big[len] = '\0';
    const char *in = path_in_tmp("huge.txt"), *out = path_in_tmp("huge.out");
    write_file(in, big, len);
    run_result r = RUN(NULL, "normalize", "-o", out, in);
    assert_int_equal(r.code, 0);
    free_result(&r);
    size_t n;
    char *got = tu_read_file(out, &n);
    assert_int_equal(n, len);
    assert_memory_equal(got, "hóa ab  ", 8);
    free(got);
    free(big);
}

static void test_restore_text_and_json(void **state)
{
    (void)state;
    const char *in = path_in_tmp("ocr.txt"), *model = "--model=" PP_MODEL_PATH;
    const char *text = "Thuc hién t6 chirc ctia Pang\nS6: 17/QD-UBND\n";
    write_file(in, text, strlen(text));
    run_result r = RUN(NULL, "restore", model, in);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "tổ chức của Đảng"));
    assert_non_null(strstr(r.out, "17/QĐ-UBND"));
    assert_int_equal(count_lines(r.out), 2);
    free_result(&r);
    r = RUN(NULL, "restore", model, "--format", "json", in);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"original\":\"chirc\",\"choice\":\"chức\""));
    assert_non_null(strstr(r.out, "\"alternatives\":["));
    free_result(&r);
}

static void test_restore_errors(void **state)
{
    (void)state;
    const char *in = path_in_tmp("r.txt");
    write_file(in, "a\xFF", 2);
    run_result r = RUN(NULL, "restore", "--model", "/nonexistent/planparse.model", in);
    assert_int_equal(r.code, 3); /* missing data */
    assert_non_null(strstr(r.err, "/nonexistent/planparse.model"));
    free_result(&r);
    r = RUN(NULL, "restore", "--model=" PP_MODEL_PATH, in);
    assert_int_equal(r.code, 2); /* invalid UTF-8 */
    assert_non_null(strstr(r.err, "invalid UTF-8 at byte 1"));
    free_result(&r);
    r = RUN(NULL, "restore", "--format", "xml", in);
    assert_int_equal(r.code, 1);
    free_result(&r);
    r = RUN(NULL, "restore", "--help");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "--format"));
    free_result(&r);
}

static void test_parse_formats(void **state)
{
    (void)state;
    const char *model = "--model=" PP_MODEL_PATH;
    char out[512];
    snprintf(out, sizeof out, "%s", path_in_tmp("rec.json"));
    char seed[512];
    snprintf(seed, sizeof seed, "%s", tu_fixture("seeds/001_f1a1be36b810ea44.txt"));
    run_result r = RUN(NULL, "parse", model, "-o", out, seed);
    assert_int_equal(r.code, 0);
    free_result(&r);
    size_t n;
    char *json = tu_read_file(out, &n);
    assert_non_null(strstr(json, "\"schema\": \"planparse/1\""));
    assert_non_null(strstr(json, "\"issuer\": \"Ủy ban nhân dân huyện Thạch Thành\""));
    assert_non_null(strstr(json, "\"name\": \"Nguyễn Đình Tâm\""));
    free(json);
    r = RUN(NULL, "parse", model, "--compact", seed);
    assert_int_equal(r.code, 0);
    assert_int_equal(count_lines(r.out), 1);
    free_result(&r);
    r = RUN(NULL, "parse", model, "--format", "md", seed);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "## III. TỔ CHỨC THỰC HIỆN"));
    free_result(&r);
    r = RUN(seed, "parse", model, "--format", "text", "-");
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "Số: 20/KH-UBND\nThạch Thành, 2021-01-29\nKế hoạch\n"));
    free_result(&r);
}

/* --only: one extracted list, JSON Lines or TSV, for scripts. */
static void test_parse_only(void **state)
{
    (void)state;
    const char *model = "--model=" PP_MODEL_PATH;
    char seed[512];
    snprintf(seed, sizeof seed, "%s", tu_fixture("seeds/003_bfe3f4b9895b51df.txt"));
    run_result r = RUN(NULL, "parse", "--no-restore", "--only", "references", seed);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "{\"type\":\"Chỉ thị\",\"number\":\"23/CT-TTg\""));
    assert_int_equal(count_lines(r.out) > 4, 1);
    free_result(&r);
    r = RUN(NULL, "parse", model, "--only", "dates", "--format", "tsv", seed);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "date\ttext\tline\tsection\tdeadline\n2021-09-02\tngày 02 tháng 9 năm 2021\t6\t"));
    free_result(&r);
    r = RUN(NULL, "parse", model, "--only", "nonsense", seed);
    assert_int_equal(r.code, 1);
    free_result(&r);
    r = RUN(NULL, "parse", model, "--format", "tsv", seed);
    assert_int_equal(r.code, 1);
    free_result(&r);
    r = RUN(NULL, "parse", model, "--only", "agencies", "--format", "md", seed);
    assert_int_equal(r.code, 1);
    free_result(&r);
}

static void test_parse_bad_input(void **state)
{
    (void)state;
    const char *model = "--model=" PP_MODEL_PATH;
    /* own copies: path_in_tmp reuses its buffers, and so does RUN */
    char empty[512], bad[512], en[512], out[512];
    snprintf(empty, sizeof empty, "%s", path_in_tmp("empty.txt"));
    snprintf(bad, sizeof bad, "%s", path_in_tmp("bad.txt"));
    snprintf(en, sizeof en, "%s", path_in_tmp("en.txt"));
    snprintf(out, sizeof out, "%s", path_in_tmp("never.json"));
    write_file(empty, "", 0);
    write_file(bad, "Số: 1\n\xC3\x28", 10);
    write_file(en, "The quick brown fox.\n", 21);
    /* empty and foreign text: a valid record, warnings on stderr, exit 0 */
    run_result r = RUN(NULL, "parse", model, empty);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"header\""));
    assert_non_null(strstr(r.err, "no numbered sections"));
    free_result(&r);
    r = RUN(NULL, "parse", model, en);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.err, "no issuing agency"));
    free_result(&r);
    /* invalid UTF-8: exit 2 with the place, nothing written */
    r = RUN(NULL, "parse", model, "-o", out, bad);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "invalid UTF-8 at byte 8"));
    assert_int_equal(access(out, F_OK), -1);
    free_result(&r);
    r = RUN(NULL, "parse", "--format", "xml", empty);
    assert_int_equal(r.code, 1);
    free_result(&r);
    r = RUN(NULL, "parse", "--no-restore", "--format", "text", empty);
    assert_int_equal(r.code, 0);
    free_result(&r);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH-TO-PLANPARSE\n", argv[0]);
        return 2;
    }
    planparse = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_and_version),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_ingest_commands),
        cmocka_unit_test(test_normalize_seed_003),
        cmocka_unit_test(test_normalize_stdin_and_output_file),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_binary_empty_missing),
        cmocka_unit_test(test_limits_and_controls),
        cmocka_unit_test(test_huge_line),
        cmocka_unit_test(test_restore_text_and_json),
        cmocka_unit_test(test_restore_errors),
        cmocka_unit_test(test_parse_formats),
        cmocka_unit_test(test_parse_only),
        cmocka_unit_test(test_parse_bad_input),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
