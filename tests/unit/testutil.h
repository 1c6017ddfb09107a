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
/* 1 if s has exactly the bytes of lit */
int tu_eq(const char *s, size_t len, const char *lit);

#endif
