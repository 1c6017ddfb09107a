/*
 * extract.c - runs the extractors over a parsed record's text.
 */
#include "extract.h"

#include <stdarg.h>
#include <stdio.h>
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

int ppi_x_warn(ppi_xstate *e, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *kept = ppi_arena_strndup(&e->rec->arena, msg, strlen(msg));
    if (!kept || !ppi_vec_push(&e->rec->warnings, &kept))
        return PP_ERR_NOMEM;
    return ppi_warn(e->ctx, "%s", msg);
}

int ppi_extract(pp_record *r, pp_ctx *ctx)
{
    ppi_xstate e = {r, ctx, {0}};
    int rc = ppi_xtext_init(&e.x, r->text, strlen(r->text), r->first_line);
    if (rc == PP_OK)
        rc = ppi_extract_dates(&e);
    if (rc == PP_OK)
        rc = ppi_extract_references(&e);
    if (rc == PP_OK)
        rc = ppi_extract_agencies(&e);
    ppi_xtext_free(&e.x);
    return rc;
}
