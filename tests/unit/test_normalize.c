/* test_normalize.c - pp_normalize: NFC and one tone-mark placement,
   nothing else touched. */
#include "testutil.h"

#include "core/internal.h"
#include "planparse.h"

#include <stdlib.h>
#include <string.h>

#define ctx tu_ctx

static void expect_norm(const char *in, pp_tone_style style, const char *want, size_t want_changed)
{
    pp_normalize_options o;
    assert_int_equal(pp_normalize_options_init(&o, PP_NORMALIZE_OPTIONS_VERSION), PP_OK);
    o.tone_style = style;
    char *out;
    size_t n, changed;
    assert_int_equal(pp_normalize(&out, &n, &changed, ctx, in, strlen(in), &o), PP_OK);
    if (!tu_eq(out, n, want))
        fail_msg("normalize('%s') = '%s', want '%s'", in, out, want);
    assert_int_equal(changed, want_changed);
    pp_free(out);
}

static void test_old_style_default(void **state)
{
    (void)state;
    char *out;
    size_t n;
    const char *in = "Văn hoá, thuỷ lợi; Uỷ ban nhân dân";
    assert_int_equal(pp_normalize(&out, &n, NULL, ctx, in, strlen(in), NULL), PP_OK);
    assert_string_equal(out, "Văn hóa, thủy lợi; Ủy ban nhân dân");
    pp_free(out);
}

static void test_styles_and_case(void **state)
{
    (void)state;
    expect_norm("HOÁ HỌC Hoà bình", PP_TONE_STYLE_OLD, "HÓA HỌC Hòa bình", 2);
    expect_norm("hóa thủy Ủy", PP_TONE_STYLE_NEW, "hoá thuỷ Uỷ", 3);
    expect_norm("hóa thủy Ủy", PP_TONE_STYLE_OLD, "hóa thủy Ủy", 0);
}

static void test_everything_else_kept(void **state)
{
    (void)state;
    const char *in = "Số: 17/QĐ-UBND ngày 17/01/2022\r\n  CCHC, TTHC; Zalo\tFanpage\n"
                     "https://hoá.vn/hoá vanthu@hoá.vn t6 chirc Ké hoach 2,5%\n\n";
    expect_norm(in, PP_TONE_STYLE_OLD, in, 0);
}

static void test_nfc_first(void **state)
{
    (void)state;
    /* "hoá" spelled with a combining acute becomes precomposed "hóa" */
    expect_norm("hoa\xCC\x81", PP_TONE_STYLE_OLD, "hóa", 1);
    expect_norm("hoa\xCC\x81", PP_TONE_STYLE_NEW, "hoá", 0);
}

static void test_idempotent_on_seeds(void **state)
{
    (void)state;
    for (int i = 0; tu_seed_files[i]; i++) {
        size_t len, n1, n2, c2;
        char *raw = tu_read_file(tu_fixture(tu_seed_files[i]), &len);
        char *once, *twice;
        assert_int_equal(pp_normalize(&once, &n1, NULL, ctx, raw, len, NULL), PP_OK);
        assert_int_equal(pp_normalize(&twice, &n2, &c2, ctx, once, n1, NULL), PP_OK);
        assert_int_equal(c2, 0);
        assert_int_equal(n1, n2);
        assert_memory_equal(once, twice, n1);
        /* the line structure is kept */
        size_t l0 = 0, l1 = 0;
        for (size_t k = 0; k < len; k++)
            l0 += raw[k] == '\n';
        for (size_t k = 0; k < n1; k++)
            l1 += once[k] == '\n';
        assert_int_equal(l0, l1);
        pp_free(once);
        pp_free(twice);
        free(raw);
    }
}

/* The tokens ppi_normalize_tokens hands restoration are those pp_tokenize
   finds in the normalised text: for NFD input, tone marks moved either
   way, symbols, numbers and the seeds. */
static void expect_same_tokens(const char *in, size_t len, pp_tone_style style)
{
    pp_normalize_options o = PP_NORMALIZE_OPTIONS_INIT;
    o.tone_style = style;
    char *out;
    size_t n, nt, nt2;
    pp_token *t, *t2;
    assert_int_equal(ppi_normalize_tokens(&out, &n, &t, &nt, NULL, ctx, in, len, &o), PP_OK);
    assert_int_equal(pp_tokenize(&t2, &nt2, out, n), PP_OK);
    assert_int_equal(nt, nt2);
    for (size_t i = 0; i < nt; i++) {
        assert_int_equal(t[i].kind, t2[i].kind);
        assert_int_equal(t[i].flags, t2[i].flags);
        assert_int_equal(t[i].offset, t2[i].offset);
        assert_int_equal(t[i].length, t2[i].length);
        assert_int_equal(t[i].line, t2[i].line);
    }
    free(t);
    pp_free(t2);
    pp_free(out);
}

static void test_tokens_of_the_normalised_text(void **state)
{
    (void)state;
    const char *samples[] = {
        "Hoà bình, thuỷ lợi; hòa giải – thủy sản 2024!",
        "Ho\xcc\x80" "a bi\xcc\x80" "nh (NFD) va\xcc\x80 Quy\xcc\x81 I/2023, 17/QĐ-UBND",
        "KHOẺ MẠNH, Khoẻ\tmạnh\n\nĐảng bộ: 95%; email a@b.vn; x\xcc\x81",
        "",
    };
    for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++) {
        expect_same_tokens(samples[k], strlen(samples[k]), PP_TONE_STYLE_OLD);
        expect_same_tokens(samples[k], strlen(samples[k]), PP_TONE_STYLE_NEW);
    }
    for (int i = 0; tu_seed_files[i]; i++) {
        size_t len;
        char *raw = tu_read_file(tu_fixture(tu_seed_files[i]), &len);
        expect_same_tokens(raw, len, PP_TONE_STYLE_NEW);
        free(raw);
    }
}

static void test_seed_003(void **state)
{
    (void)state;
    size_t len, n, changed;
    char *raw = tu_read_file(tu_fixture("seeds/003_bfe3f4b9895b51df.txt"), &len);
    assert_non_null(strstr(raw, "hoá"));
    char *out;
    assert_int_equal(pp_normalize(&out, &n, &changed, ctx, raw, len, NULL), PP_OK);
    assert_null(strstr(out, "hoá"));
    assert_non_null(strstr(out, "hóa"));
    assert_true(changed > 0);
    pp_free(out);
    free(raw);
}

static void test_errors(void **state)
{
    (void)state;
    char *out;
    size_t n;
    assert_int_equal(pp_normalize(&out, &n, NULL, ctx, "ab\ncd\xFF", 6, NULL), PP_ERR_INPUT);
    assert_null(out);
    assert_non_null(strstr(pp_errmsg(ctx), "byte 5 (line 2, column 3)"));
    pp_normalize_options o = PP_NORMALIZE_OPTIONS_INIT;
    o.tone_style = (pp_tone_style)7;
    assert_int_equal(pp_normalize(&out, &n, NULL, ctx, "a", 1, &o), PP_ERR_ARG);
    o = (pp_normalize_options)PP_NORMALIZE_OPTIONS_INIT;
    o.version = 0;
    assert_int_equal(pp_normalize(&out, &n, NULL, ctx, "a", 1, &o), PP_ERR_ARG);
    assert_int_equal(pp_normalize_options_init(&o, 3), PP_ERR_ARG);
    assert_int_equal(pp_normalize(&out, &n, NULL, ctx, "", 0, NULL), PP_OK);
    assert_string_equal(out, "");
    pp_free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_old_style_default),
        cmocka_unit_test(test_styles_and_case),
        cmocka_unit_test(test_everything_else_kept),
        cmocka_unit_test(test_nfc_first),
        cmocka_unit_test(test_idempotent_on_seeds),
        cmocka_unit_test(test_seed_003),
        cmocka_unit_test(test_tokens_of_the_normalised_text),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, tu_ctx_setup, tu_ctx_teardown);
}
