/* testutil.h - helpers shared by the unit tests. */
#ifndef PP_TESTUTIL_H
#define PP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* Reads a whole file; fails the test when it cannot. Free with free(). */
char *tu_read_file(const char *path, size_t *len);
/* Path of a file under tests/fixtures (static buffer). */
const char *tu_fixture(const char *rel);
/* Paths of the five seed documents, NULL-terminated. */
extern const char *const tu_seed_files[];
/* A pp_ctx for a test group: cmocka group setup/teardown that fill and
   free tu_ctx. */
struct pp_ctx;
extern struct pp_ctx *tu_ctx;
int tu_ctx_setup(void **state);
int tu_ctx_teardown(void **state);
/* The built model and a context to use it with, for a test group:
   cmocka group setup/teardown that fill and free tu_model and tu_ctx
   (a model that cannot be loaded is reported and fails the group). */
struct pp_model;
extern struct pp_model *tu_model;
int tu_model_setup(void **state);
int tu_model_teardown(void **state);
/* pp_parse of text known to be correct (no model, no restoration); fails
   the test when it does not parse. Free with pp_record_free(). */
struct pp_record;
struct pp_record *tu_parse_clean(const char *text);
/* Fails the test unless got is want (both NULL counts as equal). */
void tu_assert_str(const char *got, const char *want);
/* 1 if one of r's warnings contains part. */
int tu_has_warning(const struct pp_record *r, const char *part);
/* 1 if s has exactly the bytes of lit */
int tu_eq(const char *s, size_t len, const char *lit);

#endif
