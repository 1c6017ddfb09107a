/* test_restore.c - restoration: the model file, string in / string out,
   nothing lost, clean text untouched, one model shared by threads. */
#include "testutil.h"

#include "planparse.h"
#include "restore/cand_cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pp_restored *restored(const char *in);

static char *restore(const char *in)
{
    pp_restored *r = restored(in);
    size_t len;
    char *out = strdup(pp_restored_text(r, &len));
    assert_int_equal(strlen(out), len);
    pp_restored_free(r);
    return out;
}

/* The restoration of in, with every call's checks done. */
static pp_restored *restored(const char *in)
{
    pp_restored *r;
    assert_int_equal(pp_restore(&r, tu_ctx, tu_model, in, strlen(in), NULL), PP_OK);
    return r;
}

/* Reported token k of r is original restored as choice. */
static const pp_restore_token *expect_token(const pp_restored *r, size_t k, const char *original, const char *choice)
{
    const pp_restore_token *t = pp_restored_token(r, k);
    assert_non_null(t);
    assert_string_equal(t->original, original);
    assert_string_equal(t->choice, choice);
    return t;
}

/* out must contain want (the restored words around the damage) */
static void expect_contains(const char *in, const char *want)
{
    char *out = restore(in);
    if (!strstr(out, want))
        fail_msg("restore('%s') = '%s', expected it to contain '%s'", in, out, want);
    free(out);
}

static void test_issue_examples(void **state)
{
    (void)state;
    expect_contains("Ban Chấp hành đã chỉ đạo t6 chirc thực hiện nghiêm túc kế hoạch.", "tổ chức");
    expect_contains("Quán triệt chủ trương, đường lối của Pang và chính sách của Nhà nước.", "của Đảng");
    expect_contains("Các cơ quan, đơn vị tổ chức thực hiện nhiệm vụ ctia mình.", "của mình");
    expect_contains("Căn cứ Quyết định số 17/QD-UBND ngày 17/01/2022 của UBND tỉnh.", "17/QĐ-UBND");
    expect_contains("Nghị định số 107/2021/NP-CP của Chính phủ.", "107/2021/NĐ-CP");
}

static void test_damaged_sentence(void **state)
{
    (void)state;
    expect_contains("Ké hoach tuyén truyén cai cach hanh chinh nam 2023",
                    "Kế hoạch tuyên truyền cải cách hành chính năm 2023");
}

static void test_without_diacritics(void **state)
{
    (void)state;
    expect_contains("Uy ban nhan dan tinh ban hanh ke hoach thuc hien cai cach hanh chinh",
                    "Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện cải cách hành chính");
}

static void test_clean_text_unchanged(void **state)
{
    (void)state;
    size_t len;
    char *in = tu_read_file(tu_fixture("../../samples/ke-hoach-mau.txt"), &len);
    pp_normalize_options no = PP_NORMALIZE_OPTIONS_INIT;
    char *norm;
    size_t nlen;
    assert_int_equal(pp_normalize(&norm, &nlen, NULL, tu_ctx, in, len, &no), PP_OK);
    char *out = restore(norm);
    assert_string_equal(out, norm);
    free(out);
    pp_free(norm);
    free(in);
}

static void test_every_token_kept(void **state)
{
    (void)state;
    const char *in = "S6: 20 /KH-UBND Thach Thanh, ngay 29 thang 01 nam 2021\n"
                     "Thuc hién t6 chirc ctia Pang; email vanthu@a.vn, https://a.vn\n\nCCHC x";
    pp_restored *r;
    assert_int_equal(pp_restore(&r, tu_ctx, tu_model, in, strlen(in), NULL), PP_OK);
    pp_token *toks;
    size_t nt, words = 0;
    assert_int_equal(pp_tokenize(&toks, &nt, in, strlen(in)), PP_OK);
    for (size_t i = 0; i < nt; i++)
        words += toks[i].kind == PP_TOK_WORD;
    /* every word of the input is reported, with its own bytes and place */
    assert_int_equal(pp_restored_token_count(r), words);
    size_t k = 0;
    for (size_t i = 0; i < nt; i++) {
        if (toks[i].kind != PP_TOK_WORD)
            continue;
        const pp_restore_token *t = pp_restored_token(r, k++);
        assert_int_equal(t->offset, toks[i].offset);
        assert_int_equal(t->length, toks[i].length);
        assert_int_equal(strlen(t->original), t->length);
        assert_memory_equal(t->original, in + t->offset, t->length);
        assert_true(strlen(t->choice) > 0);
        assert_true(t->confidence >= 0 && t->confidence <= 1.0001);
        assert_int_equal(t->changed, strcmp(t->original, t->choice) != 0);
        assert_true(t->nalts <= PP_RESTORE_MAX_ALTS);
        for (size_t a = 1; a < t->nalts; a++)
            assert_true(t->alt_confidence[a - 1] >= t->alt_confidence[a]);
    }
    assert_null(pp_restored_token(r, k));
    /* the lines are kept */
    size_t len, lines_in = 0, lines_out = 0;
    const char *out = pp_restored_text(r, &len);
    for (const char *p = in; *p; p++)
        lines_in += *p == '\n';
    for (const char *p = out; *p; p++)
        lines_out += *p == '\n';
    assert_int_equal(lines_in, lines_out);
    assert_non_null(strstr(out, "vanthu@a.vn"));
    assert_non_null(strstr(out, "https://a.vn"));
    assert_non_null(strstr(out, "CCHC"));
    pp_free(toks);
    pp_restored_free(r);
}

static void test_roman_numerals_and_case(void **state)
{
    (void)state;
    char *out = restore("I1. NOI DUNG THUC HIEN\nI11. TO CHUC THUC HIEN\n");
    assert_non_null(strstr(out, "II. NỘI DUNG THỰC HIỆN"));
    assert_non_null(strstr(out, "III. TỔ CHỨC THỰC HIỆN"));
    free(out);
    /* a capitalised misreading in a lower-case line becomes title case;
       acronyms and runs of capitals stay as they are */
    expect_contains("Giao SO Y tế chủ trì, phối hợp với các đơn vị liên quan.", "Sở Y tế chủ trì");
    expect_contains("Thường trực HĐND huyện, UBND các xã thực hiện.", "Thường trực HĐND huyện, UBND các xã");
    expect_contains("HUYEN THACH THANH Độc lập - Tự do - Hạnh phúc", "HUYỆN THẠCH TH");
}

/* OCR prints the horn of ư and ơ as an apostrophe after the vowel; the
   pieces are one word again, reported as one token; quotes stay quotes. */
static void test_horn_apostrophes(void **state)
{
    (void)state;
    expect_contains("III. TỔ CHỦ'C THU'C HIỆN\n", "III. TỔ CHỨC THỰC HIỆN");
    expect_contains("Các co’ quan, đơn vị tru’dng học thực hiện.", "Các cơ quan, đơn vị trường học");
    expect_contains("Cán bộ gọi là 'cho' đúng.", "'cho' đúng");
    pp_restored *r = restored("TỔ CHỦ'C tốt");
    assert_int_equal(pp_restored_token_count(r), 3);
    const pp_restore_token *t = expect_token(r, 1, "CHỦ'C", "CHỨC");
    assert_int_equal(t->offset, strlen("TỔ "));
    assert_true(t->changed);
    pp_restored_free(r);
}

/* The reported tokens cover every byte of the input's word tokens, do
   not overlap, come in order and report the input's own bytes: nothing is
   lost when pieces are joined or a token is split. */
static void check_words_covered(const char *in, const pp_restored *r)
{
    size_t n = strlen(in), end = 0;
    char *covered = calloc(n + 1, 1);
    assert_non_null(covered);
    for (size_t a = 0; a < pp_restored_token_count(r); a++) {
        const pp_restore_token *t = pp_restored_token(r, a);
        assert_true(t->offset >= end && t->offset + t->length <= n);
        assert_memory_equal(t->original, in + t->offset, t->length);
        memset(covered + t->offset, 1, t->length);
        end = t->offset + t->length;
    }
    pp_token *toks;
    size_t nt;
    assert_int_equal(pp_tokenize(&toks, &nt, in, n), PP_OK);
    for (size_t i = 0; i < nt; i++)
        for (size_t b = 0; toks[i].kind == PP_TOK_WORD && b < toks[i].length; b++)
            if (!covered[toks[i].offset + b])
                fail_msg("word '%.*s' at byte %zu is not reported", (int)toks[i].length, in + toks[i].offset,
                         toks[i].offset);
    pp_free(toks);
    free(covered);
}

/* An English OCR engine prints some marked letters as symbols ("huy€n",
   "nu@c", "c&p", "s@"); the pieces are one word again. Abbreviations
   with '&' and a question mark after a word stay as they are. */
static void test_letters_read_as_symbols(void **state)
{
    (void)state;
    expect_contains("Uy ban nhan dan huy€n Vinh Chau chi dao", "huyện Vĩnh Châu");
    expect_contains("nguồn nu@c sinh hoạt của người dân", "nguồn nước sinh hoạt");
    expect_contains("theo chỉ đạo của S@ Y tế tỉnh", "Sở Y tế");
    expect_contains("Can cu Quyet dinh s§ 15/2019/QD-UBND ngay 17 thang 10", "Quyết định số 15/2019/QĐ-UBND");
    expect_contains("Sở GD&ĐT và Sở KH&CN phối hợp thực hiện.", "Sở GD&ĐT và Sở KH&CN phối hợp");
    expect_contains("Vì sao? Vì chưa làm.", "Vì sao? Vì");
    const char *in = "Uy ban nhan dan huy€n Vinh Chau";
    pp_restored *r = restored(in);
    expect_token(r, 4, "huy€n", "huyện");
    check_words_covered(in, r);
    pp_restored_free(r);
}

/* Pieces OCR left of one word are joined, words it ran together are
   split, each reported as the input's bytes it came from. */
static void test_split_and_joined_words(void **state)
{
    (void)state;
    expect_contains("Hội đồng nhân dân tỉnh ban hanh NGHIQUYET vé viéc", "ban hành NGHỊ QUYẾT về việc");
    expect_contains("thông tin trên website của SOY té và các nhóm", "của Sở Y tế và");
    expect_contains("Ủy ban nhân dân huy n Vinh Chau chi dao", "huyện Vĩnh Châu");
    const char *in = "UBND huy n Vinh Chau ban hanh NGHIQUYET";
    pp_restored *r = restored(in);
    size_t len;
    assert_string_equal(pp_restored_text(r, &len), "UBND huyện Vĩnh Châu ban hành NGHỊ QUYẾT");
    assert_int_equal(pp_restored_token_count(r), 8);
    assert_true(expect_token(r, 1, "huy n", "huyện")->changed); /* one token, both pieces */
    expect_token(r, 6, "NGHI", "NGHỊ");                         /* two tokens, one per part */
    const pp_restore_token *t = expect_token(r, 7, "QUYET", "QUYẾT");
    assert_int_equal(t->offset, strlen(in) - strlen("QUYET"));
    check_words_covered(in, r);
    pp_restored_free(r);
    /* nothing of the kind in correct text: names, abbreviations, letters */
    const char *clean[] = {"Đồng chí Y Khiêm, Phó Chủ tịch", "Văn phòng LĐVP và TTHT nhận", "điểm c khoản 2 Điều 5",
                           "Thông báo số 12/TB-VPTT về khí gas"};
    for (size_t i = 0; i < sizeof clean / sizeof clean[0]; i++) {
        char *out = restore(clean[i]);
        assert_string_equal(out, clean[i]);
        free(out);
    }
}

/* Words met mostly in one phrase ("dõi" in "theo dõi", "cáo" in "báo cáo")
   are candidates: candidates rank by corpus frequency, and the skeletons
   one edit away ("cao" for "cdo") are aligned before those two away. */
static void test_phrase_words_are_candidates(void **state)
{
    (void)state;
    expect_contains("Can b6 theo doi, kiém tra viéc thuc hién", "theo dõi, kiểm tra");
    expect_contains("Trén day la bao cdo tong két nam 2019", "báo cáo tổng kết");
}

/* In damaged text a token that is no word is not kept where a word reads
   as it ("xdch"); an abbreviation is ("TTg"). */
static void test_unknown_tokens_in_damaged_text(void **state)
{
    (void)state;
    expect_contains("Binh chita chay xdch tay dat & noi dé thay", "Bình chữa cháy xách tay");
    expect_contains("Quyét dinh s6 31/2021/QD TTg cua Thu tuéng", "QĐ TTg của Thủ tướng");
}

/* Two characters for one letter that the training pairs show and the
   learned table lacks: ư as "iv", "tf", ơ as "rg". */
static void test_two_character_readings(void **state)
{
    (void)state;
    expect_contains("Du triv luong thuc, nuéc uéng", "Dự trữ lương thực");
    expect_contains("T6 chtfc thuc hién ké hoach", "Tổ chức thực hiện kế hoạch");
    expect_contains("Céng tac hé trg ngudi dan", "hỗ trợ người dân");
}

/* Rhymes OCR mangles as a whole, learned by pp-learn-channel: "ực" read
   as "y" (a letter changed and one lost), "ước" as "ue", "ức" as "ie",
   "ửa" as "ta". The letters one by one price these too high to win. */
static void test_rhyme_readings(void **state)
{
    (void)state;
    expect_contains("Ban chi dao dugc thanh lap dé thy hién nhiém vu.", "để thực hiện nhiệm vụ");
    expect_contains("Cac hd gia dinh can git gin nguén nue sach.", "nguồn nước sạch");
    expect_contains("Khéng dé lta, bép gas gan noi dé chay.", "Không để lửa");
    expect_contains("Nang cao nhan thie cla nguoi dan vé phong chéng dich bénh.", "nhận thức của người dân");
}

/* In clean text an abbreviation the model does not know stays ("HTX",
   "TDP", "ST 25", "ĐC"), as known words do, and so do a code ("7A") and
   a name ("Glai"); "Pang" in test_issue_examples still becomes "Đảng". */
static void test_abbreviations_and_names_in_clean_text(void **state)
{
    (void)state;
    const char *in = "Ủy ban nhân dân huyện đề nghị Sở Giao thông vận tải sớm hoàn thành dự án mở rộng Quốc "
                     "lộ 7A đoạn qua xã Diễn Cát, bảo đảm an toàn cho người dân.\n"
                     "Ban quản lý HTX nông nghiệp và các TDP thống nhất phương án trồng giống lúa ST 25; PGD phụ "
                     "trách chuyên môn báo cáo kết quả với ĐC Trưởng phòng.\n"
                     "Đồng chí Kpă Klơng, Bí thư chi bộ làng Glai, đề nghị hỗ trợ giống cây trồng cho bà con.\n"
                     "Trạm y tế xã được cấp mới máy siêu âm, tủ lạnh bảo quản vắc xin và bộ dụng cụ tiểu phẫu "
                     "theo đúng danh mục đã được phê duyệt.\n";
    char *out = restore(in);
    assert_string_equal(out, in);
    free(out);
}

static void test_empty_and_errors(void **state)
{
    (void)state;
    char *out = restore("");
    assert_string_equal(out, "");
    free(out);
    pp_restored *r;
    assert_int_equal(pp_restore(&r, tu_ctx, tu_model, "\xFF", 1, NULL), PP_ERR_INPUT);
    assert_null(r);
    assert_int_equal(pp_restore(&r, tu_ctx, NULL, "a", 1, NULL), PP_ERR_ARG);
    pp_restore_options o = PP_RESTORE_OPTIONS_INIT;
    o.version = 42;
    assert_int_equal(pp_restore(&r, tu_ctx, tu_model, "a", 1, &o), PP_ERR_ARG);
    assert_int_equal(pp_restore_options_init(&o, PP_RESTORE_OPTIONS_VERSION), PP_OK);
    assert_null(pp_restored_text(NULL, NULL));
    pp_restored_free(NULL);
    pp_model_free(NULL);
}

/* ---- OCR words and their confidences ---- */

static char *restore_with_words(const char *in, const pp_ocr_word *words, size_t n, int keep_confidence)
{
    pp_restored *r;
    pp_restore_options o = PP_RESTORE_OPTIONS_INIT;
    o.ocr_words = words;
    o.ocr_word_count = n;
    o.keep_confidence = keep_confidence;
    assert_int_equal(pp_restore(&r, tu_ctx, tu_model, in, strlen(in), &o), PP_OK);
    char *out = strdup(pp_restored_text(r, NULL));
    pp_restored_free(r);
    return out;
}

/* A word the OCR was sure of is kept; an unsure one is restored; a sure
   word in capitals is restored all the same (tesseract drops their marks
   with confidence). */
static void test_confident_ocr_words_kept(void **state)
{
    (void)state;
    const char *in = "Các cơ quan tổ chức thực hiện nhiệm vụ ctia mình.";
    size_t at = (size_t)(strstr(in, "ctia") - in);
    pp_ocr_word sure = {at, 4, 96}, unsure = {at, 4, 40};
    char *out = restore_with_words(in, &sure, 1, 0);
    assert_non_null(strstr(out, "vụ ctia mình"));
    free(out);
    out = restore_with_words(in, &unsure, 1, 0);
    assert_non_null(strstr(out, "vụ của mình"));
    free(out);
    out = restore_with_words(in, &sure, 1, 101); /* over 100: nothing kept */
    assert_non_null(strstr(out, "vụ của mình"));
    free(out);
    out = restore_with_words(in, &unsure, 1, -1); /* negative: everything kept */
    assert_non_null(strstr(out, "vụ ctia mình"));
    free(out);
    const char *caps = "KE HOACH TUYEN TRUYEN CAI CACH HANH CHINH";
    pp_ocr_word ke = {0, 2, 99};
    out = restore_with_words(caps, &ke, 1, 0);
    assert_string_equal(out, "KẾ HOẠCH TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH");
    free(out);
}

/* Offsets and originals are the input's, even when restoration works on
   its normalised form (NFD input is longer). */
static void test_token_offsets_are_the_inputs(void **state)
{
    (void)state;
    const char *nfd = "Ke\xcc\x82\xcc\x81 hoach tuye\xcc\x82\xcc\x80n truye\xcc\x82\xcc\x80n"; /* Kế hoạch tuyền truyền */
    pp_restored *r;
    assert_int_equal(pp_restore(&r, tu_ctx, tu_model, nfd, strlen(nfd), NULL), PP_OK);
    assert_int_equal(pp_restored_token_count(r), 4);
    for (size_t i = 0; i < pp_restored_token_count(r); i++) {
        const pp_restore_token *t = pp_restored_token(r, i);
        assert_int_equal(strlen(t->original), t->length);
        assert_memory_equal(t->original, nfd + t->offset, t->length);
    }
    assert_int_equal(pp_restored_token(r, 1)->offset, strlen("Ke\xcc\x82\xcc\x81 "));
    pp_restored_free(r);
}

/* Inits an older version's options struct (size bytes, its fields ending
   at guard) and checks that init wrote its version and nothing past its
   fields. */
static void init_old_options(void *opts, size_t size, unsigned version, const unsigned char *guard, size_t guard_len)
{
    memset(opts, 0xAB, size);
    assert_int_equal(pp_restore_options_init(opts, version), PP_OK);
    assert_int_equal(*(const unsigned *)opts, version);
    for (size_t i = 0; i < guard_len; i++)
        assert_int_equal(guard[i], 0xAB);
}

/* Restores a sample with an older version's options struct; the caller
   frees the result. */
static pp_restored *restore_with_old_options(const void *opts)
{
    pp_restored *r;
    const char *in = "Thực hiện nhiệm vụ ctia mình.";
    assert_int_equal(pp_restore(&r, tu_ctx, tu_model, in, strlen(in), opts), PP_OK);
    assert_non_null(strstr(pp_restored_text(r, NULL), "của mình"));
    return r;
}

/* A caller built against version 1 of the options (without OCR words)
   still works, and init writes no more than a version 1 struct holds. */
static void test_options_version_1(void **state)
{
    (void)state;
    struct {
        unsigned version;
        pp_tone_style tone_style;
        unsigned char guard[sizeof(pp_restore_options)];
    } v1 = {0};
    init_old_options(&v1, sizeof v1, 1, v1.guard, sizeof v1.guard);
    v1.tone_style = PP_TONE_STYLE_NEW;
    pp_restored_free(restore_with_old_options(&v1));
    assert_int_equal(pp_restore_options_init((pp_restore_options *)(void *)&v1, PP_RESTORE_OPTIONS_VERSION + 1),
                     PP_ERR_ARG);
}

/* A program built against version 2 (before text_only) passes its
   smaller struct and gets the words as before. */
static void test_options_version_2(void **state)
{
    (void)state;
    struct {
        unsigned version;
        pp_tone_style tone_style;
        const pp_ocr_word *ocr_words;
        size_t ocr_word_count;
        int keep_confidence;
        unsigned char guard[sizeof(pp_restore_options)];
    } v2 = {0};
    init_old_options(&v2, sizeof v2, 2, v2.guard, sizeof v2.guard);
    assert_null(v2.ocr_words);
    pp_restored *r = restore_with_old_options(&v2);
    assert_int_equal(pp_restored_token_count(r), 6);
    pp_restored_free(r);
}

/* text_only: the same text, no words. */
static void test_text_only(void **state)
{
    (void)state;
    const char *in = "Ké hoach tuyén truyén cii cach hanh chinh thanh phé Udng Bi\nS6: 20 /KH-UBND, t6 chirc ctia Pang";
    pp_restore_options o = PP_RESTORE_OPTIONS_INIT;
    pp_restored *full, *text;
    assert_int_equal(pp_restore(&full, tu_ctx, tu_model, in, strlen(in), &o), PP_OK);
    o.text_only = 1;
    assert_int_equal(pp_restore(&text, tu_ctx, tu_model, in, strlen(in), &o), PP_OK);
    size_t a, b;
    const char *ta = pp_restored_text(full, &a), *tb = pp_restored_text(text, &b);
    assert_int_equal(a, b);
    assert_memory_equal(ta, tb, a);
    assert_true(pp_restored_token_count(full) > 10);
    assert_int_equal(pp_restored_token_count(text), 0);
    assert_null(pp_restored_token(text, 0));
    pp_restored_free(full);
    pp_restored_free(text);
}

/* ---- the model file ---- */

static char *copy_model(size_t *len)
{
    return tu_read_file(PP_MODEL_PATH, len);
}

static int load_bytes(const void *data, size_t len)
{
    char path[] = "/tmp/pp_model_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    close(fd);
    pp_model *m = NULL;
    int rc = pp_model_load(&m, tu_ctx, path);
    pp_model_free(m);
    unlink(path);
    return rc;
}

/* A stored table that breaks the file's rules, with the checksum made
   right again, so that only the table check can refuse it. */
static int load_with_checksum(char *m, size_t len)
{
    ppm_header h;
    memcpy(&h, m, sizeof h);
    h.checksum = ppm_checksum(m + sizeof h, len - sizeof h);
    memcpy(m, &h, sizeof h);
    return load_bytes(m, len);
}

static void test_stored_candidates_checked_at_load(void **state)
{
    (void)state;
    size_t len;
    char *m = copy_model(&len);
    ppm_header h;
    memcpy(&h, m, sizeof h);
    assert_true(h.ncand > 0);
    ppm_cand *c = (ppm_cand *)(m + h.sections[PPM_CANDS].offset);
    ppm_skel *key = (ppm_skel *)(m + h.sections[PPM_KEYS].offset);
    /* a word id out of range */
    uint32_t id = c[h.ncand / 2].id;
    c[h.ncand / 2].id = h.nvocab;
    assert_int_equal(load_with_checksum(m, len), PP_ERR_DATA);
    assert_non_null(strstr(pp_errmsg(tu_ctx), "inconsistent"));
    c[h.ncand / 2].id = id;
    assert_int_equal(load_with_checksum(m, len), PP_OK);
    /* a list past the end of the lists */
    key[h.nkey - 1].nids = h.ncand - key[h.nkey - 1].ids + 1;
    assert_int_equal(load_with_checksum(m, len), PP_ERR_DATA);
    free(m);
}

/* Each word is in the vocabulary once: its look-up finds its own id. (The
   builder once interned pass-through words with the length of the line
   before, and "tt", "kt", "zalo" were there twice, their counts split.) */
static void test_vocabulary_has_each_word_once(void **state)
{
    (void)state;
    const pp_model *m = tu_model;
    for (uint32_t i = 0; i < m->h->nvocab; i++) {
        const char *w = ppi_model_word(m, i);
        uint32_t id = ppi_model_word_id(m, w, strlen(w));
        if (id != i)
            fail_msg("'%s' is word %u and word %u", w, i, id);
    }
}

/* Every list the model stores is what the search finds for its token
   (the builder ran the same search; a stale or misplaced list would
   change restorations only where that token occurs). */
static void test_stored_candidates_are_the_searchs(void **state)
{
    (void)state;
    const pp_model *m = tu_model;
    ppi_buf scratch = {0};
    for (uint32_t k = 0; k < m->h->nkey; k++) {
        const char *key = m->strings + m->keys[k].str;
        const ppm_cand *stored;
        uint32_t n = ppi_model_stored_candidates(m, key, strlen(key), &stored);
        assert_int_equal(n, m->keys[k].nids);
        ppi_cand c[PPI_MAX_CANDS];
        int found = ppi_search_candidates(m, &scratch, key, strlen(key), c, PPI_MAX_CANDS);
        if (found != (int)n)
            fail_msg("'%s': %u stored candidates, the search finds %d", key, n, found);
        for (uint32_t i = 0; i < n; i++)
            if (c[i].id != stored[i].id || c[i].keep != (int)stored[i].keep ||
                memcmp(&c[i].channel, &stored[i].channel, sizeof(float)) != 0)
                fail_msg("'%s': stored candidate %u is %s (keep %u, channel %g), the search's %s (keep %d, %g)", key, i,
                         ppi_model_word(m, stored[i].id), stored[i].keep, stored[i].channel, ppi_model_word(m, c[i].id),
                         c[i].keep, c[i].channel);
    }
    ppi_buf_free(&scratch);
    /* stored: every word but <s>, </s>, <unk> and the classes, every
       skeleton, and OCR's common misreadings (dict/ocr-tokens.tsv) */
    const ppm_cand *c;
    for (uint32_t i = 0; i < m->h->nvocab; i++)
        if (!(m->vocab[i].flags & PPM_W_CLASS))
            assert_true(ppi_model_stored_candidates(m, ppi_model_word(m, i), strlen(ppi_model_word(m, i)), &c) > 0);
    for (uint32_t i = 0; i < m->h->nskel; i++) {
        const char *skel = m->strings + m->skel[i].str;
        assert_true(ppi_model_stored_candidates(m, skel, strlen(skel), &c) > 0);
    }
    static const char *const misread[] = {"huyén", "t6", "cdc"}; /* in dict/ocr-tokens.tsv */
    for (size_t i = 0; i < sizeof misread / sizeof misread[0]; i++)
        assert_true(ppi_model_stored_candidates(m, misread[i], strlen(misread[i]), &c) > 0);
    assert_int_equal(ppi_model_stored_candidates(m, "qxzv", 4, &c), 0);
}

static void test_model_file_checks(void **state)
{
    (void)state;
    size_t len;
    char *m = copy_model(&len);
    assert_int_equal(load_bytes(m, len), PP_OK);
    /* one flipped byte in the payload: its first word, its middle, and
       its last bytes (summed apart from the four lanes of words) */
    size_t at[] = {sizeof(ppm_header), len / 2, len - 1};
    for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
        m[at[k]] ^= 0x40;
        assert_int_equal(load_bytes(m, len), PP_ERR_DATA);
        assert_non_null(strstr(pp_errmsg(tu_ctx), "checksum"));
        m[at[k]] ^= 0x40;
    }
    /* truncated */
    assert_int_equal(load_bytes(m, len - 8), PP_ERR_DATA);
    assert_non_null(strstr(pp_errmsg(tu_ctx), "truncated"));
    /* another format version */
    m[8] ^= 0x7;
    assert_int_equal(load_bytes(m, len), PP_ERR_DATA);
    assert_non_null(strstr(pp_errmsg(tu_ctx), "format"));
    /* not a model at all */
    assert_int_equal(load_bytes("hello, world", 12), PP_ERR_DATA);
    free(m);
    pp_model *none;
    assert_int_equal(pp_model_load(&none, tu_ctx, "/nonexistent/planparse.model"), PP_ERR_DATA);
    assert_null(none);
    assert_non_null(strstr(pp_errmsg(tu_ctx), "/nonexistent/planparse.model"));
    pp_model_info info;
    assert_int_equal(pp_model_get_info(&info, tu_model), PP_OK);
    assert_true(info.vocabulary > 5000 && info.trigrams > 1000 && info.corpus_tokens > 10000);
}

/* ---- the candidates a context remembers between calls ---- */

static char *restore_with(pp_ctx *c, const pp_model *m, const char *in)
{
    pp_restored *r;
    assert_int_equal(pp_restore(&r, c, m, in, strlen(in), NULL), PP_OK);
    char *out = strdup(pp_restored_text(r, NULL));
    pp_restored_free(r);
    return out;
}

/* A context that has restored other text, or used another model, gives
   the output of a new one: what it remembers is keyed by the printed
   token ("co'" is not "cơ") and dropped when the model changes. */
static void test_context_memory_changes_nothing(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Ké hoach tuyén truyén cai cach hanh chinh nam 2023",
        "Nâng cao nhận thức về cơ chế một cửa.",
        "Nang cao nhan thuc vé co’ chế một cửa, THU'C hiện",
        "Uy ban nhan dan tinh ban hanh ke hoach thuc hien cai cach hanh chinh",
    };
    enum { N = sizeof texts / sizeof texts[0] };
    char *fresh[N];
    for (int i = 0; i < N; i++) {
        pp_ctx *c;
        assert_int_equal(pp_ctx_new(&c), PP_OK);
        fresh[i] = restore_with(c, tu_model, texts[i]);
        pp_ctx_free(c);
        char *no_ctx = restore_with(NULL, tu_model, texts[i]);
        assert_string_equal(no_ctx, fresh[i]);
        free(no_ctx);
    }
    /* a second model object from the same file, then back to the first */
    pp_model *other;
    assert_int_equal(pp_model_load(&other, tu_ctx, PP_MODEL_PATH), PP_OK);
    pp_ctx *c;
    assert_int_equal(pp_ctx_new(&c), PP_OK);
    for (int round = 0; round < 3; round++)
        for (int i = N; i-- > 0;) {
            char *out = restore_with(c, round == 1 ? other : tu_model, texts[i]);
            assert_string_equal(out, fresh[i]);
            free(out);
        }
    pp_ctx_free(c);
    pp_model_free(other);
    for (int i = 0; i < N; i++)
        free(fresh[i]);
}

/* ---- threads ---- */

typedef struct job {
    const char *in;
    char *out;
    int rc;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    pp_ctx *c;
    j->rc = pp_ctx_new(&c);
    for (int rep = 0; j->rc == PP_OK && rep < 3; rep++) {
        pp_restored *r;
        j->rc = pp_restore(&r, c, tu_model, j->in, strlen(j->in), NULL);
        if (j->rc == PP_OK) {
            free(j->out);
            j->out = strdup(pp_restored_text(r, NULL));
            pp_restored_free(r);
        }
    }
    pp_ctx_free(c);
    return NULL;
}

static void test_threads_share_one_model(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Ké hoach tuyén truyén cai cach hanh chinh nam 2023",
        "Uy ban nhan dan huyen chi dao cac phong ban t6 chirc thuc hien",
        "Bao cao két qua thuc hién nhiém vu phat trién kinh té - xa hdi",
        "Thuc hién Quyét dinh s6 17/QD-UBND ngay 17/01/2022 ctia UBND tinh",
    };
    enum { N = 8 };
    job jobs[N];
    pthread_t th[N];
    char *single[4];
    for (int i = 0; i < 4; i++)
        single[i] = restore(texts[i]);
    for (int i = 0; i < N; i++) {
        jobs[i] = (job){texts[i % 4], NULL, 0};
        assert_int_equal(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(jobs[i].rc, PP_OK);
        assert_string_equal(jobs[i].out, single[i % 4]);
        free(jobs[i].out);
    }
    for (int i = 0; i < 4; i++)
        free(single[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_issue_examples),
        cmocka_unit_test(test_damaged_sentence),
        cmocka_unit_test(test_without_diacritics),
        cmocka_unit_test(test_clean_text_unchanged),
        cmocka_unit_test(test_every_token_kept),
        cmocka_unit_test(test_roman_numerals_and_case),
        cmocka_unit_test(test_horn_apostrophes),
        cmocka_unit_test(test_letters_read_as_symbols),
        cmocka_unit_test(test_split_and_joined_words),
        cmocka_unit_test(test_phrase_words_are_candidates),
        cmocka_unit_test(test_unknown_tokens_in_damaged_text),
        cmocka_unit_test(test_two_character_readings),
        cmocka_unit_test(test_rhyme_readings),
        cmocka_unit_test(test_abbreviations_and_names_in_clean_text),
        cmocka_unit_test(test_empty_and_errors),
        cmocka_unit_test(test_confident_ocr_words_kept),
        cmocka_unit_test(test_token_offsets_are_the_inputs),
        cmocka_unit_test(test_options_version_1),
        cmocka_unit_test(test_options_version_2),
        cmocka_unit_test(test_text_only),
        cmocka_unit_test(test_model_file_checks),
        cmocka_unit_test(test_stored_candidates_checked_at_load),
        cmocka_unit_test(test_stored_candidates_are_the_searchs),
        cmocka_unit_test(test_vocabulary_has_each_word_once),
        cmocka_unit_test(test_context_memory_changes_nothing),
        cmocka_unit_test(test_threads_share_one_model),
    };
    return cmocka_run_group_tests(tests, tu_model_setup, tu_model_teardown);
}
