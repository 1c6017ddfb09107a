/*
 * extract.c - runs the extractors over a parsed record's text.
 */
#include "extract.h"

#include <string.h>

size_t ppi_x_sections_at(const ppi_xstate *e, size_t line, const pp_section *chain[PPI_MAX_DEPTH])
{
    const pp_section *level = e->rec->sections;
    size_t n = e->rec->nsections, depth = 0;
    while (level && depth < PPI_MAX_DEPTH) {
        const pp_section *hit = NULL;
        for (size_t i = 0; i < n && level[i].line <= line; i++)
            hit = &level[i];
        if (!hit)
            break;
        chain[depth++] = hit;
        level = hit->children;
        n = hit->nchildren;
    }
    return depth;
}

int ppi_extract(pp_record *r, pp_ctx *ctx)
{
    ppi_xstate e = {r, ctx, {0}};
    ppi_xdict dict;
    int rc = ppi_xdict_init(&dict);
    if (rc != PP_OK)
        return rc;
    rc = ppi_xtext_init(&e.x, r->text, strlen(r->text), r->first_line, &dict);
    if (rc == PP_OK)
        rc = ppi_extract_dates(&e);
    if (rc == PP_OK)
        rc = ppi_extract_references(&e);
    if (rc == PP_OK)
        rc = ppi_extract_agencies(&e);
    ppi_xtext_free(&e.x);
    ppi_xdict_free(&dict);
    return rc;
}
