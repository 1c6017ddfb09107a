/* test_extract.c - extraction, string in / lists out: document numbers in
   every printed shape, dates and periods, deadlines, residual OCR damage,
   self-references, agencies with roles and duties, and the one-list
   writers (JSON Lines, TSV). */
#include "testutil.h"

#include "planparse.h"

#include <stdlib.h>
#include <string.h>

/* The reference with this number, failing when there is none. */
static const pp_reference *ref_numbered(const pp_record *r, const char *number)
{
    size_t n;
    const pp_reference *f = pp_record_references(r, &n);
    for (size_t i = 0; i < n; i++)
        if (f[i].number && strcmp(f[i].number, number) == 0)
            return &f[i];
    fail_msg("no reference numbered %s among %zu", number, n);
    return NULL;
}

static void test_number_shapes(void **state)
{
    (void)state;
    pp_record *r = tu_parse_clean(
        "Căn cứ Quyết định số 17/QĐ-UBND ngày 17/01/2022 của UBND thành phố Uông Bí;\n"
        "Căn cứ Nghị định số 107/2021/NĐ-CP ngày 06 tháng 12 năm\n"
        "2021 của Chính phủ;\n"
        "Thực hiện Nghị quyết số 05-NQ/TU ngày 09/4/2021 của Ban Chấp hành Đảng bộ tỉnh;\n"
        "Chương trình hành động số 01- CTr/TU ngày 15/7/2020; Kế hoạch số 892 KH-UBND;\n"
        "Chương trình số 01/BNV-CDVCVN ngày 17 tháng 11 năm 2021 của Bộ Nội vụ;\n"
        "Thông tư liên tịch số 43/2015/TTLT-BNNPTNT-BKHĐT; Quyết định số 31/2021/QD TTg ngày\n"
        "11 tháng 10 năm 2021 của Thủ tướng Chính phủ.\n");
    const pp_reference *f = ref_numbered(r, "17/QĐ-UBND");
    tu_assert_str(f->type, "Quyết định");
    tu_assert_str(f->date, "2022-01-17");
    tu_assert_str(f->issuer, "UBND thành phố Uông Bí");
    assert_int_equal(f->line, 1);
    f = ref_numbered(r, "107/2021/NĐ-CP");
    tu_assert_str(f->date, "2021-12-06"); /* the date runs over the line end */
    tu_assert_str(f->issuer, "Chính phủ");
    f = ref_numbered(r, "05-NQ/TU");
    tu_assert_str(f->issuer, "Ban Chấp hành Đảng bộ tỉnh");
    f = ref_numbered(r, "01-CTr/TU");
    tu_assert_str(f->type, "Chương trình");
    tu_assert_str(f->number_printed, "01- CTr/TU");
    tu_assert_str(ref_numbered(r, "892/KH-UBND")->type, "Kế hoạch");
    tu_assert_str(ref_numbered(r, "01/BNV-CĐVCVN")->issuer, "Bộ Nội vụ");
    tu_assert_str(ref_numbered(r, "43/2015/TTLT-BNNPTNT-BKHĐT")->type, "Thông tư liên tịch");
    f = ref_numbered(r, "31/2021/QĐ-TTg");
    tu_assert_str(f->number_printed, "31/2021/QD TTg");
    tu_assert_str(f->date, "2021-10-11");
    tu_assert_str(f->issuer, "Thủ tướng Chính phủ");
    assert_int_equal(f->line, 7);
    pp_record_free(r);
}

/* Extraction tolerates what restoration may leave: no diacritics, "s6",
   "QD"; and a type word's own code mends a code one letter off. */
static void test_residual_ocr_damage(void **state)
{
    (void)state;
    pp_record *r = tu_parse_clean("Quyet dinh s6 1663/QD-UBND ngay 27/5/2021 cua UBND tinh\n"
                               "Chuong trinh so 06-CTt/TU ngay 19/8/2021.\n");
    const pp_reference *f = ref_numbered(r, "1663/QĐ-UBND");
    tu_assert_str(f->type, "Quyết định");
    tu_assert_str(f->number_printed, "1663/QD-UBND");
    tu_assert_str(f->date, "2021-05-27");
    tu_assert_str(ref_numbered(r, "06-CTr/TU")->date, "2021-08-19");
    pp_record_free(r);
}

static void test_same_number_two_years_and_self(void **state)
{
    (void)state;
    pp_record *r =
        tu_parse_clean("Theo Kế hoạch số 12/KH-UBND ngày 05/01/2021 và Kế hoạch số 12/KH-UBND ngày 04/01/2022.\n"
                    "(Ban hành kèm theo Kế hoạch số 392/KH-UBND ngày 10/3/2021 của UBND tỉnh)\n");
    size_t n;
    const pp_reference *f = pp_record_references(r, &n);
    assert_int_equal(n, 3);
    tu_assert_str(f[0].date, "2021-01-05");
    tu_assert_str(f[1].date, "2022-01-04");
    assert_false(f[0].self);
    assert_true(f[2].self);
    pp_record_free(r);
}

static void test_cited_by_name(void **state)
{
    (void)state;
    pp_record *r = tu_parse_clean(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nKế hoạch này được phổ biến.\n");
    size_t n;
    const pp_reference *f = pp_record_references(r, &n);
    assert_int_equal(n, 1); /* "Kế hoạch này" is the document itself */
    tu_assert_str(f[0].type, "Luật");
    assert_null(f[0].number);
    tu_assert_str(f[0].title, "Tổ chức chính quyền địa phương");
    tu_assert_str(f[0].date, "2015-06-19");
    pp_record_free(r);
}

static void test_dates_periods_deadlines(void **state)
{
    (void)state;
    pp_record *r = tu_parse_clean("I. NHIỆM VỤ\n"
                               "1. Tuyên truyền năm 2022, giai đoạn 2021-2025 và nhiệm kỳ 2020 - 2025;\n"
                               "quý III năm 2023, tháng 6 năm 2022, 6 tháng đầu năm; hoàn thành trước ngày\n"
                               "30 tháng 6 năm 2022. Báo cáo ngày 31/02/2022 không có.\n"
                               "Thời gian: thường xuyên.\n");
    size_t n;
    const pp_date *d = pp_record_dates(r, &n);
    assert_int_equal(n, 1); /* 31/02/2022 is rejected */
    tu_assert_str(d[0].date, "2022-06-30");
    assert_int_equal(d[0].line, 4);
    assert_true(d[0].deadline);
    tu_assert_str(d[0].section, "I.1");
    assert_true(tu_has_warning(r, "31/02/2022"));
    const pp_period *p = pp_record_periods(r, &n);
    assert_int_equal(n, 6);
    tu_assert_str(p[0].text, "năm 2022");
    assert_int_equal(p[1].kind, PP_PERIOD_SPAN);
    assert_int_equal(p[1].start, 2021);
    assert_int_equal(p[1].end, 2025);
    assert_int_equal(p[2].kind, PP_PERIOD_TERM);
    tu_assert_str(p[3].text, "quý III năm 2023");
    tu_assert_str(p[4].text, "tháng 6 năm 2022");
    tu_assert_str(p[5].text, "6 tháng đầu năm");
    assert_int_equal(p[5].kind, PP_PERIOD_PART);
    const pp_deadline *dl = pp_record_deadlines(r, &n);
    assert_int_equal(n, 2);
    tu_assert_str(dl[0].text, "hoàn thành trước ngày 30 tháng 6 năm 2022");
    tu_assert_str(dl[0].date, "2022-06-30");
    tu_assert_str(dl[1].text, "thường xuyên");
    assert_null(dl[1].date);
    pp_record_free(r);
}

static const pp_agency *agency(const pp_record *r, const char *name)
{
    size_t n;
    const pp_agency *a = pp_record_agencies(r, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(a[i].name, name) == 0)
            return &a[i];
    fail_msg("no agency named %s among %zu", name, n);
    return NULL;
}

static void test_agencies_and_roles(void **state)
{
    (void)state;
    pp_record *r =
        tu_parse_clean("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ UÔNG BÍ\n\nSố: 66/KH-UBND\n\nKẾ HOẠCH\nTuyên truyền năm 2022\n\n"
                    "I. TỔ CHỨC THỰC HIỆN\n"
                    "1. Phòng Văn hóa và Thông tin\n"
                    "Chủ trì, phối hợp với Đài PTTH tỉnh thực hiện tuyên truyền.\n"
                    "2. Sở Nội vụ tỉnh Quảng Ninh phối hợp với Trung tâm Truyền thông và Văn hóa.\n"
                    "3. UBND các xã, phường tổ chức thực hiện.\n"
                    "4. Báo Quảng Ninh và các đơn vị liên quan đưa tin.\n"
                    "Nơi nhận:\n- Sở Nội vụ;\n- Thường trực Thành ủy;\n- Chủ tịch, các PCT UBND tỉnh;\n- Lưu: VT.\n");
    const pp_agency *a = agency(r, "Ủy ban nhân dân thành phố Uông Bí");
    assert_int_equal(a->roles, PP_ROLE_ISSUER);
    tu_assert_str(a->province, "Quảng Ninh");
    a = agency(r, "Phòng Văn hóa và Thông tin");
    assert_int_equal(a->roles, PP_ROLE_LEAD); /* the section's heading is the subject */
    assert_int_equal(a->nduties, 1);
    tu_assert_str(a->duties[0].section, "I.1");
    assert_int_equal(agency(r, "Đài Phát thanh và Truyền hình tỉnh")->roles, PP_ROLE_COOPERATE);
    a = agency(r, "Sở Nội vụ tỉnh Quảng Ninh"); /* "Sở Nội vụ" in Nơi nhận is the same body */
    assert_int_equal(a->roles, PP_ROLE_COOPERATE | PP_ROLE_RECIPIENT);
    assert_int_equal(a->mentions, 2);
    assert_int_equal(agency(r, "Trung tâm Truyền thông và Văn hóa")->roles, 0); /* partner without chủ trì */
    assert_int_equal(agency(r, "Thành ủy")->roles, PP_ROLE_RECIPIENT);
    assert_int_equal(agency(r, "Ủy ban nhân dân tỉnh")->roles, 0); /* its chairs receive */
    assert_true(agency(r, "Ủy ban nhân dân các xã, phường")->group);
    agency(r, "Báo Quảng Ninh"); /* "liên quan" is no "quận" of it */
    pp_record_free(r);
}

/* A place broken over a line end is the same place; the opening "ban
   hành Kế hoạch <own title>" is the document itself. */
static void test_place_over_line_end(void **state)
{
    (void)state;
    pp_record *r = tu_parse_clean("KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2023\n\n"
                               "Căn cứ Quyết định số 5/QĐ-UBND của Ủy ban nhân dân huyện Tiên\n"
                               "Yên; UBND huyện Tiên Yên ban hành Kế hoạch tuyên truyền với các nội dung sau.\n");
    size_t n;
    const pp_agency *a = pp_record_agencies(r, &n);
    assert_int_equal(n, 1);
    tu_assert_str(a[0].name, "Ủy ban nhân dân huyện Tiên Yên");
    tu_assert_str(a[0].province, "Quảng Ninh");
    assert_int_equal(a[0].mentions, 2);
    pp_record_references(r, &n);
    assert_int_equal(n, 1);
    pp_record_free(r);
}

static void test_write_list(void **state)
{
    (void)state;
    pp_record *r = tu_parse_clean("Căn cứ Quyết định số 17/QĐ-UBND ngày 17/01/2022 của UBND tỉnh;\n"
                               "Căn cứ Chỉ thị số 09/CT-UBND ngày 13/10/2021.\n");
    char *s = NULL;
    size_t len = 0;
    assert_int_equal(pp_record_write_list(&s, &len, tu_ctx, r, PP_LIST_DATES, PP_LIST_JSONL), PP_OK);
    assert_string_equal(s, "{\"date\":\"2022-01-17\",\"text\":\"ngày 17/01/2022\",\"line\":1,\"section\":null,"
                           "\"deadline\":false}\n{\"date\":\"2021-10-13\",\"text\":\"ngày 13/10/2021\",\"line\":2,"
                           "\"section\":null,\"deadline\":false}\n");
    assert_int_equal(len, strlen(s));
    pp_free(s);
    assert_int_equal(pp_record_write_list(&s, &len, tu_ctx, r, PP_LIST_REFERENCES, PP_LIST_TSV), PP_OK);
    assert_non_null(strstr(s, "type\tnumber\tnumber_printed\tdate\tissuer\ttitle\ttext\tline\tself\n"));
    assert_non_null(strstr(s, "\nChỉ thị\t09/CT-UBND\t09/CT-UBND\t2021-10-13\t\t\t"));
    pp_free(s);
    assert_int_equal(pp_record_write_list(&s, &len, tu_ctx, r, PP_LIST_PERIODS, PP_LIST_TSV), PP_OK);
    assert_int_equal(len, 0); /* no periods: nothing, not even a header */
    pp_free(s);
    assert_int_equal(pp_record_write_list(&s, &len, tu_ctx, r, (pp_record_list)99, PP_LIST_TSV), PP_ERR_ARG);
    assert_null(s);
    pp_record_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number_shapes),
        cmocka_unit_test(test_residual_ocr_damage),
        cmocka_unit_test(test_same_number_two_years_and_self),
        cmocka_unit_test(test_cited_by_name),
        cmocka_unit_test(test_dates_periods_deadlines),
        cmocka_unit_test(test_agencies_and_roles),
        cmocka_unit_test(test_place_over_line_end),
        cmocka_unit_test(test_write_list),
    };
    return cmocka_run_group_tests(tests, tu_ctx_setup, tu_ctx_teardown);
}
