/* test_ocr.c - OCR of a small page image made for the tests (three lines
   of the bundled sample rendered at 300 dpi): the page's image facts, and
   every OCR word placed where it is in the page and document text with a
   confidence. Plain and sanitised; not under valgrind (tesseract there
   takes minutes). */
#include "testutil.h"

#include "planparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pp_ocr *ocr;

static int setup(void **state)
{
    int rc = tu_ctx_setup(state);
    if (rc == 0 && pp_ocr_new(&ocr, tu_ctx, NULL) != PP_OK) {
        fprintf(stderr, "cannot start tesseract: %s\n", pp_errmsg(tu_ctx));
        return -1;
    }
    return rc;
}

static int teardown(void **state)
{
    pp_ocr_free(ocr);
    return tu_ctx_teardown(state);
}

static void test_page_image_facts(void **state)
{
    (void)state;
    pp_document *d;
    assert_int_equal(pp_ingest_file(&d, tu_ctx, ocr, tu_fixture("ocr/three-lines.png"), NULL), PP_OK);
    assert_int_equal(pp_document_page_count(d), 1);
    const pp_page *p = pp_document_page(d, 0);
    assert_int_equal(p->source, PP_PAGE_OCR);
    assert_int_equal(p->image_width, 2134);
    assert_int_equal(p->image_height, 242);
    assert_int_equal(p->image_dpi, 300);
    assert_true(p->confidence > 50 && p->confidence <= 100);
    pp_document_free(d);
}

/* Each word lies inside the page text, in order, starts and ends at a
   word boundary, and the document's list is the pages' lists moved. */
static void test_words_placed_in_text(void **state)
{
    (void)state;
    pp_document *d;
    assert_int_equal(pp_ingest_file(&d, tu_ctx, ocr, tu_fixture("ocr/three-lines.png"), NULL), PP_OK);
    const pp_page *p = pp_document_page(d, 0);
    assert_true(p->nwords >= 25); /* 29 printed */
    size_t end = 0;
    for (size_t i = 0; i < p->nwords; i++) {
        const pp_ocr_word *w = &p->words[i];
        assert_true(w->offset >= end && w->length > 0 && w->offset + w->length <= p->len);
        assert_true(w->confidence >= 0 && w->confidence <= 100);
        assert_true(w->offset == 0 || strchr(" \n", p->text[w->offset - 1]));
        assert_true(w->offset + w->length == p->len || strchr(" \n", p->text[w->offset + w->length]));
        end = w->offset + w->length;
    }
    const char *want[] = {"Tuyên", "truyền", "chuyển", "112/QĐ-UBND", "Tiên"};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        int found = 0;
        for (size_t i = 0; i < p->nwords && !found; i++)
            found = tu_eq(p->text + p->words[i].offset, p->words[i].length, want[k]);
        if (!found)
            fail_msg("no OCR word '%s' in '%s'", want[k], p->text);
    }
    size_t n, len;
    const pp_ocr_word *all = pp_document_ocr_words(d, &n);
    const char *text = pp_document_text(d, &len);
    assert_int_equal(n, p->nwords);
    for (size_t i = 0; i < n; i++)
        assert_memory_equal(text + all[i].offset, p->text + p->words[i].offset, all[i].length);
    pp_document_free(d);
}

/* Restoring with the words: the confident ones are kept, and the result
   is the sample's text. */
static void test_restore_with_confidences(void **state)
{
    (void)state;
    pp_model *model;
    assert_int_equal(pp_model_load(&model, tu_ctx, PP_MODEL_PATH), PP_OK);
    pp_document *d;
    assert_int_equal(pp_ingest_file(&d, tu_ctx, ocr, tu_fixture("ocr/three-lines.png"), NULL), PP_OK);
    size_t len;
    const char *text = pp_document_text(d, &len);
    pp_restore_options o = PP_RESTORE_OPTIONS_INIT;
    o.ocr_words = pp_document_ocr_words(d, &o.ocr_word_count);
    pp_restored *r;
    assert_int_equal(pp_restore(&r, tu_ctx, model, text, len, &o), PP_OK);
    const char *out = pp_restored_text(r, NULL);
    assert_non_null(strstr(out, "Tuyên truyền cải cách hành chính và chuyển đổi số năm 2023"));
    assert_non_null(strstr(out, "112/QĐ-UBND ngày 10/01/2023"));
    pp_restored_free(r);
    pp_document_free(d);
    pp_model_free(model);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_image_facts),
        cmocka_unit_test(test_words_placed_in_text),
        cmocka_unit_test(test_restore_with_confidences),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
