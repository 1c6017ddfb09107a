/* files.c - writing output so that a reader never sees half a file. */
#include "../core/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

static int write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Creates path + ".tmp.<random>" with O_EXCL and mode 0666, so the umask
   applies as for any new file (reading the umask is not thread-safe). */
static int create_temp(const char *path, char **tmp_out)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 32);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    for (int attempt = 0; attempt < 64; attempt++) {
        unsigned long long r = 0;
        if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
            r = (unsigned long long)getpid() * 1000003ULL + (unsigned long long)attempt;
        snprintf(tmp, plen + 32, "%s.tmp.%016llx", path, r);
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *tmp_out = tmp;
            return fd;
        }
        if (errno != EEXIST)
            break;
    }
    int saved = errno;
    free(tmp);
    errno = saved;
    return -1;
}

int pp_write_file_atomic(pp_ctx *ctx, const char *path, const void *data, size_t len)
{
    ppi_ctx_reset(ctx);
    if (!path || !*path || (!data && len))
        return ppi_fail(ctx, PP_ERR_ARG, "pp_write_file_atomic: NULL argument");
    char *tmp = NULL;
    int fd = create_temp(path, &tmp);
    if (fd < 0)
        return ppi_fail(ctx, PP_ERR_IO, "%s: cannot create a temporary file beside it: %s",
                        path, strerror(errno));
    const char *step = NULL;
    int saved = 0;
    if (write_all(fd, data, len) != 0)
        step = "write";
    else if (fsync(fd) != 0)
        step = "flush";
    if (step)
        saved = errno;
    if (close(fd) != 0 && !step) {
        step = "close";
        saved = errno;
    }
    if (!step && rename(tmp, path) != 0) {
        step = "rename into place";
        saved = errno;
    }
    int rc = PP_OK;
    if (step) {
        unlink(tmp);
        rc = ppi_fail(ctx, PP_ERR_IO, "%s: cannot %s the output: %s", path, step, strerror(saved));
    }
    free(tmp);
    return rc;
}
