/* test_eval.c - the scoring of the evaluation harness, string in, number
   out, against hand-counted cases. */
#include "testutil.h"

#include "score.h"

#include <string.h>

static pp_score score(const char *gold, const char *hyp)
{
    pp_score s;
    assert_int_equal(pp_score_texts(&s, gold, strlen(gold), hyp, strlen(hyp)), 0);
    return s;
}

static void test_identical(void **state)
{
    (void)state;
    pp_score s = score("Kế hoạch số 17/QĐ-UBND", "Kế hoạch số 17/QĐ-UBND");
    /* Kế hoạch số 17 QĐ UBND: 6 tokens */
    assert_int_equal(s.gold_tokens, 6);
    assert_int_equal(s.errors, 0);
    assert_int_equal(s.diacritic_tokens, 4);
    assert_int_equal(s.diacritic_exact, 4);
}

static void test_substitution_insertion_deletion(void **state)
{
    (void)state;
    pp_score s = score("tổ chức thực hiện", "t6 chirc thực hiện");
    assert_int_equal(s.errors, 2);
    assert_true(pp_score_accuracy(&s) == 0.5);
    s = score("tổ chức", "tổ chức chức");
    assert_int_equal(s.errors, 1);
    s = score("tổ chức thực hiện", "tổ hiện");
    assert_int_equal(s.errors, 2);
}

static void test_normalisation_and_punctuation(void **state)
{
    (void)state;
    /* tone placement, NFC, punctuation and underscores do not count */
    pp_score s = score("văn hóa, Ủy ban.", "văn hoá Uỷ_ban");
    assert_int_equal(s.errors, 0);
    s = score("văn hóa", "va\xCC\x86n hoa\xCC\x81");
    assert_int_equal(s.errors, 0);
    /* case does */
    s = score("Đảng", "đảng");
    assert_int_equal(s.errors, 1);
    assert_int_equal(s.diacritic_exact, 0);
}

static void test_line_alignment(void **state)
{
    (void)state;
    /* same line count: a token moved to another line costs two errors */
    pp_score s = score("a b\nc d", "a\nb c d");
    assert_true(s.line_aligned);
    assert_int_equal(s.errors, 2);
    /* different line counts: whole-text alignment */
    s = score("a b\nc d", "a b c d\n\n");
    assert_false(s.line_aligned);
    assert_int_equal(s.errors, 0);
}

static void test_empty_and_totals(void **state)
{
    (void)state;
    pp_score s = score("", "");
    assert_int_equal(s.gold_tokens, 0);
    assert_true(pp_score_accuracy(&s) == 1.0);
    pp_score t = {0}, a = score("một hai", "một ba"), b = score("bốn", "bốn");
    pp_score_add(&t, &a);
    pp_score_add(&t, &b);
    assert_int_equal(t.gold_tokens, 3);
    assert_int_equal(t.errors, 1);
    pp_score bad;
    assert_int_equal(pp_score_texts(&bad, "\xFF", 1, "a", 1), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical),
        cmocka_unit_test(test_substitution_insertion_deletion),
        cmocka_unit_test(test_normalisation_and_punctuation),
        cmocka_unit_test(test_line_alignment),
        cmocka_unit_test(test_empty_and_totals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
