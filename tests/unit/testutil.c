/* testutil.c - helpers shared by the unit tests. */
#include "testutil.h"

#include "planparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const tu_seed_files[] = {
    "seeds/000_b524d4606e41256d.txt", "seeds/001_f1a1be36b810ea44.txt",
    "seeds/002_f6ceedd6543630f2.txt", "seeds/003_bfe3f4b9895b51df.txt",
    "seeds/004_45e1c66551532421.txt", NULL,
};

char *tu_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    size_t cap = 1 << 16, n = 0, k;
    char *buf = malloc(cap + 1);
    assert_non_null(buf);
    while ((k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
            assert_non_null(buf);
        }
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

const char *tu_fixture(const char *rel)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", PP_FIXTURES, rel);
    return path;
}

int tu_eq(const char *s, size_t len, const char *lit)
{
    return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

pp_ctx *tu_ctx;

int tu_ctx_setup(void **state)
{
    (void)state;
    return pp_ctx_new(&tu_ctx) == PP_OK ? 0 : -1;
}

pp_model *tu_model;

int tu_model_setup(void **state)
{
    if (tu_ctx_setup(state) != 0)
        return -1;
    if (pp_model_load(&tu_model, tu_ctx, PP_MODEL_PATH) != PP_OK) {
        fprintf(stderr, "cannot load %s: %s\n", PP_MODEL_PATH, pp_errmsg(tu_ctx));
        return -1;
    }
    return 0;
}

int tu_model_teardown(void **state)
{
    pp_model_free(tu_model);
    tu_model = NULL;
    return tu_ctx_teardown(state);
}

int tu_ctx_teardown(void **state)
{
    (void)state;
    pp_ctx_free(tu_ctx);
    tu_ctx = NULL;
    return 0;
}

pp_record *tu_parse_clean(const char *text)
{
    pp_record *r = NULL;
    pp_parse_options o = PP_PARSE_OPTIONS_INIT;
    o.restore = 0;
    assert_int_equal(pp_parse(&r, tu_ctx, NULL, text, strlen(text), &o), PP_OK);
    assert_non_null(r);
    return r;
}

void tu_assert_str(const char *got, const char *want)
{
    if (!want) {
        if (got)
            fail_msg("got \"%s\", want null", got);
        return;
    }
    if (!got || strcmp(got, want) != 0)
        fail_msg("got \"%s\", want \"%s\"", got ? got : "(null)", want);
}

int tu_has_warning(const pp_record *r, const char *part)
{
    for (size_t i = 0; i < pp_record_warning_count(r); i++)
        if (strstr(pp_record_warning(r, i), part))
            return 1;
    return 0;
}
