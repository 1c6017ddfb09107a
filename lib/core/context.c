/* context.c - per-thread context: error message and warnings. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pp_ctx_new(pp_ctx **out)
{
    if (!out)
        return PP_ERR_ARG;
    *out = calloc(1, sizeof(pp_ctx));
    return *out ? PP_OK : PP_ERR_NOMEM;
}

static void clear_warnings(pp_ctx *ctx)
{
    for (size_t i = 0; i < ctx->nwarnings; i++)
        free(ctx->warnings[i]);
    ctx->nwarnings = 0;
}

void pp_ctx_free(pp_ctx *ctx)
{
    if (!ctx)
        return;
    clear_warnings(ctx);
    free(ctx->warnings);
    if (ctx->free_restore_cache)
        ctx->free_restore_cache(ctx->restore_cache);
    free(ctx);
}

void ppi_ctx_reset(pp_ctx *ctx)
{
    if (!ctx)
        return;
    ctx->errmsg[0] = '\0';
    clear_warnings(ctx);
}

const char *pp_errmsg(const pp_ctx *ctx)
{
    return ctx ? ctx->errmsg : "no context";
}

size_t pp_warning_count(const pp_ctx *ctx)
{
    return ctx ? ctx->nwarnings : 0;
}

const char *pp_warning(const pp_ctx *ctx, size_t index)
{
    if (!ctx || index >= ctx->nwarnings)
        return NULL;
    return ctx->warnings[index];
}

int ppi_fail(pp_ctx *ctx, int status, const char *fmt, ...)
{
    if (ctx) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ctx->errmsg, sizeof ctx->errmsg, fmt, ap);
        va_end(ap);
    }
    return status;
}

int ppi_warn(pp_ctx *ctx, const char *fmt, ...)
{
    if (!ctx)
        return PP_OK;
    if (ctx->nwarnings == ctx->warnings_cap) {
        char **w = ppi_grow(ctx->warnings, &ctx->warnings_cap, sizeof *w, 8);
        if (!w)
            return PP_ERR_NOMEM;
        ctx->warnings = w;
    }
    char msg[PPI_ERRMSG_CAP];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *copy = strdup(msg);
    if (!copy)
        return PP_ERR_NOMEM;
    ctx->warnings[ctx->nwarnings++] = copy;
    return PP_OK;
}

const char *pp_strerror(int status)
{
    switch (status) {
    case PP_OK: return "success";
    case PP_ERR_NOMEM: return "out of memory";
    case PP_ERR_ARG: return "invalid argument";
    case PP_ERR_INPUT: return "bad input";
    case PP_ERR_IO: return "input/output error";
    case PP_ERR_DATA: return "missing or corrupt data file";
    case PP_ERR_DEPENDENCY: return "a required library failed";
    case PP_ERR_NOT_SYLLABLE: return "not a Vietnamese syllable";
    case PP_ERR_RANGE: return "output buffer too small";
    case PP_ERR_INTERNAL: return "internal error";
    default: return "unknown status code";
    }
}

const char *pp_version(void)
{
    return PP_VERSION_STRING;
}

int ppi_options_init(void *opts, unsigned version, const ppi_options_layout *l)
{
    if (!opts || version < 1 || version > l->current)
        return PP_ERR_ARG;
    memcpy(opts, l->defaults, l->sizes[version - 1]);
    memcpy(opts, &version, sizeof version);
    return PP_OK;
}

int ppi_options_read(void *out, const void *given, const ppi_options_layout *l)
{
    memcpy(out, l->defaults, l->sizes[l->current - 1]);
    if (!given)
        return PP_OK;
    unsigned version;
    memcpy(&version, given, sizeof version);
    if (version < 1 || version > l->current)
        return PP_ERR_ARG;
    memcpy(out, given, l->sizes[version - 1]);
    memcpy(out, &l->current, sizeof l->current);
    return PP_OK;
}

void pp_free(void *ptr)
{
    free(ptr);
}
