/* test_parse.c - pp_parse, string in / record out: header variants, section
   ladders, reflow, closing and signature layouts, tables, footnotes, bad
   input, and the JSON, text and Markdown outputs. */
#include "testutil.h"

#include "planparse.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_header_merged_columns(void **state)
{
    (void)state;
    pp_record *r = tu_parse_clean("UBND TỈNH QUẢNG NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                               "SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc\n"
                               "Số: 15 /KH-SNV Hạ Long, ngày 05 tháng 3 năm 2022\n"
                               "KẾ HOẠCH\n"
                               "Cải cách hành chính năm 2022\n"
                               "I. MỤC ĐÍCH\n"
                               "Nâng cao chất lượng phục vụ.\n");
    const pp_header *h = pp_record_header(r);
    tu_assert_str(h->issuer_parent, "UBND tỉnh Quảng Ninh");
    tu_assert_str(h->issuer, "Sở Nội vụ");
    tu_assert_str(h->number, "15/KH-SNV");
    tu_assert_str(h->place, "Hạ Long");
    tu_assert_str(h->date, "2022-03-05");
    tu_assert_str(h->doc_type, "Kế hoạch");
    tu_assert_str(h->title, "Cải cách hành chính năm 2022");
    assert_int_equal(pp_record_warning_count(r), 1); /* no Nơi nhận */
    pp_record_free(r);
}

static void test_header_bare_head_and_bad_date(void **state)
{
    (void)state;
    pp_record *r = tu_parse_clean("ỦY BAN NHÂN DÂN\n"
                               "HUYỆN TIÊN YÊN\n"
                               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                               "Độc lập - Tự do - Hạnh phúc\n"
                               "Số: 12/QĐ-UBND\n"
                               "Tiên Yên, ngày 31/02/2022\n"
                               "QUYẾT ĐỊNH\n"
                               "VỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC CỦA ỦY BAN NHÂN DÂN HUYỆN TIÊN YÊN\n"
                               "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n"
                               "Điều 2. Tổ chức thực hiện\n"
                               "1. Giao Văn phòng theo dõi.\n"
                               "a) Báo cáo hằng quý.\n");
    const pp_header *h = pp_record_header(r);
    tu_assert_str(h->issuer, "Ủy ban nhân dân huyện Tiên Yên");
    tu_assert_str(h->issuer_parent, NULL);
    tu_assert_str(h->number, "12/QĐ-UBND");
    tu_assert_str(h->doc_type, "Quyết định");
    tu_assert_str(h->date, NULL); /* 31 February: rejected, never invented */
    assert_true(tu_has_warning(r, "impossible"));
    tu_assert_str(h->title, "Về việc ban hành quy chế làm việc của Ủy ban nhân dân huyện Tiên Yên");
    size_t n;
    const pp_section *s = pp_record_sections(r, &n);
    assert_int_equal(n, 2);
    assert_int_equal(s[0].kind, PP_SECTION_ARTICLE);
    assert_null(s[0].heading);
    tu_assert_str(s[1].heading, "Tổ chức thực hiện");
    assert_int_equal(s[1].nchildren, 1);
    tu_assert_str(s[1].children[0].children[0].path, "Điều 2.1.a");
    assert_int_equal(s[1].children[0].children[0].level, 3);
    pp_record_free(r);
}

static void test_header_party_and_cong_van(void **state)
{
    (void)state;
    pp_record *r = tu_parse_clean("ĐẢNG BỘ TỈNH LÀO CAI\nTỈNH ỦY\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n"
                               "Số 05-NQ/TU\nLào Cai, ngày 10 tháng 5 năm 2021\nNGHỊ QUYẾT\n"
                               "Về phát triển du lịch\nI. TÌNH HÌNH\nDu lịch tăng trưởng.\n");
    const pp_header *h = pp_record_header(r);
    tu_assert_str(h->issuer_parent, "Đảng bộ tỉnh Lào Cai");
    tu_assert_str(h->issuer, "Tỉnh ủy");
    tu_assert_str(h->number, "05-NQ/TU");
    tu_assert_str(h->doc_type, "Nghị quyết");
    tu_assert_str(h->date, "2021-05-10");
    pp_record_free(r);

    r = tu_parse_clean("ỦY BAN NHÂN DÂN TỈNH GIA LAI\nSố: 245/UBND-NL\nV/v phòng chống dịch bệnh gia súc\n"
                    "Gia Lai, ngày 02 tháng 6 năm 2023\nKính gửi: Sở Nông nghiệp.\n1. Tăng cường kiểm tra.\n");
    h = pp_record_header(r);
    tu_assert_str(h->doc_type, "Công văn");
    tu_assert_str(h->number, "245/UBND-NL");
    tu_assert_str(h->title, "phòng chống dịch bệnh gia súc");
    pp_record_free(r);
}

static void test_section_ladder_by_appearance(void **state)
{
    (void)state;
    /* arabic first, then letters, dashes, pluses; a new "2." closes them */
    pp_record *r = tu_parse_clean("1. Mục tiêu\na) Về thể chế\n- Rà soát văn bản.\n+ Văn bản của tỉnh.\n"
                               "+ Văn bản của huyện.\n- Công bố kết quả.\nb) Về tổ chức bộ máy\n2. Giải pháp\n"
                               "(1) Tuyên truyền rộng rãi.\n");
    size_t n;
    const pp_section *s = pp_record_sections(r, &n);
    assert_int_equal(n, 2);
    assert_int_equal(s[0].kind, PP_SECTION_ARABIC);
    assert_int_equal(s[0].nchildren, 2);
    const pp_section *a = &s[0].children[0];
    assert_int_equal(a->kind, PP_SECTION_LETTER);
    assert_int_equal(a->level, 2);
    assert_int_equal(a->nchildren, 2);
    assert_int_equal(a->children[0].nchildren, 2);
    tu_assert_str(a->children[0].children[1].path, "1.a.-1.+2");
    tu_assert_str(a->children[1].path, "1.a.-2");
    assert_null(a->children[0].heading);
    tu_assert_str(a->children[0].text, "Rà soát văn bản.");
    tu_assert_str(s[1].children[0].label, "1");
    assert_int_equal(s[1].children[0].kind, PP_SECTION_PAREN);
    pp_record_free(r);
}

static void test_reflow(void **state)
{
    (void)state;
    /* hard wraps, a blank line inside a sentence, a hyphenated word, a page
       number and a running header printed on every page */
    pp_record *r = tu_parse_clean("I. NỘI DUNG\n"
                               "Tuyên truyền các quy định về cải cách hành chính đến toàn thể cán bộ, công\n"
                               "\n"
                               "chức trên địa bàn; phối hợp với Trung tâm Hành chính công thành phố để tổ chức\n"
                               "Hội nghị trực tuyến về chuyển đổi số cho cán bộ cấp xã và các tổ công nghệ cộng\n"
                               "đồng. Báo cáo kết quả về Phòng Nội vụ.\n"
                               "Kế hoạch tuyên truyền năm 2022\n"
                               "2\n"
                               "Kế hoạch tuyên truyền năm 2022\n"
                               "Kế hoạch tuyên truyền năm 2022\n");
    size_t n;
    const pp_section *s = pp_record_sections(r, &n);
    assert_int_equal(n, 1);
    tu_assert_str(s[0].text, "Tuyên truyền các quy định về cải cách hành chính đến toàn thể cán bộ, công chức "
                          "trên địa bàn; phối hợp với Trung tâm Hành chính công thành phố để tổ chức Hội "
                          "nghị trực tuyến về chuyển đổi số cho cán bộ cấp xã và các tổ công nghệ cộng đồng. "
                          "Báo cáo kết quả về Phòng Nội vụ.");
    pp_record_free(r);
}

static void test_closing_interleaved_signature(void **state)
{
    (void)state;
    pp_record *r = tu_parse_clean("I. NỘI DUNG\nThực hiện tốt.\n"
                               "Trên đây là Kế hoạch của UBND huyện; yêu cầu các cơ quan\n"
                               "thực hiện nghiêm túc./.\n"
                               "Nơi nhận: KT. CHỦ TỊCH\n"
                               "- Sở Nội vụ; PHÓ CHỦ TỊCH\n"
                               "- UBND các xã, thị trấn (t/h); Nằm ở/\n"
                               "- Lưu: VT, NV. ‘ 3\n"
                               "\n"
                               "\" Nguyễn Văn An\n");
    tu_assert_str(pp_record_closing(r),
               "Trên đây là Kế hoạch của UBND huyện; yêu cầu các cơ quan thực hiện nghiêm túc./.");
    size_t n;
    const char *const *rec = pp_record_recipients(r, &n);
    assert_int_equal(n, 3);
    tu_assert_str(rec[0], "Sở Nội vụ");
    tu_assert_str(rec[1], "UBND các xã, thị trấn (t/h)");
    tu_assert_str(rec[2], "Lưu: VT, NV");
    const pp_signature *sig = pp_record_signature(r);
    tu_assert_str(sig->authority, NULL);
    tu_assert_str(sig->capacity, "KT. Chủ tịch");
    tu_assert_str(sig->title, "Phó Chủ tịch");
    tu_assert_str(sig->name, "Nguyễn Văn An");
    size_t ns;
    pp_record_sections(r, &ns);
    assert_int_equal(ns, 1);
    pp_record_free(r);
}

static void test_closing_separate_block(void **state)
{
    (void)state;
    pp_record *r = tu_parse_clean("I. NỘI DUNG\nThực hiện tốt.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
                               "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nTrần Thị Bình\n");
    const pp_signature *sig = pp_record_signature(r);
    tu_assert_str(sig->authority, "TM. Ủy ban nhân dân");
    tu_assert_str(sig->capacity, NULL);
    tu_assert_str(sig->title, "Chủ tịch");
    tu_assert_str(sig->name, "Trần Thị Bình");
    pp_record_free(r);
}

static void test_table_pages_and_markup(void **state)
{
    (void)state;
    pp_record *r = tu_parse_clean("PHỤ LỤC\n"
                               "TT\tNội dung\tCơ quan chủ trì\n"
                               "1\t<ul><li>Tuyên truyền &amp; phổ biến</li></ul>\tSở Nội vụ\n"
                               "2\tCập nhật tin tức trên\tSở Thông tin\n"
                               "\n"
                               "TT\tNội dung\tCơ quan chủ trì\n"
                               "\tCổng thông tin điện tử\tvà Truyền thông\n"
                               "----\t---\t---\n"
                               "3\t<p>Tổ chức hội nghị</p>\tVăn phòng\n");
    size_t n;
    const pp_table *t = pp_record_tables(r, &n);
    assert_int_equal(n, 1);
    assert_int_equal(t[0].ncols, 3);
    assert_int_equal(t[0].nrows, 4);
    tu_assert_str(t[0].cells[0], "TT");
    tu_assert_str(t[0].cells[3 + 1], "Tuyên truyền & phổ biến");
    tu_assert_str(t[0].cells[6 + 1], "Cập nhật tin tức trên Cổng thông tin điện tử");
    tu_assert_str(t[0].cells[6 + 2], "Sở Thông tin và Truyền thông");
    tu_assert_str(t[0].cells[9 + 1], "Tổ chức hội nghị");
    pp_record_free(r);
}

static void test_footnotes(void **state)
{
    (void)state;
    pp_record *r = tu_parse_clean("I. CĂN CỨ\nThực hiện đúng quy định của Chính phủ1.\n"
                               "1 Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của Chính phủ về\n"
                               "thực hiện cơ chế một cửa.\n"
                               "\n"
                               "II. NỘI DUNG\nTriển khai thực hiện.\n");
    size_t n;
    const pp_footnote *f = pp_record_footnotes(r, &n);
    assert_int_equal(n, 1);
    tu_assert_str(f[0].label, "1");
    tu_assert_str(f[0].text, "Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm 2021 của Chính phủ về thực hiện cơ "
                          "chế một cửa.");
    assert_int_equal(f[0].line, 3);
    assert_int_equal(f[0].marker_line, 2);
    size_t ns;
    const pp_section *s = pp_record_sections(r, &ns);
    assert_int_equal(ns, 2);
    tu_assert_str(s[0].text, "Thực hiện đúng quy định của Chính phủ1.");
    pp_record_free(r);
}

static void test_bad_and_empty_input(void **state)
{
    (void)state;
    static const char *const inputs[] = {"", "\n\n\n", "Hello world.\nThis is not Vietnamese at all.\n",
                                         "- - -\n\t\t\n)))\n(((\nI.\n1.\na)\n", "Số:\nngày tháng năm\n"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        pp_record *r = NULL;
        assert_int_equal(pp_parse(&r, tu_ctx, tu_model, inputs[i], strlen(inputs[i]), NULL), PP_OK);
        const pp_header *h = pp_record_header(r);
        assert_null(h->issuer);
        assert_null(h->date);
        assert_true(pp_record_warning_count(r) > 0);
        char *json = NULL;
        assert_int_equal(pp_record_write(&json, NULL, tu_ctx, r, PP_RECORD_JSON, 0), PP_OK);
        json_error_t err;
        json_t *o = json_loads(json, 0, &err);
        assert_non_null(o);
        json_decref(o);
        pp_free(json);
        pp_record_free(r);
    }
    pp_record *r = NULL;
    pp_parse_options bad = PP_PARSE_OPTIONS_INIT;
    bad.version = 99;
    assert_int_equal(pp_parse(&r, tu_ctx, NULL, "x", 1, &bad), PP_ERR_ARG);
    assert_null(r);
    assert_int_equal(pp_parse(NULL, tu_ctx, NULL, "x", 1, NULL), PP_ERR_ARG);
}

/* The OCR words reach restoration; a version 1 options struct (without
   them) is still accepted, and init writes no more than it holds. */
static void test_parse_options_ocr_words_and_version_1(void **state)
{
    (void)state;
    const char *in = "Các cơ quan tổ chức thực hiện nhiệm vụ ctia mình.\n";
    pp_ocr_word sure = {(size_t)(strstr(in, "ctia") - in), 4, 97};
    pp_parse_options o = PP_PARSE_OPTIONS_INIT;
    o.ocr_words = &sure;
    o.ocr_word_count = 1;
    pp_record *r = NULL;
    assert_int_equal(pp_parse(&r, tu_ctx, tu_model, in, strlen(in), &o), PP_OK);
    assert_non_null(strstr(pp_record_text(r), "vụ ctia mình"));
    pp_record_free(r);
    struct {
        unsigned version;
        pp_tone_style tone_style;
        int restore;
        const char *source_path;
        unsigned char guard[sizeof(pp_parse_options)];
    } v1;
    memset(&v1, 0xAB, sizeof v1);
    assert_int_equal(pp_parse_options_init((pp_parse_options *)(void *)&v1, 1), PP_OK);
    for (size_t i = 0; i < sizeof v1.guard; i++)
        assert_int_equal(v1.guard[i], 0xAB);
    v1.source_path = "v1.txt";
    assert_int_equal(pp_parse(&r, tu_ctx, tu_model, in, strlen(in), (pp_parse_options *)(void *)&v1), PP_OK);
    assert_non_null(strstr(pp_record_text(r), "vụ của mình"));
    pp_record_free(r);
}

/* The JSON record of a damaged seed read back: header fields restored,
   the schema name, sections with their paths. */
static void test_json_of_damaged_seed(void **state)
{
    (void)state;
    size_t len;
    char *text = tu_read_file(tu_fixture("seeds/000_b524d4606e41256d.txt"), &len);
    pp_record *r = NULL;
    assert_int_equal(pp_parse(&r, tu_ctx, tu_model, text, len, NULL), PP_OK);
    char *json = NULL;
    assert_int_equal(pp_record_write(&json, NULL, tu_ctx, r, PP_RECORD_JSON, PP_JSON_COMPACT), PP_OK);
    assert_null(strchr(json, '\n') == json + strlen(json) - 1 ? NULL : "not one line");
    json_error_t err;
    json_t *o = json_loads(json, 0, &err);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "schema")), "planparse/1");
    json_t *h = json_object_get(o, "header");
    assert_string_equal(json_string_value(json_object_get(h, "issuer")), "Ủy ban nhân dân thành phố Uông Bí");
    assert_string_equal(json_string_value(json_object_get(h, "number")), "66/KH-UBND");
    assert_string_equal(json_string_value(json_object_get(h, "date")), "2022-03-03");
    json_t *sec = json_array_get(json_object_get(o, "sections"), 1);
    assert_string_equal(json_string_value(json_object_get(sec, "path")), "II");
    assert_string_equal(json_string_value(json_object_get(sec, "kind")), "roman");
    json_t *ref = json_array_get(json_object_get(o, "references"), 0);
    assert_string_equal(json_string_value(json_object_get(ref, "number")), "17/QĐ-UBND");
    assert_string_equal(json_string_value(json_object_get(ref, "date")), "2022-01-17");
    assert_int_equal(json_integer_value(json_object_get(ref, "line")), 8);
    json_decref(o);
    pp_free(json);

    char *md = NULL, *plain = NULL;
    assert_int_equal(pp_record_write(&md, NULL, tu_ctx, r, PP_RECORD_MARKDOWN, 0), PP_OK);
    assert_non_null(strstr(md, "\n\n## I. MỤC ĐÍCH, YÊU CẦU\n"));
    assert_non_null(strstr(md, "\n**Kế hoạch**\n"));
    assert_int_equal(pp_record_write(&plain, NULL, tu_ctx, r, PP_RECORD_TEXT, 0), PP_OK);
    assert_non_null(strstr(plain, "Số: 66/KH-UBND\nUông Bí, 2022-03-03\nKế hoạch\n"));
    pp_free(md);
    pp_free(plain);
    pp_record_free(r);
    free(text);
}

/* Clean text passes through restoration unharmed: the record's text is
   the input (seed 003, which restoration leaves as it is). */
static void test_clean_seed_unharmed(void **state)
{
    (void)state;
    size_t len;
    char *text = tu_read_file(tu_fixture("seeds/003_bfe3f4b9895b51df.txt"), &len);
    pp_record *r = NULL;
    assert_int_equal(pp_parse(&r, tu_ctx, tu_model, text, len, NULL), PP_OK);
    /* lines changed, tone placement aside ("hoá" is written "hóa"): at
       most one (harm on this seed is one token) */
    char *norm = NULL;
    assert_int_equal(pp_normalize(&norm, NULL, NULL, tu_ctx, text, len, NULL), PP_OK);
    const char *out = pp_record_text(r), *a = norm, *b = out;
    size_t changed = 0;
    while (*a || *b) {
        size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
        changed += la != lb || memcmp(a, b, la) != 0;
        a += la + (a[la] != 0);
        b += lb + (b[lb] != 0);
    }
    assert_true(changed <= 1);
    pp_free(norm);
    tu_assert_str(pp_record_header(r)->title, "Tuyên truyền cải cách hành chính nhà nước trên địa bàn thành phố năm 2022");
    pp_record_free(r);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_options_ocr_words_and_version_1),
        cmocka_unit_test(test_header_merged_columns),
        cmocka_unit_test(test_header_bare_head_and_bad_date),
        cmocka_unit_test(test_header_party_and_cong_van),
        cmocka_unit_test(test_section_ladder_by_appearance),
        cmocka_unit_test(test_reflow),
        cmocka_unit_test(test_closing_interleaved_signature),
        cmocka_unit_test(test_closing_separate_block),
        cmocka_unit_test(test_table_pages_and_markup),
        cmocka_unit_test(test_footnotes),
        cmocka_unit_test(test_bad_and_empty_input),
        cmocka_unit_test(test_json_of_damaged_seed),
        cmocka_unit_test(test_clean_seed_unharmed),
    };
    return cmocka_run_group_tests(tests, tu_model_setup, tu_model_teardown);
}
