/* test_decode.c - raw bytes to clean text: pp_decode. */
#include "testutil.h"

#include "planparse.h"

#include <stdlib.h>
#include <string.h>

#define ctx tu_ctx

/* Decodes bytes with default options; asserts the status. */
static char *decode(const char *bytes, size_t len, int want, size_t *out_len)
{
    char *out = NULL;
    size_t n = 0;
    assert_int_equal(pp_decode(&out, &n, ctx, bytes, len, NULL), want);
    if (out_len)
        *out_len = n;
    if (want != PP_OK)
        assert_null(out);
    return out;
}

static void expect_clean(const char *in, size_t len, const char *want)
{
    size_t n;
    char *out = decode(in, len, PP_OK, &n);
    assert_true(tu_eq(out, n, want));
    pp_free(out);
}

static void test_plain_and_empty(void **state)
{
    (void)state;
    expect_clean("Kế hoạch\n", strlen("Kế hoạch\n"), "Kế hoạch\n");
    expect_clean("", 0, "");
    assert_int_equal(pp_warning_count(ctx), 0);
}

static void test_bom_removed(void **state)
{
    (void)state;
    expect_clean("\xEF\xBB\xBFSố: 20/KH-UBND", strlen("\xEF\xBB\xBFSố: 20/KH-UBND"), "Số: 20/KH-UBND");
    expect_clean("\xEF\xBB\xBF", 3, "");
}

static void test_line_ends(void **state)
{
    (void)state;
    expect_clean("a\r\nb\rc\n\r\n", 9, "a\nb\nc\n\n");
    expect_clean("x\r", 2, "x\n");
}

static void test_invalid_utf8_names_offset(void **state)
{
    (void)state;
    const char in[] = "dòng một\nsố \xC3\x28 ngày";
    decode(in, sizeof in - 1, PP_ERR_INPUT, NULL);
    const char *m = pp_errmsg(ctx);
    /* "dòng một\n" is 12 bytes, "số " 5 more: the bad byte is at offset 17 */
    assert_non_null(strstr(m, "<input>: invalid UTF-8 at byte 17 (line 2, column 4)"));
    assert_non_null(strstr(m, "C3"));
}

static void test_invalid_sequences_rejected(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\xC0\xAF",         /* overlong "/" */
        "\xED\xA0\x80",     /* UTF-16 surrogate */
        "\xF4\x90\x80\x80", /* above U+10FFFF */
        "ab\xE1\xBA",       /* truncated at the end */
        "\xFE",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        decode(bad[i], strlen(bad[i]), PP_ERR_INPUT, NULL);
}

static void test_nul_is_binary(void **state)
{
    (void)state;
    decode("abc\0def", 7, PP_ERR_INPUT, NULL);
    assert_non_null(strstr(pp_errmsg(ctx), "NUL byte at byte 3"));
    assert_non_null(strstr(pp_errmsg(ctx), "binary"));
}

static void test_utf16_bom_refused(void **state)
{
    (void)state;
    decode("\xFF\xFEK\0", 4, PP_ERR_INPUT, NULL);
    assert_non_null(strstr(pp_errmsg(ctx), "UTF-16LE"));
    decode("\xFE\xFF\0K", 4, PP_ERR_INPUT, NULL);
    assert_non_null(strstr(pp_errmsg(ctx), "UTF-16BE"));
    decode("\xFF\xFE\0\0", 4, PP_ERR_INPUT, NULL);
    assert_non_null(strstr(pp_errmsg(ctx), "UTF-32LE"));
}

static void test_control_characters(void **state)
{
    (void)state;
    /* BEL and a C1 control are replaced by spaces with one warning; TAB
       and FF (a page break from pdftotext) are kept */
    const char in[] = "a\x07" "b\tc\fd\xC2\x85" "e";
    expect_clean(in, sizeof in - 1, "a b\tc\fd e");
    assert_int_equal(pp_warning_count(ctx), 1);
    assert_non_null(strstr(pp_warning(ctx, 0), "replaced 2 control characters"));
    assert_non_null(strstr(pp_warning(ctx, 0), "U+0007 at byte 1"));

    pp_decode_options o = PP_DECODE_OPTIONS_INIT;
    o.control = PP_CONTROL_REJECT;
    o.name = "scan.txt";
    char *out;
    size_t n;
    assert_int_equal(pp_decode(&out, &n, ctx, in, sizeof in - 1, &o), PP_ERR_INPUT);
    assert_non_null(strstr(pp_errmsg(ctx), "scan.txt: control character U+0007 at byte 1"));
}

static void test_nfc_applied(void **state)
{
    (void)state;
    /* "Hoá" with a combining acute; "ế" as e + circumflex + acute */
    expect_clean("Hoa\xCC\x81 e\xCC\x82\xCC\x81", strlen("Hoa\xCC\x81 e\xCC\x82\xCC\x81"), "Hoá ế");
}

static void test_size_limit(void **state)
{
    (void)state;
    pp_decode_options o;
    assert_int_equal(pp_decode_options_init(&o, PP_DECODE_OPTIONS_VERSION), PP_OK);
    o.max_bytes = 4;
    char *out;
    size_t n;
    assert_int_equal(pp_decode(&out, &n, ctx, "12345", 5, &o), PP_ERR_INPUT);
    assert_non_null(strstr(pp_errmsg(ctx), "limit of 4"));
    assert_int_equal(pp_decode(&out, &n, ctx, "1234", 4, &o), PP_OK);
    pp_free(out);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    pp_decode_options o = PP_DECODE_OPTIONS_INIT;
    o.version = 99;
    char *out;
    size_t n;
    assert_int_equal(pp_decode(&out, &n, ctx, "x", 1, &o), PP_ERR_ARG);
    assert_int_equal(pp_decode(NULL, &n, ctx, "x", 1, NULL), PP_ERR_ARG);
    assert_int_equal(pp_decode(&out, &n, ctx, NULL, 3, NULL), PP_ERR_ARG);
    assert_int_equal(pp_decode_options_init(&o, 2), PP_ERR_ARG);
    assert_int_equal(pp_decode_options_init(NULL, PP_DECODE_OPTIONS_VERSION), PP_ERR_ARG);
    /* a NULL context is allowed: the call just has nowhere to put a message */
    assert_int_equal(pp_decode(&out, &n, NULL, "\xFF", 1, NULL), PP_ERR_INPUT);
}

static void test_huge_line(void **state)
{
    (void)state;
    size_t len = 8u << 20;
    char *big = malloc(len);
    assert_non_null(big);
    for (size_t i = 0; i < len; i += 4)
        memcpy(big + i, i % 8 ? "\xE1\xBA\xBF " : "ab c", 4); /* "ế " and ASCII, no newline */
    size_t n;
    char *out = decode(big, len, PP_OK, &n);
    assert_int_equal(n, len);
    assert_memory_equal(out, big, len);
    pp_free(out);
    free(big);
}

static void test_seeds_are_kept(void **state)
{
    (void)state;
    for (int i = 0; tu_seed_files[i]; i++) {
        size_t len, n;
        char *raw = tu_read_file(tu_fixture(tu_seed_files[i]), &len);
        char *out = decode(raw, len, PP_OK, &n);
        /* the seeds are clean NFC UTF-8 with LF ends: nothing may change */
        assert_int_equal(n, len);
        assert_memory_equal(out, raw, len);
        pp_free(out);
        free(raw);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_empty),
        cmocka_unit_test(test_bom_removed),
        cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_invalid_utf8_names_offset),
        cmocka_unit_test(test_invalid_sequences_rejected),
        cmocka_unit_test(test_nul_is_binary),
        cmocka_unit_test(test_utf16_bom_refused),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_nfc_applied),
        cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_huge_line),
        cmocka_unit_test(test_seeds_are_kept),
    };
    return cmocka_run_group_tests(tests, tu_ctx_setup, tu_ctx_teardown);
}
