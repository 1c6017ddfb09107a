/* test_tokenize.c - the tokeniser keeps every byte and finds the shapes of
   administrative text. */
#include "testutil.h"

#include "planparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void assert_covers(const char *text, size_t len, const pp_token *t, size_t n)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(t[i].offset, at);
        assert_true(t[i].length > 0);
        at += t[i].length;
    }
    assert_int_equal(at, len);
    (void)text;
}

static void roundtrip(const char *text, size_t len)
{
    pp_token *t;
    size_t n;
    assert_int_equal(pp_tokenize(&t, &n, text, len), PP_OK);
    assert_covers(text, len, t, n);
    /* concatenating the tokens' bytes gives back the input */
    char *joined = malloc(len + 1);
    assert_non_null(joined);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(joined + k, text + t[i].offset, t[i].length);
        k += t[i].length;
    }
    assert_int_equal(k, len);
    assert_memory_equal(joined, text, len);
    free(joined);
    pp_free(t);
}

static void test_roundtrip_seeds(void **state)
{
    (void)state;
    for (int i = 0; tu_seed_files[i]; i++) {
        size_t len;
        char *s = tu_read_file(tu_fixture(tu_seed_files[i]), &len);
        roundtrip(s, len);
        free(s);
    }
}

/* xorshift: reproducible without global state */
static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void test_roundtrip_random_bytes(void **state)
{
    (void)state;
    static const char *const pieces[] = {"Kế", " ", "\n", "\r\n", "17/QĐ-UBND", "http://a.vn/x",
                                         "a@b.vn", "2,5", "17/01/2022", "\xC3", "\xE1\xBA", ".",
                                         "-", "/", "@", "\xF0\x9F\x98\x80", "\r", "\t", "1.", "ư"};
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    char buf[512];
    for (int round = 0; round < 4000; round++) {
        size_t len = next_rand(&seed) % sizeof buf;
        size_t k = 0;
        while (k < len) {
            uint64_t r = next_rand(&seed);
            if (r % 3 == 0) { /* a random byte */
                buf[k++] = (char)(r >> 8);
            } else { /* a piece of realistic text */
                const char *p = pieces[(r >> 8) % (sizeof pieces / sizeof pieces[0])];
                size_t pl = strlen(p);
                if (k + pl > len)
                    break;
                memcpy(buf + k, p, pl);
                k += pl;
            }
        }
        roundtrip(buf, k);
    }
}

/* Tokenises text and checks the first token's kind and exact bytes. */
static void expect_first(const char *text, pp_token_kind kind, const char *want)
{
    pp_token *t;
    size_t n;
    assert_int_equal(pp_tokenize(&t, &n, text, strlen(text)), PP_OK);
    assert_true(n > 0);
    if (t[0].kind != kind || !tu_eq(text + t[0].offset, t[0].length, want))
        fail_msg("'%s': first token is %s '%.*s', want %s '%s'", text, pp_token_kind_name(t[0].kind),
                 (int)t[0].length, text + t[0].offset, pp_token_kind_name(kind), want);
    pp_free(t);
}

static void test_document_symbols(void **state)
{
    (void)state;
    expect_first("17/QĐ-UBND ngày", PP_TOK_SYMBOL, "17/QĐ-UBND");
    expect_first("107/2021/NĐ-CP;", PP_TOK_SYMBOL, "107/2021/NĐ-CP");
    expect_first("05-NQ/TU của", PP_TOK_SYMBOL, "05-NQ/TU");
    expect_first("01/BNV-CDVCVN.", PP_TOK_SYMBOL, "01/BNV-CDVCVN");
    expect_first("43/2015/TTLT-BNNPTNT-BKHĐT", PP_TOK_SYMBOL, "43/2015/TTLT-BNNPTNT-BKHĐT");
    expect_first("66/KH-UBND", PP_TOK_SYMBOL, "66/KH-UBND");
    expect_first("17/QD-UBND", PP_TOK_SYMBOL, "17/QD-UBND"); /* OCR'd, still a symbol */
    expect_first("01/CTr-TU", PP_TOK_SYMBOL, "01/CTr-TU");
    /* not symbols: no letter group, or a lower-case word after the slash */
    expect_first("2021-2030", PP_TOK_NUMBER, "2021");
    expect_first("12/2021 ", PP_TOK_NUMBER, "12");
    expect_first("5/tháng", PP_TOK_NUMBER, "5");
}

static void test_dates(void **state)
{
    (void)state;
    expect_first("17/01/2022", PP_TOK_DATE, "17/01/2022");
    expect_first("2/9/2021,", PP_TOK_DATE, "2/9/2021");
    expect_first("02-09-2021", PP_TOK_DATE, "02-09-2021");
    expect_first("31.12.2020.", PP_TOK_DATE, "31.12.2020");
    expect_first("32/01/2022", PP_TOK_NUMBER, "32");   /* day out of range */
    expect_first("17/13/2022", PP_TOK_NUMBER, "17");   /* month out of range */
    expect_first("17/01-2022", PP_TOK_NUMBER, "17");   /* mixed separators */
    expect_first("17/01/20221", PP_TOK_NUMBER, "17");  /* five-digit year */
}

static void test_urls_and_emails(void **state)
{
    (void)state;
    expect_first("https://dichvucong.gov.vn/p/home.html.", PP_TOK_URL, "https://dichvucong.gov.vn/p/home.html");
    expect_first("www.quangninh.gov.vn, và", PP_TOK_URL, "www.quangninh.gov.vn");
    expect_first("HTTP://A.VN/(x)).", PP_TOK_URL, "HTTP://A.VN/(x)");
    expect_first("vanthu@uongbi.gov.vn;", PP_TOK_EMAIL, "vanthu@uongbi.gov.vn");
    expect_first("a.b-c@so-noivu.bacninh.gov.vn", PP_TOK_EMAIL, "a.b-c@so-noivu.bacninh.gov.vn");
    expect_first("vanthu@hoá.vn x", PP_TOK_EMAIL, "vanthu@hoá.vn"); /* internationalised domain */
    expect_first("user@localhost", PP_TOK_WORD, "user");
    expect_first("http:// x", PP_TOK_WORD, "http");
}

static void test_words_numbers_punct(void **state)
{
    (void)state;
    expect_first("Tuyên truyền", PP_TOK_WORD, "Tuyên");
    expect_first("t6 chirc", PP_TOK_WORD, "t6");
    expect_first("4G", PP_TOK_WORD, "4G");
    expect_first("1.234.567 đồng", PP_TOK_NUMBER, "1.234.567");
    expect_first("2,5%", PP_TOK_NUMBER, "2,5");
    expect_first("1. Mục đích", PP_TOK_NUMBER, "1");
    expect_first("(1)", PP_TOK_PUNCT, "(");
    expect_first("§ 3", PP_TOK_PUNCT, "§");
    expect_first("¥", PP_TOK_OTHER, "¥");
    expect_first("\r\nx", PP_TOK_NEWLINE, "\r\n");
    expect_first(" \t x", PP_TOK_SPACE, " \t ");
    expect_first("\xC3\x28", PP_TOK_INVALID, "\xC3");
}

static void test_flags_and_lines(void **state)
{
    (void)state;
    const char *text = "Kế hoạch CCHC\nt6 chức\r\nUBND";
    pp_token *t;
    size_t n;
    assert_int_equal(pp_tokenize(&t, &n, text, strlen(text)), PP_OK);
    /* Kế _ hoạch _ CCHC \n t6 _ chức \r\n UBND */
    assert_int_equal(n, 11);
    assert_int_equal(t[0].flags, PP_TOKF_SYLLABLE);
    assert_int_equal(t[2].flags, PP_TOKF_SYLLABLE);
    assert_int_equal(t[4].flags, 0);  /* CCHC: not a syllable */
    assert_int_equal(t[6].flags, PP_TOKF_DIGITS);
    assert_int_equal(t[6].line, 2);
    assert_int_equal(t[8].flags, PP_TOKF_SYLLABLE);
    assert_int_equal(t[10].line, 3);
    pp_free(t);
}

static void test_empty_and_args(void **state)
{
    (void)state;
    pp_token *t = (pp_token *)1;
    size_t n = 99;
    assert_int_equal(pp_tokenize(&t, &n, "", 0), PP_OK);
    assert_null(t);
    assert_int_equal(n, 0);
    assert_int_equal(pp_tokenize(NULL, &n, "a", 1), PP_ERR_ARG);
    assert_int_equal(pp_tokenize(&t, &n, NULL, 1), PP_ERR_ARG);
    assert_string_equal(pp_token_kind_name(PP_TOK_SYMBOL), "symbol");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_seeds),
        cmocka_unit_test(test_roundtrip_random_bytes),
        cmocka_unit_test(test_document_symbols),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_urls_and_emails),
        cmocka_unit_test(test_words_numbers_punct),
        cmocka_unit_test(test_flags_and_lines),
        cmocka_unit_test(test_empty_and_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
