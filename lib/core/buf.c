/* buf.c - growable byte buffer and array with checked allocation. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int ppi_buf_reserve(ppi_buf *b, size_t extra)
{
    /* +1 keeps room for the terminating NUL added by ppi_buf_finish */
    if (extra > SIZE_MAX - b->len - 1)
        return PP_ERR_NOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return PP_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *d = realloc(b->data, cap);
    if (!d)
        return PP_ERR_NOMEM;
    b->data = d;
    b->cap = cap;
    return PP_OK;
}

int ppi_buf_append(ppi_buf *b, const void *data, size_t len)
{
    int rc = ppi_buf_reserve(b, len);
    if (rc)
        return rc;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    return PP_OK;
}

int ppi_buf_putc(ppi_buf *b, char c)
{
    return ppi_buf_append(b, &c, 1);
}

int ppi_buf_finish(ppi_buf *b, char **out, size_t *out_len)
{
    int rc = ppi_buf_reserve(b, 0);
    if (rc)
        return rc;
    b->data[b->len] = '\0';
    *out = b->data;
    if (out_len)
        *out_len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return PP_OK;
}

void ppi_buf_free(ppi_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void *ppi_grow(void *data, size_t *cap, size_t elem, size_t first)
{
    size_t n = *cap ? *cap : first / 2;
    if (!elem || n > SIZE_MAX / 2 / elem)
        return NULL;
    void *d = realloc(data, 2 * n * elem);
    if (d)
        *cap = 2 * n;
    return d;
}

void *ppi_vec_push(ppi_vec *v, const void *e)
{
    if (v->n == v->cap) {
        void *d = ppi_grow(v->data, &v->cap, v->elem, 8);
        if (!d)
            return NULL;
        v->data = d;
    }
    void *at = (char *)v->data + v->n * v->elem;
    memcpy(at, e, v->elem);
    v->n++;
    return at;
}

void ppi_vec_free(ppi_vec *v)
{
    free(v->data);
    v->data = NULL;
    v->n = v->cap = 0;
}
