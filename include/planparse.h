/*
 * planparse.h - the public API of libplanparse.
 *
 * libplanparse turns scanned or OCR'd Vietnamese administrative documents
 * into correct text and structured records. This header is the whole public
 * surface; everything is prefixed `pp_` / `PP_`.
 *
 * Conventions (see docs/api.md for the long form):
 *  - Functions that can fail return an int status: PP_OK (0) or a PP_ERR_*
 *    code. pp_strerror() names a code; pp_errmsg() gives the detailed message
 *    of the last failure on a context (file, byte offset, what is wrong).
 *  - Out-parameters come first. On failure they are left NULL / 0.
 *  - Every buffer the library returns is owned by the caller and released
 *    with pp_free(); every object has a matching *_free function, and every
 *    *_free accepts NULL.
 *  - Options structs carry a `version` field. Initialise them with the
 *    matching *_options_init() (or the *_OPTIONS_INIT macro) before setting
 *    fields, so that programs built against an older header keep working.
 *  - There is no global mutable state. A pp_ctx is cheap, holds the error
 *    message and warnings of the calls made with it, and must be used by one
 *    thread at a time: give each thread its own. Pure functions (syllable
 *    model, tokeniser, diacritic stripping) take no context and are safe to
 *    call from any thread.
 *  - The library never prints and never exits.
 */
#ifndef PLANPARSE_H
#define PLANPARSE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(PP_BUILDING_LIBRARY) && defined(__GNUC__)
#define PP_API __attribute__((visibility("default")))
#else
#define PP_API
#endif

/* ------------------------------------------------------------------------ */
/* Version                                                                  */
/* ------------------------------------------------------------------------ */

#define PP_VERSION_MAJOR 0
#define PP_VERSION_MINOR 1
#define PP_VERSION_PATCH 0
#define PP_VERSION_STRING "0.1.0"

/* The version of the library actually linked, e.g. "0.1.0". */
PP_API const char *pp_version(void);

/* ------------------------------------------------------------------------ */
/* Status codes                                                             */
/* ------------------------------------------------------------------------ */

typedef enum pp_status {
    PP_OK = 0,
    PP_ERR_NOMEM = 1,        /* an allocation failed */
    PP_ERR_ARG = 2,          /* invalid argument or options version */
    PP_ERR_INPUT = 3,        /* bad input: invalid UTF-8, binary data, too large */
    PP_ERR_IO = 4,           /* a file could not be read or written */
    PP_ERR_DATA = 5,         /* a data or model file is missing or corrupt */
    PP_ERR_DEPENDENCY = 6,   /* a library we depend on (ICU, ...) failed */
    PP_ERR_NOT_SYLLABLE = 7, /* the string is not a Vietnamese syllable */
    PP_ERR_RANGE = 8,        /* an output buffer is too small */
    PP_ERR_INTERNAL = 9      /* a bug in libplanparse; please report it */
} pp_status;

/* A short, static English description of a status code. Never NULL. */
PP_API const char *pp_strerror(int status);

/* Releases any buffer returned by the library. Accepts NULL. */
PP_API void pp_free(void *ptr);

/* ------------------------------------------------------------------------ */
/* Context: per-thread state, error message and warnings                    */
/* ------------------------------------------------------------------------ */

typedef struct pp_ctx pp_ctx;

/* Creates a context. *out is set on success; free it with pp_ctx_free(). */
PP_API int pp_ctx_new(pp_ctx **out);
PP_API void pp_ctx_free(pp_ctx *ctx);

/*
 * The message of the last failed call made with ctx, such as
 * "report.txt: invalid UTF-8 at byte 1234 (line 5, column 7): ...".
 * Empty string after a successful call. Owned by ctx; valid until the next
 * call that uses ctx.
 */
PP_API const char *pp_errmsg(const pp_ctx *ctx);

/*
 * Warnings of the last call made with ctx: things that were changed or could
 * not be decided but did not stop the call (a control character replaced, a
 * header field missing). Owned by ctx; valid until the next call with ctx.
 */
PP_API size_t pp_warning_count(const pp_ctx *ctx);
PP_API const char *pp_warning(const pp_ctx *ctx, size_t index);

/* ------------------------------------------------------------------------ */
/* Files                                                                    */
/* ------------------------------------------------------------------------ */

/*
 * Reads a whole file (or standard input when path is "-") into a new buffer,
 * NUL-terminated for convenience (the NUL is not counted in *out_len).
 * Fails with PP_ERR_INPUT if it holds more than max_bytes (0: 256 MiB).
 */
PP_API int pp_read_file(char **out, size_t *out_len, pp_ctx *ctx,
                        const char *path, size_t max_bytes);

/*
 * Writes len bytes to path atomically: into a temporary file in the same
 * folder, flushed to disk, then renamed over path. On failure path is left
 * as it was and no temporary file remains.
 */
PP_API int pp_write_file_atomic(pp_ctx *ctx, const char *path,
                                const void *data, size_t len);

/* The SHA-256 of len bytes as 64 lowercase hex digits and a NUL. */
PP_API void pp_sha256_hex(const void *data, size_t len, char out[65]);

/* ------------------------------------------------------------------------ */
/* Decoding input bytes into clean text                                     */
/* ------------------------------------------------------------------------ */

/* What to do with control characters other than TAB, LF, CR and FF. */
typedef enum pp_control_policy {
    PP_CONTROL_REPLACE = 0, /* replace each by a space and warn (default) */
    PP_CONTROL_REJECT = 1   /* fail with PP_ERR_INPUT */
} pp_control_policy;

#define PP_DECODE_OPTIONS_VERSION 1

typedef struct pp_decode_options {
    unsigned version;          /* PP_DECODE_OPTIONS_VERSION */
    const char *name;          /* input name used in messages; NULL: "<input>" */
    size_t max_bytes;          /* larger input fails; 0: 256 MiB */
    pp_control_policy control; /* see above */
} pp_decode_options;

#define PP_DECODE_OPTIONS_INIT {PP_DECODE_OPTIONS_VERSION, NULL, 0, PP_CONTROL_REPLACE}

PP_API int pp_decode_options_init(pp_decode_options *opts, unsigned version);

/*
 * Turns raw input bytes into clean text: UTF-8 validated (the first invalid
 * byte fails the call, with its byte offset, line and column in pp_errmsg),
 * a leading UTF-8 byte order mark removed, CRLF and lone CR line ends turned
 * into LF, Unicode NFC applied. A NUL byte fails the call (binary data), as
 * does a UTF-16 or UTF-32 byte order mark (convert such files to UTF-8
 * first). Other control characters follow opts->control. Form feeds (page
 * breaks) and tabs are kept. opts may be NULL for defaults.
 *
 * *out is NUL-terminated; *out_len excludes the NUL. Free with pp_free().
 */
PP_API int pp_decode(char **out, size_t *out_len, pp_ctx *ctx,
                     const void *bytes, size_t len,
                     const pp_decode_options *opts);

/* ------------------------------------------------------------------------ */
/* Tokeniser                                                                */
/* ------------------------------------------------------------------------ */

typedef enum pp_token_kind {
    PP_TOK_WORD = 1,    /* letters, possibly with digits: "tuyên", "CCHC", "t6" */
    PP_TOK_NUMBER,      /* digits, with inner . or , : "2022", "1.234.567", "2,5" */
    PP_TOK_SYMBOL,      /* document number and symbol: "17/QĐ-UBND", "05-NQ/TU" */
    PP_TOK_DATE,        /* numeric date: "17/01/2022", "02-9-2021" */
    PP_TOK_URL,         /* "https://...", "www.example.vn/..." */
    PP_TOK_EMAIL,       /* "vanthu@quangninh.gov.vn" */
    PP_TOK_PUNCT,       /* one punctuation character */
    PP_TOK_SPACE,       /* a run of horizontal white space (incl. tab, FF) */
    PP_TOK_NEWLINE,     /* one line end: "\n", "\r\n" or "\r" */
    PP_TOK_OTHER,       /* any other character (symbols, emoji, ...) */
    PP_TOK_INVALID      /* bytes that are not valid UTF-8 */
} pp_token_kind;

/* pp_token.flags */
#define PP_TOKF_SYLLABLE 0x1u  /* WORD that is a valid Vietnamese syllable */
#define PP_TOKF_DIGITS 0x2u    /* WORD that contains digits */

typedef struct pp_token {
    pp_token_kind kind;
    unsigned flags;
    size_t offset; /* byte offset in the input */
    size_t length; /* byte length; never 0 */
    size_t line;   /* 1-based line of the first byte */
} pp_token;

/*
 * Splits text into tokens that cover every byte: concatenating the tokens'
 * bytes gives back the input exactly, whatever it holds (invalid UTF-8
 * becomes PP_TOK_INVALID tokens). The input should be NFC for syllable flags
 * to be exact. *out is an array of *count tokens, freed with pp_free();
 * *out is NULL when len is 0.
 */
PP_API int pp_tokenize(pp_token **out, size_t *count,
                       const char *text, size_t len);

/* The name of a token kind, e.g. "word". */
PP_API const char *pp_token_kind_name(pp_token_kind kind);

/* ------------------------------------------------------------------------ */
/* Vietnamese syllable model                                                */
/* ------------------------------------------------------------------------ */

typedef enum pp_tone {
    PP_TONE_NGANG = 0, /* no mark: "ta" */
    PP_TONE_HUYEN = 1, /* grave: "tà" */
    PP_TONE_SAC = 2,   /* acute: "tá" */
    PP_TONE_HOI = 3,   /* hook above: "tả" */
    PP_TONE_NGA = 4,   /* tilde: "tã" */
    PP_TONE_NANG = 5   /* dot below: "tạ" */
} pp_tone;

/* Where the tone mark goes in open "oa", "oe", "uy" (the only difference). */
typedef enum pp_tone_style {
    PP_TONE_STYLE_OLD = 0, /* traditional: "hóa", "thủy", "Ủy" (default) */
    PP_TONE_STYLE_NEW = 1  /* "hoá", "thuỷ", "Uỷ" */
} pp_tone_style;

typedef enum pp_letter_case {
    PP_CASE_LOWER = 0, /* "tuyên" */
    PP_CASE_TITLE = 1, /* "Tuyên" */
    PP_CASE_UPPER = 2, /* "TUYÊN" */
    PP_CASE_MIXED = 3  /* anything else: "tUyên" */
} pp_letter_case;

/*
 * A parsed syllable. All parts are lowercase UTF-8 without tone marks;
 * absent parts are "". The vowel quality marks stay (ă â ê ô ơ ư, and đ).
 *   "nghiêng" -> onset "ngh", medial "",  nucleus "iê", coda "ng", ngang
 *   "thuở"    -> onset "th",  medial "u", nucleus "ơ",  coda "",   hỏi
 *   "quốc"    -> onset "qu",  medial "",  nucleus "ô",  coda "c",  sắc
 *   "gìn"     -> onset "gi",  medial "",  nucleus "i",  coda "n",  huyền
 *     (the written "i" of "gi" and of the rhyme is one letter)
 *   "hoà"     -> onset "h",   medial "o", nucleus "a",  coda "",   huyền
 * Coda holds consonants (c ch m n ng nh p t) and the glides i y o u.
 */
typedef struct pp_syllable {
    char onset[8];
    char medial[4];
    char nucleus[8];
    char coda[4];
    pp_tone tone;
    pp_letter_case letter_case;
    /* bit i set: the i-th letter (code point) was upper case; lets
       pp_syllable_compose give back any case pattern exactly */
    unsigned upper_mask;
} pp_syllable;

/*
 * Parses one syllable (NFC UTF-8, exactly len bytes, no spaces) and checks
 * it against Vietnamese phonotactics: known onset and rhyme, onset/rhyme
 * spelling rules (k, gh, ngh only before i, y, e, ê; c, g, ng never there;
 * q only as qu), stop codas p t c ch only with sắc or nặng, one tone mark.
 * The tone mark may sit on any vowel of the rhyme (both placements are
 * read). Returns PP_OK, PP_ERR_NOT_SYLLABLE or PP_ERR_ARG.
 */
PP_API int pp_syllable_parse(pp_syllable *out, const char *s, size_t len);

/* 1 when s is a valid Vietnamese syllable, else 0. */
PP_API int pp_syllable_is_valid(const char *s, size_t len);

/*
 * Writes the syllable as NFC UTF-8 into buf (cap bytes, NUL-terminated),
 * with its tone mark placed per style and its letters in their case.
 * *out_len (may be NULL) gets the length without NUL. PP_ERR_RANGE if cap
 * is too small (32 bytes always suffice); PP_ERR_ARG for a struct that is
 * not a valid syllable.
 */
PP_API int pp_syllable_compose(char *buf, size_t cap, size_t *out_len,
                               const pp_syllable *syl, pp_tone_style style);

/*
 * Removes every diacritic from text (tone and quality marks, đ -> d, any
 * other Latin accent), keeping everything else byte for byte. *out is
 * NUL-terminated, freed with pp_free(). text must be valid UTF-8.
 */
PP_API int pp_strip_diacritics(char **out, size_t *out_len,
                               const char *text, size_t len);

/* ------------------------------------------------------------------------ */
/* Normalisation                                                            */
/* ------------------------------------------------------------------------ */

#define PP_NORMALIZE_OPTIONS_VERSION 1

typedef struct pp_normalize_options {
    unsigned version;         /* PP_NORMALIZE_OPTIONS_VERSION */
    pp_tone_style tone_style; /* where tone marks go; default OLD */
} pp_normalize_options;

#define PP_NORMALIZE_OPTIONS_INIT {PP_NORMALIZE_OPTIONS_VERSION, PP_TONE_STYLE_OLD}

PP_API int pp_normalize_options_init(pp_normalize_options *opts, unsigned version);

/*
 * NFC, then every Vietnamese syllable rewritten with its tone mark in the
 * chosen place ("hoá" -> "hóa" in the OLD style). Everything else, line
 * structure included, is kept byte for byte. text must be valid UTF-8 (use
 * pp_decode on raw input first). *out is NUL-terminated, freed with
 * pp_free(). The number of syllables rewritten goes to *changed (may be
 * NULL). opts may be NULL for defaults.
 */
PP_API int pp_normalize(char **out, size_t *out_len, size_t *changed,
                        pp_ctx *ctx, const char *text, size_t len,
                        const pp_normalize_options *opts);

/* ------------------------------------------------------------------------ */
/* Restoration model                                                        */
/* ------------------------------------------------------------------------ */

/*
 * The restoration model (planparse.model): vocabulary, syllable language
 * model, candidate index and OCR channel. Loaded once, memory-mapped and
 * verified (format version, checksum), then read-only: one model may be
 * shared by any number of threads, each with its own pp_ctx.
 */
typedef struct pp_model pp_model;

/*
 * Loads the model at path; NULL means pp_model_default_path(). Fails with
 * PP_ERR_DATA (missing, truncated, corrupt, wrong version) or PP_ERR_IO.
 */
PP_API int pp_model_load(pp_model **out, pp_ctx *ctx, const char *path);
PP_API void pp_model_free(pp_model *model);

/* $PLANPARSE_MODEL when set, else the model installed with the library. */
PP_API const char *pp_model_default_path(void);

/* Sizes of a loaded model, for --version and diagnostics. */
typedef struct pp_model_info {
    size_t vocabulary;     /* words known */
    size_t lexicon;        /* words that can be proposed as corrections */
    size_t bigrams, trigrams;
    size_t corpus_tokens;  /* tokens the language model was trained on */
    size_t channel_entries;
    size_t file_bytes;
} pp_model_info;

PP_API int pp_model_get_info(pp_model_info *out, const pp_model *model);

/* ------------------------------------------------------------------------ */
/* Restoration                                                              */
/* ------------------------------------------------------------------------ */

/* A word as an OCR engine read it: where it is in the text it belongs to
   (bytes), and how sure the engine was of it. */
typedef struct pp_ocr_word {
    size_t offset;
    size_t length;
    int confidence; /* 0-100 */
} pp_ocr_word;

/* OCR words read with at least this confidence are kept by restoration
   unless the options say otherwise: tesseract's vie model is right about
   nearly all of them, and the restoration model knows English-OCR damage. */
#define PP_KEEP_CONFIDENCE_DEFAULT 90

/* Version 2 added the OCR words; version 1 structs are still accepted. */
#define PP_RESTORE_OPTIONS_VERSION 3

typedef struct pp_restore_options {
    unsigned version;          /* PP_RESTORE_OPTIONS_VERSION */
    pp_tone_style tone_style;  /* placement of tone marks in the output */
    /* The words an OCR engine read, offsets in the text given to
       pp_restore, in order (pp_document_ocr_words). A word read with at
       least keep_confidence is kept as it is; the others are decided by
       the model like any word. NULL: every word is decided. */
    const pp_ocr_word *ocr_words;
    size_t ocr_word_count;
    int keep_confidence;       /* 0: PP_KEEP_CONFIDENCE_DEFAULT; over 100: none
                                  kept; negative: all kept */
    /* Version 3. 1: the restored text alone, for callers that do not look
       at the words: pp_restored_token_count is 0, and the confidences are
       not computed (about a fifth of the time). The text is the same. */
    int text_only;
} pp_restore_options;

#define PP_RESTORE_OPTIONS_INIT {PP_RESTORE_OPTIONS_VERSION, PP_TONE_STYLE_OLD, NULL, 0, 0, 0}

PP_API int pp_restore_options_init(pp_restore_options *opts, unsigned version);

#define PP_RESTORE_MAX_ALTS 3

/* One word of the input and what restoration made of it. */
typedef struct pp_restore_token {
    size_t offset;      /* bytes in the input given to pp_restore */
    size_t length;
    size_t line;        /* 1-based */
    const char *original;             /* the input bytes, NUL-terminated */
    const char *choice;               /* what the output has instead */
    double confidence;                /* 0..1: the choice's share of the evidence */
    int changed;                      /* choice differs from original */
    size_t nalts;                     /* alternatives, best first */
    const char *alts[PP_RESTORE_MAX_ALTS];
    double alt_confidence[PP_RESTORE_MAX_ALTS];
} pp_restore_token;

typedef struct pp_restored pp_restored;

/*
 * Restores OCR-damaged or diacritic-less Vietnamese text: every word token
 * is decided among candidates (itself included) by the language model and
 * the OCR channel model, line by line; numbers, symbols, URLs, e-mails and
 * punctuation are kept (document symbols mended: "QD-UBND" -> "QĐ-UBND").
 * The output has the same lines as the input. text must be valid UTF-8
 * (see pp_decode). Free the result with pp_restored_free().
 */
PP_API int pp_restore(pp_restored **out, pp_ctx *ctx, const pp_model *model,
                      const char *text, size_t len, const pp_restore_options *opts);

/* The restored text (NUL-terminated; *len may be NULL). Owned by r. */
PP_API const char *pp_restored_text(const pp_restored *r, size_t *len);
/* The word tokens, in input order, covering every byte of every input word
   once. Owned by r. A word OCR cut with an apostrophe or a symbol
   ("THU'C", "co’", "huy€n") or left in pieces ("huy n" for "huyện") is one
   token spanning its pieces; a token that holds two words run together
   ("NGHIQUYET") is two tokens, one per part, and the text has a space
   between their choices. */
PP_API size_t pp_restored_token_count(const pp_restored *r);
PP_API const pp_restore_token *pp_restored_token(const pp_restored *r, size_t index);
PP_API void pp_restored_free(pp_restored *r);


/* ------------------------------------------------------------------------ */
/* Parsing a document into a record (docs/record.md)                        */
/* ------------------------------------------------------------------------ */

/* Kinds of section markers: "I.", "1.", "1.1.", "a)", "(1)", "-", "+",
   "Điều 1." */
typedef enum pp_section_kind {
    PP_SECTION_ROMAN = 0,
    PP_SECTION_ARABIC = 1,
    PP_SECTION_DECIMAL = 2,
    PP_SECTION_LETTER = 3,
    PP_SECTION_PAREN = 4,
    PP_SECTION_DASH = 5,
    PP_SECTION_PLUS = 6,
    PP_SECTION_ARTICLE = 7
} pp_section_kind;

/* The record's name of a kind: "roman", "arabic", ... */
PP_API const char *pp_section_kind_name(pp_section_kind kind);

/* One numbered section. Levels follow the order in which marker kinds
   first appear in the document, not a fixed table. All strings and the
   children array are owned by the record. */
typedef struct pp_section {
    const char *label;   /* "II", "2.1", "a", "-" */
    const char *path;    /* stable id: "II.2.a"; dashes count: "II.2.a.-3" */
    pp_section_kind kind;
    int level;           /* 1: top */
    const char *heading; /* "MỤC ĐÍCH, YÊU CẦU", or NULL when the marker starts body text */
    const char *text;    /* body paragraphs, separated by "\n"; "" if none */
    size_t line;         /* 1-based input line of the marker */
    const struct pp_section *children;
    size_t nchildren;
} pp_section;

/* The header; NULL fields were not found (a warning says so). */
typedef struct pp_header {
    const char *issuer;        /* "Ủy ban nhân dân thành phố Uông Bí" */
    const char *issuer_parent; /* the agency printed above it, or NULL */
    const char *number;        /* "66/KH-UBND" */
    const char *doc_type;      /* "Kế hoạch" */
    const char *place;         /* "Uông Bí" */
    const char *date;          /* ISO "2022-03-03" */
    const char *title;
} pp_header;

typedef struct pp_signature {
    const char *authority; /* "TM. Ủy ban nhân dân" */
    const char *capacity;  /* "KT. Chủ tịch" */
    const char *title;     /* "Phó Chủ tịch" */
    const char *name;      /* "Nguyễn Văn Thành" */
    size_t line;           /* first line of the block, 0 if none */
} pp_signature;

/* A table: rows of cells, the header row first (repeats at page breaks
   dropped, rows continued on the next page joined). */
typedef struct pp_table {
    size_t nrows, ncols;
    const char *const *cells; /* nrows * ncols, row by row */
    size_t line;
} pp_table;

typedef struct pp_footnote {
    const char *label;  /* "1" */
    const char *text;
    size_t line;        /* where the footnote is printed */
    size_t marker_line; /* where the body refers to it, 0 if not found */
} pp_footnote;

/* A document cited in the text (extraction). Strings owned by the record. */
typedef struct pp_reference {
    const char *type;           /* "Quyết định", "Chương trình" (for "Chương trình hành động") */
    const char *number;         /* "17/QĐ-UBND", symbol normalised (QĐ, NĐ, NQ with Đ/Q); NULL
                                   for a document cited by its name alone */
    const char *number_printed; /* "17/QD-UBND", "01- CTr/TU": as printed; NULL as above */
    const char *date;           /* ISO "2022-01-17", or NULL */
    const char *issuer;         /* "UBND tỉnh", as printed after "của"; NULL if not written */
    const char *title;          /* "Tổ chức chính quyền địa phương" for a citation by name, else NULL */
    const char *text;           /* the citation as printed, on one line */
    size_t line;                /* 1-based line of the type word */
    int self;                   /* the document's own number ("Ban hành kèm theo Kế hoạch số ...") */
} pp_reference;

/* A calendar date in the text. */
typedef struct pp_date {
    const char *date;    /* ISO */
    const char *text;    /* as printed: "17/01/2022", "ngày 15 tháng 7 năm 2021" */
    size_t line;         /* 1-based line of the day number */
    const char *section; /* path of the section it is in ("II.2.a"), or NULL */
    int deadline;        /* set as a deadline: "hoàn thành trước ngày ..." */
} pp_date;

typedef enum pp_period_kind {
    PP_PERIOD_YEAR = 0,    /* "năm 2022" */
    PP_PERIOD_SPAN = 1,    /* "giai đoạn 2021-2025" */
    PP_PERIOD_TERM = 2,    /* "nhiệm kỳ 2020 - 2025" */
    PP_PERIOD_QUARTER = 3, /* "quý III năm 2023" */
    PP_PERIOD_MONTH = 4,   /* "tháng 6 năm 2022" */
    PP_PERIOD_PART = 5     /* "6 tháng đầu năm 2022" */
} pp_period_kind;

/* "year", "span", "term", "quarter", "month", "part" */
PP_API const char *pp_period_kind_name(pp_period_kind kind);

/* A time span that is not one calendar day. */
typedef struct pp_period {
    const char *text;    /* as printed */
    pp_period_kind kind;
    int start, end;      /* first and last year; 0 when not printed */
    size_t line;
} pp_period;

/* When a task is to be done, linked to the section that sets it. */
typedef struct pp_deadline {
    const char *text;    /* "hoàn thành trước ngày 30 tháng 6 năm 2022", "Thường xuyên" */
    const char *date;    /* ISO, or NULL ("thường xuyên") */
    const char *section; /* path, or NULL */
    size_t line;
} pp_deadline;

/* Roles of an agency in the document (pp_agency.roles). */
#define PP_ROLE_ISSUER 0x1u    /* issued the document */
#define PP_ROLE_LEAD 0x2u      /* chủ trì */
#define PP_ROLE_COOPERATE 0x4u /* phối hợp */
#define PP_ROLE_RECIPIENT 0x8u /* in Nơi nhận */

/* "issuer", "lead", "cooperate", "recipient" for one PP_ROLE_ bit. */
PP_API const char *pp_role_name(unsigned role);

/* A task given to an agency in "Tổ chức thực hiện". */
typedef struct pp_duty {
    const char *section; /* path */
    const char *text;
} pp_duty;

/* An agency named in the document, mentions of one body merged. */
typedef struct pp_agency {
    const char *name;     /* canonical: "Ủy ban nhân dân tỉnh Kon Tum" (abbreviations expanded) */
    const char *printed;  /* its fullest printed form: "UBND tỉnh Kon Tum" */
    const char *level;    /* "tỉnh", "thành phố", "huyện", ... or NULL */
    const char *place;    /* "Kon Tum", or NULL */
    const char *province; /* the place's province in dict/gazetteer.tsv, NULL if not found there */
    unsigned roles;       /* PP_ROLE_ bits */
    size_t mentions;
    size_t line;          /* first mention */
    int group;            /* a group given duties: "UBND các xã, phường, thị trấn" */
    const pp_duty *duties;
    size_t nduties;
} pp_agency;

typedef struct pp_record pp_record;

/* Version 2 added the OCR words; version 1 structs are still accepted. */
#define PP_PARSE_OPTIONS_VERSION 2

typedef struct pp_parse_options {
    unsigned version;         /* PP_PARSE_OPTIONS_VERSION */
    pp_tone_style tone_style; /* of restored text */
    int restore;              /* 1: restore the text first (needs a model) */
    const char *source_path;  /* recorded as source.path; may be NULL */
    /* for restoration, as in pp_restore_options: the OCR's words in the
       text given to pp_parse, and the confidence that keeps one */
    const pp_ocr_word *ocr_words;
    size_t ocr_word_count;
    int keep_confidence;
} pp_parse_options;

#define PP_PARSE_OPTIONS_INIT {PP_PARSE_OPTIONS_VERSION, PP_TONE_STYLE_OLD, 1, NULL, NULL, 0, 0}

PP_API int pp_parse_options_init(pp_parse_options *opts, unsigned version);

/*
 * Splits a document (valid UTF-8, see pp_decode) into header, sections,
 * closing, recipients, signature, tables, footnotes and attachments. With a
 * model (and opts->restore) the text is restored first; model may be NULL
 * for text known to be correct. Parts that cannot be found are left NULL
 * and reported as warnings (in the record and on ctx). Free with
 * pp_record_free().
 */
PP_API int pp_parse(pp_record **out, pp_ctx *ctx, const pp_model *model,
                    const char *text, size_t len, const pp_parse_options *opts);
PP_API void pp_record_free(pp_record *r);

/* Accessors: everything returned is owned by r. */
PP_API const pp_header *pp_record_header(const pp_record *r);
PP_API const pp_section *pp_record_sections(const pp_record *r, size_t *count);
PP_API const pp_signature *pp_record_signature(const pp_record *r);
PP_API const char *const *pp_record_recipients(const pp_record *r, size_t *count);
PP_API const pp_table *pp_record_tables(const pp_record *r, size_t *count);
PP_API const pp_footnote *pp_record_footnotes(const pp_record *r, size_t *count);
/* Text before the first section ("Căn cứ ...", "Thực hiện ..."), the
   closing paragraph ("Trên đây là ..."), the whole (restored) text. */
PP_API const char *pp_record_preamble(const pp_record *r);
PP_API const char *pp_record_closing(const pp_record *r);
PP_API const char *pp_record_text(const pp_record *r);
PP_API size_t pp_record_warning_count(const pp_record *r);
PP_API const char *pp_record_warning(const pp_record *r, size_t index);
/* Extraction: cited documents, dates, periods and deadlines in order of
   appearance; agencies in order of first mention. */
PP_API const pp_reference *pp_record_references(const pp_record *r, size_t *count);
PP_API const pp_date *pp_record_dates(const pp_record *r, size_t *count);
PP_API const pp_period *pp_record_periods(const pp_record *r, size_t *count);
PP_API const pp_deadline *pp_record_deadlines(const pp_record *r, size_t *count);
PP_API const pp_agency *pp_record_agencies(const pp_record *r, size_t *count);
/* Documents attached after the signature (an annex, a plan issued with a
   decision), each a record of its own. */
PP_API size_t pp_record_attachment_count(const pp_record *r);
PP_API const pp_record *pp_record_attachment(const pp_record *r, size_t index);

/* Output formats of a record. */
typedef enum pp_record_format {
    PP_RECORD_JSON = 0,   /* docs/record.md, schema docs/record.schema.json */
    PP_RECORD_TEXT = 1,   /* the restored text, paragraphs rejoined */
    PP_RECORD_MARKDOWN = 2
} pp_record_format;

#define PP_JSON_COMPACT 0x1u /* one line (JSON Lines) instead of indented */

/* Writes r in a format into a new buffer (free with pp_free). */
PP_API int pp_record_write(char **out, size_t *out_len, pp_ctx *ctx, const pp_record *r,
                           pp_record_format format, unsigned flags);

/* The extracted lists, for pp_record_write_list. */
typedef enum pp_record_list {
    PP_LIST_REFERENCES = 0,
    PP_LIST_DATES = 1,
    PP_LIST_PERIODS = 2,
    PP_LIST_DEADLINES = 3,
    PP_LIST_AGENCIES = 4
} pp_record_list;

typedef enum pp_list_format {
    PP_LIST_JSONL = 0, /* one JSON object per line, as in the record */
    PP_LIST_TSV = 1    /* a header row, then one row per item; lists in a cell joined by "," */
} pp_list_format;

/* Writes one extracted list of r (planparse parse --only) into a new
   buffer (free with pp_free); an empty list gives an empty buffer. */
PP_API int pp_record_write_list(char **out, size_t *out_len, pp_ctx *ctx, const pp_record *r,
                                pp_record_list list, pp_list_format format);

/* ---- ingest: PDFs, images and text files (lib/ingest) ---- */

/* What a file is, by its first bytes (the extension is not trusted). */
typedef enum pp_input_kind {
    PP_INPUT_TEXT = 0,  /* anything else: decoded as text (pp_decode) */
    PP_INPUT_PDF = 1,   /* "%PDF-" */
    PP_INPUT_IMAGE = 2  /* PNG, JPEG or TIFF (multi-page TIFF: one page each) */
} pp_input_kind;

PP_API pp_input_kind pp_input_kind_of(const void *data, size_t len);
PP_API const char *pp_input_kind_name(pp_input_kind kind);

/* Where a page's text came from. */
typedef enum pp_page_source {
    PP_PAGE_PLAIN = 0,      /* a text file */
    PP_PAGE_TEXT_LAYER = 1, /* the PDF's own text */
    PP_PAGE_OCR = 2         /* OCR of the page image */
} pp_page_source;

PP_API const char *pp_page_source_name(pp_page_source source);

#define PP_INGEST_OPTIONS_VERSION 1

typedef struct pp_ingest_options {
    unsigned version;        /* PP_INGEST_OPTIONS_VERSION */
    const char *language;    /* tesseract language(s); NULL: "vie" */
    const char *tessdata;    /* tesseract's data folder; NULL: its default */
    int dpi;                 /* rendering of PDF pages without usable text; 0: 300 */
    size_t max_pages;        /* a file with more pages fails; 0: 2000 */
    size_t max_pixels;       /* a page image with more pixels fails; 0: 150 million */
    int page_timeout_ms;     /* OCR of one page that takes longer fails; 0: 300000 */
    size_t max_bytes;        /* a larger file fails; 0: 256 MiB */
    int force_ocr;           /* 1: OCR PDF pages even when they have usable text */
} pp_ingest_options;

#define PP_INGEST_OPTIONS_INIT {PP_INGEST_OPTIONS_VERSION, NULL, NULL, 0, 0, 0, 0, 0, 0}

PP_API int pp_ingest_options_init(pp_ingest_options *opts, unsigned version);

/*
 * An OCR engine (tesseract with opts->language, "vie" by default). Not
 * thread-safe: make one per thread. Creating one takes ~0.2 s and ~50 MB.
 * Tesseract runs best with OpenMP off (set OMP_THREAD_LIMIT=1 in the
 * environment before the first engine is made; the CLI does). Creating the
 * first engine also silences leptonica's messages on stderr, process-wide.
 * PP_ERR_DEPENDENCY when tesseract or its language data is missing.
 */
typedef struct pp_ocr pp_ocr;
PP_API int pp_ocr_new(pp_ocr **out, pp_ctx *ctx, const pp_ingest_options *opts);
PP_API void pp_ocr_free(pp_ocr *ocr);

typedef struct pp_page {
    const char *text;      /* valid NFC UTF-8, LF line ends; owned by the document */
    size_t len;
    pp_page_source source;
    int confidence;        /* OCR: tesseract's mean word confidence 0-100; else -1 */
    /* OCR pages: the image read (a scanned PDF page's own image when it
       is one, else the page rendered), the resolution tesseract was told,
       and every word with its confidence (offsets in text, owned by the
       document); 0 and NULL for other pages */
    int image_width, image_height, image_dpi;
    const pp_ocr_word *words;
    size_t nwords;
} pp_page;

typedef struct pp_document pp_document;

/*
 * Reads a file (or len bytes at data, name used in messages) into pages of
 * text: a text file is one page; a PDF page with a usable text layer is
 * read as is, any other PDF page is rendered and OCR'd; an image page is
 * OCR'd. ocr may be NULL when no page needs OCR (else PP_ERR_ARG). Fails
 * with PP_ERR_INPUT and a message naming the file for corrupt, encrypted
 * or empty PDFs, undecodable images, empty files, and files over a limit.
 */
PP_API int pp_ingest_file(pp_document **out, pp_ctx *ctx, pp_ocr *ocr, const char *path,
                          const pp_ingest_options *opts);
PP_API int pp_ingest_memory(pp_document **out, pp_ctx *ctx, pp_ocr *ocr, const void *data, size_t len,
                            const char *name, const pp_ingest_options *opts);
PP_API pp_input_kind pp_document_kind(const pp_document *d);
PP_API size_t pp_document_page_count(const pp_document *d);
PP_API const pp_page *pp_document_page(const pp_document *d, size_t index);
/* All pages, joined by one empty line; owned by d. */
PP_API const char *pp_document_text(const pp_document *d, size_t *len);
/* SHA-256 (64 hex digits) of the file's bytes as read; owned by d. */
PP_API const char *pp_document_sha256(const pp_document *d);
/* The OCR'd words of every page, offsets in pp_document_text: what
   pp_restore_options.ocr_words takes. Owned by d; NULL when none. */
PP_API const pp_ocr_word *pp_document_ocr_words(const pp_document *d, size_t *count);
PP_API void pp_document_free(pp_document *d);

/*
 * pp_parse of an ingested document: its text, restored with its OCR words
 * (opts->ocr_words is replaced by the document's), and a record whose
 * source says what the file was: its bytes' hash, "pdf"/"image"/"text",
 * how it was read ("ocr" if any page was OCR'd, "pdf-text", "utf8") and
 * its page count.
 */
PP_API int pp_parse_document(pp_record **out, pp_ctx *ctx, const pp_model *model, const pp_document *doc,
                             const pp_parse_options *opts);

#ifdef __cplusplus
}
#endif

#endif /* PLANPARSE_H */
