/*
 * JNI side of dev.ferry.lustre.KernelCopy: copies a byte range between two files inside the
 * kernel (copy_file_range(2)), visiting only the source's data segments (lseek SEEK_DATA /
 * SEEK_HOLE), so holes stay holes and no byte passes through user space. This is what
 * cp --sparse=auto does. Needs only libc; independent of liblustreapi.
 *
 * Returns 1 when the last byte of the range was written, 0 when the range ends in a hole that
 * was skipped (the caller sets the final length), or a negative errno. SHORT_SOURCE (below)
 * means the source ended before the range did (it changed while being copied).
 */
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dev_ferry_lustre_KernelCopy.h"

/* Outside the errno range; the same value as KernelCopy.SHORT_SOURCE. */
#define SHORT_SOURCE (-100000)
/* Largest single request: progress is reported between calls, and it keeps each call short. */
#define MAX_STEP ((size_t)1 << 30)

struct range {
    int in, out;
    off_t end;
};

/* 1 when copy_file_range(2) cannot be used between these two files, so sendfile(2) is tried. */
static int unsupported(int err) {
    return err == EXDEV || err == ENOSYS || err == EOPNOTSUPP || err == EINVAL;
}

/* Copies [pos, until) of data; returns 0 or a negative errno / SHORT_SOURCE. */
static int copy_data(const struct range *r, off_t pos, off_t until, int *use_sendfile) {
    while (pos < until) {
        size_t want = (size_t)(until - pos) < MAX_STEP ? (size_t)(until - pos) : MAX_STEP;
        ssize_t n;
        if (!*use_sendfile) {
            off_t in_off = pos, out_off = pos;
            n = copy_file_range(r->in, &in_off, r->out, &out_off, want, 0);
            if (n < 0 && unsupported(errno)) {
                *use_sendfile = 1; /* e.g. across filesystems on kernels before 5.3 / after 5.18 */
                continue;
            }
        } else {
            /* sendfile writes at the output's file position: set it (each call owns its fds). */
            if (lseek(r->out, pos, SEEK_SET) < 0) return -errno;
            off_t in_off = pos;
            n = sendfile(r->out, r->in, &in_off, want);
        }
        if (n < 0) {
            if (errno == EINTR) continue;
            return -errno;
        }
        if (n == 0) return SHORT_SOURCE;
        pos += n;
    }
    return 0;
}

/* Where the next data segment at or after pos starts: pos itself, r->end when none, or < 0. */
static off_t next_data(const struct range *r, off_t pos) {
    off_t data = lseek(r->in, pos, SEEK_DATA);
    if (data >= 0) return data < r->end ? data : r->end;
    if (errno != ENXIO) return -errno;
    /* No data after pos: a trailing hole, unless the file shrank below the range. */
    struct stat st;
    if (fstat(r->in, &st) != 0) return -errno;
    return st.st_size >= r->end ? r->end : SHORT_SOURCE;
}

static int copy_range(const struct range *r, off_t offset, int sparse) {
    struct stat st;
    if (fstat(r->in, &st) != 0) return -errno;
    if (st.st_size < r->end) return SHORT_SOURCE;
    int use_sendfile = 0;
    if (!sparse) {
        int rc = copy_data(r, offset, r->end, &use_sendfile);
        return rc < 0 ? rc : 1;
    }
    off_t pos = offset;
    int last_written = 0;
    while (pos < r->end) {
        off_t data = next_data(r, pos);
        if (data < 0) return (int)data;
        if (data >= r->end) break;
        off_t hole = lseek(r->in, data, SEEK_HOLE);
        if (hole < 0) return -errno;
        if (hole > r->end) hole = r->end;
        int rc = copy_data(r, data, hole, &use_sendfile);
        if (rc < 0) return rc;
        last_written = hole == r->end;
        pos = hole;
    }
    return last_written;
}

static char *path_of(JNIEnv *env, jbyteArray bytes) {
    jsize n = (*env)->GetArrayLength(env, bytes);
    char *s = malloc((size_t)n + 1);
    if (s == NULL) return NULL;
    (*env)->GetByteArrayRegion(env, bytes, 0, n, (jbyte *)s);
    s[n] = '\0';
    return s;
}

JNIEXPORT jint JNICALL Java_dev_ferry_lustre_KernelCopy_copyRange(JNIEnv *env, jclass cls,
                                                                   jbyteArray source,
                                                                   jbyteArray target,
                                                                   jlong offset, jlong length,
                                                                   jboolean sparse) {
    (void)cls;
    if (offset < 0 || length < 0) return -EINVAL;
    if (length == 0) return 1;
    char *src = path_of(env, source);
    char *dst = path_of(env, target);
    int rc = -ENOMEM;
    if (src != NULL && dst != NULL) {
        /* Never follow a link: the source is lstat'ed by the caller, the target is its own
         * temporary file (created O_EXCL), opened without O_CREAT. */
        int in = open(src, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        int out = in < 0 ? -1 : open(dst, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
        if (in < 0 || out < 0) {
            rc = -errno;
        } else {
            struct range r = {in, out, (off_t)(offset + length)};
            rc = copy_range(&r, (off_t)offset, sparse == JNI_TRUE);
        }
        if (out >= 0 && close(out) != 0 && rc >= 0) rc = -errno; /* a late write error */
        if (in >= 0) close(in);
    }
    free(src);
    free(dst);
    return rc;
}
