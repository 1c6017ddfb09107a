/* output.h - shared by the record writers (internal). */
#ifndef PP_OUTPUT_H
#define PP_OUTPUT_H

#include "../structure/record.h"

#include <jansson.h>

/* One extracted list of r as a JSON array (NULL when out of memory). */
json_t *ppi_list_json(const pp_record *r, pp_record_list list);

#endif
