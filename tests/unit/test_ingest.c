/* test_ingest.c - the ingest stage without OCR: what a file is, text
   files, PDFs with a text layer made here in memory, and every bad input
   failing with a message that names it. OCR end to end:
   tests/ingest/check_ingest.sh. */
#include "testutil.h"

#include "planparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_kind_by_first_bytes(void **state)
{
    (void)state;
    assert_int_equal(pp_input_kind_of("%PDF-1.7\n", 9), PP_INPUT_PDF);
    assert_int_equal(pp_input_kind_of("\x89PNG\r\n\x1a\n", 8), PP_INPUT_IMAGE);
    assert_int_equal(pp_input_kind_of("\xFF\xD8\xFF\xE0", 4), PP_INPUT_IMAGE);
    assert_int_equal(pp_input_kind_of("II*\0", 4), PP_INPUT_IMAGE);
    assert_int_equal(pp_input_kind_of("MM\0*", 4), PP_INPUT_IMAGE);
    assert_int_equal(pp_input_kind_of("%PDF", 4), PP_INPUT_TEXT); /* too short */
    assert_int_equal(pp_input_kind_of("Kế hoạch", strlen("Kế hoạch")), PP_INPUT_TEXT);
    assert_int_equal(pp_input_kind_of(NULL, 0), PP_INPUT_TEXT);
    assert_string_equal(pp_input_kind_name(PP_INPUT_PDF), "pdf");
    assert_string_equal(pp_page_source_name(PP_PAGE_TEXT_LAYER), "text-layer");
}

static void test_text_file_is_one_page(void **state)
{
    (void)state;
    const char *text = "KẾ HOẠCH\r\nTuyên truyền cải cách hành chính\r\n";
    pp_document *d;
    assert_int_equal(pp_ingest_memory(&d, tu_ctx, NULL, text, strlen(text), "a.txt", NULL), PP_OK);
    assert_int_equal(pp_document_kind(d), PP_INPUT_TEXT);
    assert_int_equal(pp_document_page_count(d), 1);
    const pp_page *p = pp_document_page(d, 0);
    assert_int_equal(p->source, PP_PAGE_PLAIN);
    assert_int_equal(p->confidence, -1);
    size_t len;
    assert_string_equal(pp_document_text(d, &len), "KẾ HOẠCH\nTuyên truyền cải cách hành chính\n");
    assert_null(pp_document_page(d, 1));
    pp_document_free(d);
    /* named like an image: read as text, with a warning */
    assert_int_equal(pp_ingest_memory(&d, tu_ctx, NULL, text, strlen(text), "scan.PNG", NULL), PP_OK);
    assert_int_equal(pp_warning_count(tu_ctx), 1);
    assert_non_null(strstr(pp_warning(tu_ctx, 0), "scan.PNG"));
    pp_document_free(d);
}

/* expects failure with status and a message containing name and what */
static void expect_fail(const void *data, size_t len, int status, const char *what)
{
    pp_document *d = (pp_document *)1;
    assert_int_equal(pp_ingest_memory(&d, tu_ctx, NULL, data, len, "bad.pdf", NULL), status);
    assert_null(d);
    if (!strstr(pp_errmsg(tu_ctx), "bad.pdf") || !strstr(pp_errmsg(tu_ctx), what))
        fail_msg("message '%s' lacks 'bad.pdf' or '%s'", pp_errmsg(tu_ctx), what);
}

static const char zero_pages[] = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                                 "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                                 "trailer<</Root 1 0 R>>\n%%EOF\n";

static void test_bad_inputs(void **state)
{
    (void)state;
    expect_fail("", 0, PP_ERR_INPUT, "empty file");
    expect_fail("%PDF-1.4\n garbage", 17, PP_ERR_INPUT, "not a readable PDF");
    expect_fail(zero_pages, sizeof zero_pages - 1, PP_ERR_INPUT, "no pages");
    expect_fail("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, PP_ERR_INPUT, "not a readable image");
    expect_fail("II*\0\x08\0\0\0", 8, PP_ERR_INPUT, "not a readable image");
    expect_fail("abc\xFF\xFE", 5, PP_ERR_INPUT, "");           /* invalid UTF-8 */
    expect_fail("ab\0\0\0\0\0cd", 9, PP_ERR_INPUT, "");       /* binary */
    pp_document *d;
    pp_ingest_options o = PP_INGEST_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(pp_ingest_memory(&d, tu_ctx, NULL, "a", 1, "x", &o), PP_ERR_ARG);
    assert_int_equal(pp_ingest_memory(NULL, tu_ctx, NULL, "a", 1, "x", NULL), PP_ERR_ARG);
    assert_int_equal(pp_ingest_file(&d, tu_ctx, NULL, "/nonexistent/x.pdf", NULL), PP_ERR_IO);
    assert_non_null(strstr(pp_errmsg(tu_ctx), "/nonexistent/x.pdf"));
    assert_int_equal(pp_ingest_options_init(&o, PP_INGEST_OPTIONS_VERSION), PP_OK);
    pp_document_free(NULL);
    pp_ocr_free(NULL);
    assert_int_equal(pp_document_page_count(NULL), 0);
}

/* A document's record names the file: its bytes' hash (not the decoded
   text's), its format, how it was read, its pages. */
static void test_record_of_document(void **state)
{
    (void)state;
    const char *bytes = "KẾ HOẠCH\r\nTuyên truyền cải cách hành chính\r\n";
    pp_document *d;
    assert_int_equal(pp_ingest_memory(&d, tu_ctx, NULL, bytes, strlen(bytes), "a.txt", NULL), PP_OK);
    char sha[65];
    pp_sha256_hex(bytes, strlen(bytes), sha);
    assert_string_equal(pp_document_sha256(d), sha);
    pp_record *r;
    pp_parse_options o = PP_PARSE_OPTIONS_INIT;
    o.restore = 0;
    assert_int_equal(pp_parse_document(&r, tu_ctx, NULL, d, &o), PP_OK);
    char *json;
    assert_int_equal(pp_record_write(&json, NULL, tu_ctx, r, PP_RECORD_JSON, PP_JSON_COMPACT), PP_OK);
    char want[200];
    snprintf(want, sizeof want, "\"sha256\":\"%s\",\"format\":\"text\",\"ingest\":\"utf8\",\"pages\":1", sha);
    if (!strstr(json, want))
        fail_msg("%s does not have %s", json, want);
    pp_free(json);
    pp_record_free(r);
    assert_int_equal(pp_parse_document(&r, tu_ctx, NULL, NULL, NULL), PP_ERR_ARG);
    pp_document_free(d);
}

static void test_ocr_engine_errors(void **state)
{
    (void)state;
    pp_ocr *ocr = (pp_ocr *)1;
    pp_ingest_options o = PP_INGEST_OPTIONS_INIT;
    o.language = "no-such-language";
    assert_int_equal(pp_ocr_new(&ocr, tu_ctx, &o), PP_ERR_DEPENDENCY);
    assert_null(ocr);
    assert_non_null(strstr(pp_errmsg(tu_ctx), "no-such-language"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_by_first_bytes),
        cmocka_unit_test(test_text_file_is_one_page),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_record_of_document),
        cmocka_unit_test(test_ocr_engine_errors),
    };
    return cmocka_run_group_tests(tests, tu_ctx_setup, tu_ctx_teardown);
}
