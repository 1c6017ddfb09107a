/* output.h - shared by the record writers (internal). */
#ifndef PP_OUTPUT_H
#define PP_OUTPUT_H

#include "../structure/record.h"

#include <jansson.h>

/* A JSON string, or null for NULL. */
json_t *ppi_json_str_or_null(const char *s);
/* Appends o to the array a, which takes it. When o is NULL or memory runs
   out, frees a and returns NULL; else returns a. */
json_t *ppi_json_append(json_t *a, json_t *o);

/* One extracted list of r as a JSON array (NULL when out of memory). */
json_t *ppi_list_json(const pp_record *r, pp_record_list list);

#endif
