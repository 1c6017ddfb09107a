/* test_syllable.c - the Vietnamese syllable model: parse, validity,
   composition in both tone styles, case, diacritic stripping. */
#include "testutil.h"

#include "normalize/syllable.h"
#include "planparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int valid(const char *s)
{
    return pp_syllable_is_valid(s, strlen(s));
}

static void expect_compose(const char *in, pp_tone_style style, const char *want)
{
    pp_syllable syl;
    char buf[32];
    size_t n;
    if (pp_syllable_parse(&syl, in, strlen(in)) != PP_OK)
        fail_msg("'%s' did not parse", in);
    assert_int_equal(pp_syllable_compose(buf, sizeof buf, &n, &syl, style), PP_OK);
    if (strcmp(buf, want) != 0)
        fail_msg("'%s' composed (%s style) as '%s', want '%s'", in,
                 style == PP_TONE_STYLE_OLD ? "old" : "new", buf, want);
    assert_int_equal(n, strlen(want));
}

/* Single words of Debian's hunspell vi_VN list that are not one Vietnamese
   syllable. Everything else in the list must parse, be valid and compose
   back to itself. */
static const char *const hunspell_non_syllables[] = {
    /* acronyms and names of formats */
    "ABC", "ASCII", "GIF", "HCM", "HK", "HTML", "HĐND", "JPEG", "LHQ", "PDF", "PNG",
    "TCVN", "TV", "Tp", "UBND", "URL", "VIQR", "VISCII", "VN", "VNI",
    /* foreign words, several syllables written as one, a lone letter */
    "Telex", "Unicode", "basoi", "email", "gram", "internet", "intranet", "palăng", "ping",
    "tivi", "tout", "v", "web",
    /* loans that break the spelling rules: g before e (gh), k before a (c) */
    "gen", "ka",
    /* a stop coda (p t c ch) without sắc or nặng: typos for gíp, tết, xịt */
    "gip", "têt", "xit", NULL,
};

static int is_listed(const char *w)
{
    for (int i = 0; hunspell_non_syllables[i]; i++)
        if (strcmp(hunspell_non_syllables[i], w) == 0)
            return 1;
    return 0;
}

static void test_hunspell_vi_words(void **state)
{
    (void)state;
    size_t len;
    FILE *probe = fopen(PP_HUNSPELL_VI, "rb");
    if (!probe)
        fail_msg("%s is missing: run scripts/install-deps.sh (package hunspell-vi)", PP_HUNSPELL_VI);
    fclose(probe);
    char *dic = tu_read_file(PP_HUNSPELL_VI, &len);
    char *save = NULL;
    char *line = strtok_r(dic, "\n", &save); /* first line: the count */
    int checked = 0, rejected = 0, failures = 0;
    while ((line = strtok_r(NULL, "\n", &save))) {
        char *slash = strchr(line, '/');
        if (slash)
            *slash = '\0';
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (!n || strchr(line, ' ') || strchr(line, '-'))
            continue;
        pp_syllable syl;
        if (pp_syllable_parse(&syl, line, n) != PP_OK) {
            rejected++;
            if (!is_listed(line)) {
                print_error("rejected a hunspell word: %s\n", line);
                failures++;
            }
            continue;
        }
        if (is_listed(line)) {
            print_error("accepted a listed non-syllable: %s\n", line);
            failures++;
        }
        char buf[32];
        assert_int_equal(pp_syllable_compose(buf, sizeof buf, NULL, &syl, PP_TONE_STYLE_NEW), PP_OK);
        if (strcmp(buf, line) != 0) {
            print_error("'%s' recomposed as '%s'\n", line, buf);
            failures++;
        }
        checked++;
    }
    free(dic);
    print_message("hunspell vi_VN: %d syllables checked, %d non-syllables\n", checked, rejected);
    assert_int_equal(failures, 0);
    assert_true(checked > 6000);
}

static void test_invalid_strings(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "ngi", "kà", "ghá", "thàc", "tiêt", /* from the issue */
        "gé", "ngé", "cé", "ky t", "qa", "quu", "cuy", "iên", "tyên", "bâ", "ă", "hòà",
        "xyz", "nghà", "tràp", "mưp", "k", "", "ba1", "a b", "đđa", "fa", "wa", "zô",
        "thànhh", "UBND", "CCHC", "nghiêngg",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (valid(bad[i]))
            fail_msg("'%s' was accepted as a syllable", bad[i]);
}

static void test_valid_strings(void **state)
{
    (void)state;
    static const char *const good[] = {
        "a", "ở", "yêu", "uy", "oanh", "khuya", "khuỷu", "nghiêng", "giếng", "gì", "gìn",
        "giữa", "quốc", "quyết", "quỳnh", "thuở", "xoong", "Đảng", "ĐẢNG", "Uông", "Bí",
        "chức", "tổ", "của", "hoạch", "tuyên", "truyền", "cải", "cách", "hành", "chính",
        "huỳnh", "ngoằn", "ngoèo", "Ủy", "Uỷ", "hoà", "hòa", "kỹ", "lý", "giặt",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!valid(good[i]))
            fail_msg("'%s' was rejected", good[i]);
}

static void expect_parts(const char *s, const char *onset, const char *medial,
                         const char *nucleus, const char *coda, pp_tone tone)
{
    pp_syllable syl;
    assert_int_equal(pp_syllable_parse(&syl, s, strlen(s)), PP_OK);
    assert_string_equal(syl.onset, onset);
    assert_string_equal(syl.medial, medial);
    assert_string_equal(syl.nucleus, nucleus);
    assert_string_equal(syl.coda, coda);
    assert_int_equal(syl.tone, tone);
}

static void test_parts(void **state)
{
    (void)state;
    expect_parts("nghiêng", "ngh", "", "iê", "ng", PP_TONE_NGANG);
    expect_parts("thuở", "th", "u", "ơ", "", PP_TONE_HOI);
    expect_parts("quốc", "qu", "", "ô", "c", PP_TONE_SAC);
    expect_parts("gìn", "gi", "", "i", "n", PP_TONE_HUYEN);
    expect_parts("hoà", "h", "o", "a", "", PP_TONE_HUYEN);
    expect_parts("hòa", "h", "o", "a", "", PP_TONE_HUYEN);
    expect_parts("người", "ng", "", "ươ", "i", PP_TONE_HUYEN);
    expect_parts("khuya", "kh", "u", "ya", "", PP_TONE_NGANG);
    expect_parts("mùa", "m", "", "ua", "", PP_TONE_HUYEN);
    expect_parts("Đạo", "đ", "", "a", "o", PP_TONE_NANG);
    expect_parts("yến", "", "", "yê", "n", PP_TONE_SAC);
    expect_parts("oách", "", "o", "a", "ch", PP_TONE_SAC);
}

static void test_tone_styles(void **state)
{
    (void)state;
    /* the only difference: open oa, oe, uy */
    expect_compose("hoá", PP_TONE_STYLE_OLD, "hóa");
    expect_compose("hóa", PP_TONE_STYLE_NEW, "hoá");
    expect_compose("thuỷ", PP_TONE_STYLE_OLD, "thủy");
    expect_compose("Uỷ", PP_TONE_STYLE_OLD, "Ủy");
    expect_compose("Ủy", PP_TONE_STYLE_NEW, "Uỷ");
    expect_compose("khoẻ", PP_TONE_STYLE_OLD, "khỏe");
    /* everything else is the same in both */
    static const char *const same[] = {"hoàn", "quả", "quý", "giả", "mùa", "mía", "người",
                                       "khuyến", "ngoài", "khuỷu", "thuở", "thuế", "gì",
                                       "giếng", "huỳnh", "Quỳnh", "xoáy", "tuổi", "yếu"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        expect_compose(same[i], PP_TONE_STYLE_OLD, same[i]);
        expect_compose(same[i], PP_TONE_STYLE_NEW, same[i]);
    }
    /* a mark on the wrong vowel is read and put right */
    expect_compose("tòan", PP_TONE_STYLE_OLD, "toàn");
    expect_compose("qủa", PP_TONE_STYLE_OLD, "quả");
}

static void test_case_kept(void **state)
{
    (void)state;
    expect_compose("HOÁ", PP_TONE_STYLE_OLD, "HÓA");
    expect_compose("Hoá", PP_TONE_STYLE_OLD, "Hóa");
    expect_compose("hOá", PP_TONE_STYLE_OLD, "hÓa");
    expect_compose("ĐẢNG", PP_TONE_STYLE_OLD, "ĐẢNG");
    expect_compose("GÌN", PP_TONE_STYLE_OLD, "GÌN"); /* the shared i of gi */
    expect_compose("GIẾNG", PP_TONE_STYLE_NEW, "GIẾNG");
    pp_syllable syl;
    assert_int_equal(pp_syllable_parse(&syl, "Tuyên", strlen("Tuyên")), PP_OK);
    assert_int_equal(syl.letter_case, PP_CASE_TITLE);
    assert_int_equal(pp_syllable_parse(&syl, "TUYÊN", strlen("TUYÊN")), PP_OK);
    assert_int_equal(syl.letter_case, PP_CASE_UPPER);
    assert_int_equal(pp_syllable_parse(&syl, "tuyên", strlen("tuyên")), PP_OK);
    assert_int_equal(syl.letter_case, PP_CASE_LOWER);
    assert_int_equal(pp_syllable_parse(&syl, "tUyên", strlen("tUyên")), PP_OK);
    assert_int_equal(syl.letter_case, PP_CASE_MIXED);
}

static void test_compose_from_parts(void **state)
{
    (void)state;
    pp_syllable syl = {.onset = "tr", .medial = "", .nucleus = "ươ", .coda = "ng",
                       .tone = PP_TONE_HUYEN, .upper_mask = 1};
    char buf[32];
    size_t n;
    assert_int_equal(pp_syllable_compose(buf, sizeof buf, &n, &syl, PP_TONE_STYLE_OLD), PP_OK);
    assert_string_equal(buf, "Trường");
    /* too small a buffer */
    assert_int_equal(pp_syllable_compose(buf, 4, &n, &syl, PP_TONE_STYLE_OLD), PP_ERR_RANGE);
    /* not a syllable: stop coda with huyền; unknown rhyme; c before e */
    pp_syllable bad1 = {.onset = "th", .nucleus = "a", .coda = "c", .tone = PP_TONE_HUYEN};
    pp_syllable bad2 = {.onset = "b", .nucleus = "â", .tone = PP_TONE_SAC};
    pp_syllable bad3 = {.onset = "c", .nucleus = "e", .tone = PP_TONE_NGANG};
    pp_syllable bad4 = {.onset = "t", .nucleus = "a", .tone = (pp_tone)9};
    assert_int_equal(pp_syllable_compose(buf, sizeof buf, &n, &bad1, PP_TONE_STYLE_OLD), PP_ERR_ARG);
    assert_int_equal(pp_syllable_compose(buf, sizeof buf, &n, &bad2, PP_TONE_STYLE_OLD), PP_ERR_ARG);
    assert_int_equal(pp_syllable_compose(buf, sizeof buf, &n, &bad3, PP_TONE_STYLE_OLD), PP_ERR_ARG);
    assert_int_equal(pp_syllable_compose(buf, sizeof buf, &n, &bad4, PP_TONE_STYLE_OLD), PP_ERR_ARG);
    assert_int_equal(pp_syllable_parse(NULL, "a", 1), PP_ERR_ARG);
}

static void test_every_tone_on_every_rhyme_roundtrips(void **state)
{
    (void)state;
    /* all onsets x a few rhymes x six tones: whatever parses recomposes
       to itself in the style it was written in */
    static const char *const onsets[] = {"", "b", "ch", "gi", "kh", "ngh", "qu", "th", "tr", "đ"};
    static const char *const rhymes[] = {"a", "oa", "uy", "iêng", "ươi", "anh", "oe", "ưu", "ich", "uyên"};
    int parsed = 0;
    for (size_t o = 0; o < sizeof onsets / sizeof onsets[0]; o++)
        for (size_t r = 0; r < sizeof rhymes / sizeof rhymes[0]; r++)
            for (int t = 0; t < 6; t++) {
                char word[32];
                snprintf(word, sizeof word, "%s%s", onsets[o], rhymes[r]);
                pp_syllable p;
                if (pp_syllable_parse(&p, word, strlen(word)) != PP_OK)
                    continue;
                p.tone = (pp_tone)t;
                char a[32], b[32];
                if (pp_syllable_compose(a, sizeof a, NULL, &p, PP_TONE_STYLE_NEW) != PP_OK)
                    continue; /* e.g. a stop coda with a tone it cannot take */
                pp_syllable q;
                assert_int_equal(pp_syllable_parse(&q, a, strlen(a)), PP_OK);
                assert_int_equal(q.tone, t);
                assert_int_equal(pp_syllable_compose(b, sizeof b, NULL, &q, PP_TONE_STYLE_NEW), PP_OK);
                assert_string_equal(a, b);
                parsed++;
            }
    assert_true(parsed > 300);
}

static void expect_strip(const char *in, const char *want)
{
    char *out;
    size_t n;
    assert_int_equal(pp_strip_diacritics(&out, &n, in, strlen(in)), PP_OK);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    pp_free(out);
}

static void test_strip_diacritics(void **state)
{
    (void)state;
    expect_strip("Kế hoạch tuyên truyền cải cách hành chính", "Ke hoach tuyen truyen cai cach hanh chinh");
    expect_strip("ĐẢNG Đảng đảng", "DANG Dang dang");
    expect_strip("Số: 17/QĐ-UBND, ngày 17/01/2022.", "So: 17/QD-UBND, ngay 17/01/2022.");
    expect_strip("café naïve Ångström", "cafe naive Angstrom");
    expect_strip("", "");
    expect_strip("plain ascii\n", "plain ascii\n");
    expect_strip("ư ơ ă â ê ô", "u o a a e o");
    char *out;
    size_t n;
    assert_int_equal(pp_strip_diacritics(&out, &n, "\xFF", 1), PP_ERR_INPUT);
    assert_null(out);
}

static void test_tables_sorted(void **state)
{
    (void)state;
    assert_true(ppi_rhyme_table_sorted());
}

static size_t onset_of(const char *w)
{
    return ppi_written_onset(w, strlen(w));
}

/* The written onset splits a word where OCR's rhyme readings are learned
   and looked up: longest onset first, something always left after it. */
static void test_written_onset(void **state)
{
    (void)state;
    assert_int_equal(onset_of("được"), 2); /* đ is two bytes */
    assert_int_equal(onset_of("nghiêm"), 3);
    assert_int_equal(onset_of("nguyễn"), 2);
    assert_int_equal(onset_of("giữa"), 2);
    assert_int_equal(onset_of("gì"), 1); /* gi would leave only the tone */
    assert_int_equal(onset_of("gi"), 1);
    assert_int_equal(onset_of("quản"), 2);
    assert_int_equal(onset_of("qa"), 0); /* q alone is no onset */
    assert_int_equal(onset_of("ăn"), 0);
    assert_int_equal(onset_of("t"), 0);
    assert_int_equal(onset_of(""), 0);
    assert_string_equal(ppi_onset_at(0), "ngh");
    size_t i = 0;
    while (ppi_onset_at(i))
        i++;
    assert_int_equal(i, 28);
    assert_string_equal(ppi_onset_at(i - 1), "");
    /* the same as the longest listed onset that leaves something, for
       every onset with every ending */
    const char *ends[] = {"", "a", "h", "g", "i", "r", "u", "ươ", "ý", "nh"};
    for (size_t k = 0; ppi_onset_at(k); k++)
        for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++) {
            char w[16];
            snprintf(w, sizeof w, "%s%s", ppi_onset_at(k), ends[e]);
            size_t want = 0, len = strlen(w);
            for (size_t j = 0; ppi_onset_at(j); j++) {
                size_t ol = strlen(ppi_onset_at(j));
                if (ol < len && strncmp(w, ppi_onset_at(j), ol) == 0 && ol > want)
                    want = ol;
            }
            if (onset_of(w) != want)
                fail_msg("written onset of '%s': %zu, want %zu", w, onset_of(w), want);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_sorted),
        cmocka_unit_test(test_hunspell_vi_words),
        cmocka_unit_test(test_invalid_strings),
        cmocka_unit_test(test_valid_strings),
        cmocka_unit_test(test_parts),
        cmocka_unit_test(test_tone_styles),
        cmocka_unit_test(test_case_kept),
        cmocka_unit_test(test_compose_from_parts),
        cmocka_unit_test(test_every_tone_on_every_rhyme_roundtrips),
        cmocka_unit_test(test_strip_diacritics),
        cmocka_unit_test(test_written_onset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
