/* test_core.c - UTF-8 primitives, buffers, contexts, status codes, files. */
#include "testutil.h"

#include "core/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

static void test_utf8_decode_valid(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(ppi_utf8_decode((const unsigned char *)"A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(ppi_utf8_decode((const unsigned char *)"\xC4\x90", 2, &cp), 2); /* Đ */
    assert_int_equal(cp, 0x110);
    assert_int_equal(ppi_utf8_decode((const unsigned char *)"\xE1\xBA\xBF", 3, &cp), 3); /* ế */
    assert_int_equal(cp, 0x1EBF);
    assert_int_equal(ppi_utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
}

static void test_utf8_decode_invalid(void **state)
{
    (void)state;
    uint32_t cp;
    static const char *const bad[] = {
        "\x80", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80" /* surrogate */,
        "\xF4\x90\x80\x80" /* > U+10FFFF */, "\xF5\x80\x80\x80", "\xFF", "\xC3", "\xE1\xBA",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(ppi_utf8_decode((const unsigned char *)bad[i], strlen(bad[i]), &cp), 0);
}

static void test_utf8_invalid_len(void **state)
{
    (void)state;
    /* truncated 3-byte sequence followed by ASCII: two bytes are one error */
    assert_int_equal(ppi_utf8_invalid_len((const unsigned char *)"\xE1\xBA" "A", 3), 2);
    assert_int_equal(ppi_utf8_invalid_len((const unsigned char *)"\x80\x80", 2), 1);
    assert_int_equal(ppi_utf8_invalid_len((const unsigned char *)"\xC3(", 2), 1);
    assert_int_equal(ppi_utf8_invalid_len((const unsigned char *)"\xED\xA0\x80", 3), 1);
}

static void test_utf8_encode_roundtrip(void **state)
{
    (void)state;
    static const uint32_t cps[] = {0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF, 0x1EBF};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char b[4];
        uint32_t back;
        size_t n = ppi_utf8_encode(cps[i], b);
        assert_int_equal(ppi_utf8_decode((const unsigned char *)b, n, &back), n);
        assert_int_equal(back, cps[i]);
    }
}

static void test_text_position(void **state)
{
    (void)state;
    const char *t = "ab\ncđ\r\nx\ry";
    size_t line, col;
    ppi_text_position(t, strlen(t), 0, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
    ppi_text_position(t, strlen(t), 5, &line, &col); /* after "cđ": đ is 2 bytes */
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
    ppi_text_position(t, strlen(t), 8, &line, &col); /* "x" after CRLF */
    assert_int_equal(line, 3);
    assert_int_equal(col, 1);
    ppi_text_position(t, strlen(t), 10, &line, &col); /* "y" after lone CR */
    assert_int_equal(line, 4);
}

static void test_buf(void **state)
{
    (void)state;
    ppi_buf b = {0};
    for (int i = 0; i < 10000; i++)
        assert_int_equal(ppi_buf_append(&b, "abc", 3), PP_OK);
    assert_int_equal(b.len, 30000);
    char *out;
    size_t len;
    assert_int_equal(ppi_buf_finish(&b, &out, &len), PP_OK);
    assert_int_equal(len, 30000);
    assert_int_equal(out[len], '\0');
    assert_null(b.data);
    free(out);
    ppi_buf e = {0};
    assert_int_equal(ppi_buf_finish(&e, &out, &len), PP_OK);
    assert_int_equal(len, 0);
    assert_string_equal(out, "");
    free(out);
}

/* ppi_grow: first elements when empty, then doubling; a size that would
   overflow is refused and leaves the array as it was. ppi_vec_push and
   ppi_utf8_from_cps, the other core helpers, ride along. */
static void test_grow_and_vec(void **state)
{
    (void)state;
    size_t cap = 0;
    int *a = ppi_grow(NULL, &cap, sizeof *a, 4);
    assert_non_null(a);
    assert_int_equal(cap, 4);
    a[3] = 7;
    int *b = ppi_grow(a, &cap, sizeof *b, 4);
    assert_non_null(b);
    assert_int_equal(cap, 8);
    assert_int_equal(b[3], 7);
    size_t huge = SIZE_MAX / 4;
    assert_null(ppi_grow(b, &huge, sizeof *b, 4));
    assert_int_equal(huge, SIZE_MAX / 4);
    free(b);

    ppi_vec v = {NULL, 0, 0, sizeof(int)};
    for (int i = 0; i < 20; i++)
        assert_non_null(ppi_vec_push(&v, &i));
    assert_int_equal(v.n, 20);
    assert_int_equal(((int *)v.data)[19], 19);
    ppi_vec_free(&v);

    const uint32_t cps[] = {'t', 0x1EEB, 0x111};
    char out[16];
    assert_int_equal(ppi_utf8_from_cps(cps, 3, out), 6);
    assert_string_equal(out, "từđ");
}

static void test_ctx_messages(void **state)
{
    (void)state;
    pp_ctx *ctx = NULL;
    assert_int_equal(pp_ctx_new(&ctx), PP_OK);
    assert_string_equal(pp_errmsg(ctx), "");
    assert_int_equal(ppi_fail(ctx, PP_ERR_INPUT, "bad %d", 7), PP_ERR_INPUT);
    assert_string_equal(pp_errmsg(ctx), "bad 7");
    for (int i = 0; i < 20; i++)
        assert_int_equal(ppi_warn(ctx, "warning %d", i), PP_OK);
    assert_int_equal(pp_warning_count(ctx), 20);
    assert_string_equal(pp_warning(ctx, 19), "warning 19");
    assert_null(pp_warning(ctx, 20));
    ppi_ctx_reset(ctx);
    assert_int_equal(pp_warning_count(ctx), 0);
    assert_string_equal(pp_errmsg(ctx), "");
    pp_ctx_free(ctx);
    pp_ctx_free(NULL);
    assert_int_equal(pp_ctx_new(NULL), PP_ERR_ARG);
    assert_non_null(pp_errmsg(NULL));
    assert_int_equal(pp_warning_count(NULL), 0);
}

static void test_strerror_and_version(void **state)
{
    (void)state;
    for (int s = PP_OK; s <= PP_ERR_INTERNAL; s++) {
        assert_non_null(pp_strerror(s));
        assert_string_not_equal(pp_strerror(s), "unknown status code");
    }
    assert_string_equal(pp_strerror(12345), "unknown status code");
    assert_string_equal(pp_version(), PP_VERSION_STRING);
    pp_free(NULL);
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static void test_write_atomic(void **state)
{
    (void)state;
    umask(022);
    char dir[] = "/tmp/pp_test_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    pp_ctx *ctx;
    assert_int_equal(pp_ctx_new(&ctx), PP_OK);
    assert_int_equal(pp_write_file_atomic(ctx, path, "một\n", strlen("một\n")), PP_OK);
    assert_int_equal(pp_write_file_atomic(ctx, path, "hai\n", 4), PP_OK);
    size_t len;
    char *got = tu_read_file(path, &len);
    assert_string_equal(got, "hai\n");
    free(got);
    assert_int_equal(count_entries(dir), 1); /* no temporary left */
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644); /* the umask applies, as for any new file */

    char bad[300];
    snprintf(bad, sizeof bad, "%s/no/such/dir/out.txt", dir);
    assert_int_equal(pp_write_file_atomic(ctx, bad, "x", 1), PP_ERR_IO);
    assert_non_null(strstr(pp_errmsg(ctx), "no/such/dir/out.txt"));
    assert_int_equal(pp_write_file_atomic(ctx, NULL, "x", 1), PP_ERR_ARG);
    unlink(path);
    rmdir(dir);
    pp_ctx_free(ctx);
}

static void test_read_file(void **state)
{
    (void)state;
    pp_ctx *ctx;
    assert_int_equal(pp_ctx_new(&ctx), PP_OK);
    char *data;
    size_t len;
    assert_int_equal(pp_read_file(&data, &len, ctx, tu_fixture(tu_seed_files[2]), 0), PP_OK);
    assert_true(len > 1000);
    assert_int_equal(data[len], '\0');
    pp_free(data);
    assert_int_equal(pp_read_file(&data, &len, ctx, tu_fixture(tu_seed_files[2]), 100), PP_ERR_INPUT);
    assert_null(data);
    assert_non_null(strstr(pp_errmsg(ctx), "limit of 100 bytes"));
    assert_int_equal(pp_read_file(&data, &len, ctx, "/nonexistent/file.txt", 0), PP_ERR_IO);
    assert_non_null(strstr(pp_errmsg(ctx), "/nonexistent/file.txt: cannot open"));
    assert_int_equal(pp_read_file(&data, &len, ctx, "/tmp", 0), PP_ERR_IO); /* a directory */
    pp_ctx_free(ctx);
}

/* FIPS 180-4 test vectors, and a length that needs a second padding
   block (56 bytes) and one of many blocks. */
static void test_sha256(void **state)
{
    (void)state;
    char hex[65];
    ppi_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    ppi_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    ppi_sha256_hex(two, strlen(two), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *million = malloc(1000000);
    assert_non_null(million);
    memset(million, 'a', 1000000);
    ppi_sha256_hex(million, 1000000, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(million);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_decode_valid),
        cmocka_unit_test(test_utf8_decode_invalid),
        cmocka_unit_test(test_utf8_invalid_len),
        cmocka_unit_test(test_utf8_encode_roundtrip),
        cmocka_unit_test(test_text_position),
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_grow_and_vec),
        cmocka_unit_test(test_ctx_messages),
        cmocka_unit_test(test_strerror_and_version),
        cmocka_unit_test(test_write_atomic),
        cmocka_unit_test(test_read_file),
        cmocka_unit_test(test_sha256),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
