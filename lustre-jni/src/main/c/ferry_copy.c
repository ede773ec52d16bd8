/*
 * JNI side of dev.ferry.lustre.KernelCopy: copies a byte range between two files inside the
 * kernel (copy_file_range(2)), visiting only the source's data segments (lseek SEEK_DATA /
 * SEEK_HOLE), so holes stay holes and no byte passes through user space. This is what
 * cp --sparse=auto does. Needs only libc; independent of liblustreapi.
 *
 * Returns 1 when the last byte of the range was written, 0 when the range ends in a hole that
 * was skipped (the caller sets the final length), or a negative errno. SHORT_SOURCE (below)
 * means the source ended before the range did (it changed while being copied).
 *
 * copyNew copies a whole small file into a new file and sets its owner, mode and times on the
 * open descriptor: the path-based calls it replaces (chmod, an open for utimensat, llistxattr by
 * path) cost about a quarter of the kernel time of copying a small file.
 */
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
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

/* Steps of copyNew, for the caller to tell whose path a failure is about. */
#define STEP_SOURCE 1
#define STEP_TARGET 2
#define STEP_COPY 3
#define STEP_METADATA 4
/* copyNew's result when an xattr was found and no metadata was set. */
#define METADATA_LEFT 1
/* The errno copyNew reports for SHORT_SOURCE (no errno is this large; KernelCopy.java agrees). */
#define SHORT_SOURCE_ERRNO 9999

static int failure(int step, int err) { return -(step * 1000000 + err); }

/* Owner, mode and times on the open descriptor, times last (the others change only ctime). */
static int set_metadata(int out, jint mode, jint uid, jint gid, jboolean times, jlong atime_ns,
                        jlong mtime_ns) {
    if ((uid != -1 || gid != -1) && fchown(out, (uid_t)uid, (gid_t)gid) != 0) return -errno;
    if (fchmod(out, (mode_t)mode) != 0) return -errno; /* after fchown, which clears setuid */
    if (times == JNI_TRUE) {
        struct timespec ts[2] = {{atime_ns / 1000000000, atime_ns % 1000000000},
                                 {mtime_ns / 1000000000, mtime_ns % 1000000000}};
        if (ts[0].tv_nsec < 0) ts[0].tv_sec--, ts[0].tv_nsec += 1000000000;
        if (ts[1].tv_nsec < 0) ts[1].tv_sec--, ts[1].tv_nsec += 1000000000;
        if (futimens(out, ts) != 0) return -errno;
    }
    return 0;
}

static int has_xattrs(int fd) {
    ssize_t n = flistxattr(fd, NULL, 0);
    return n < 0 ? (errno == ENOTSUP ? 0 : -errno) : n > 0;
}

/* The body of copyNew once both descriptors are open. */
static int copy_into_new(int in, int out, jlong size, jboolean sparse, jint mode, jint uid,
                         jint gid, jboolean times, jlong atime_ns, jlong mtime_ns,
                         jboolean check_xattrs) {
    if (size > 0) {
        struct range r = {in, out, (off_t)size};
        int rc = copy_range(&r, 0, sparse == JNI_TRUE);
        if (rc < 0) return failure(STEP_COPY, rc == SHORT_SOURCE ? SHORT_SOURCE_ERRNO : -rc);
        if (rc == 0 && ftruncate(out, (off_t)size) != 0) return failure(STEP_COPY, errno);
    }
    if (check_xattrs == JNI_TRUE) {
        int src = has_xattrs(in);
        int dst = src < 0 ? 0 : has_xattrs(out);
        if (src < 0 || dst < 0) return failure(STEP_METADATA, src < 0 ? -src : -dst);
        if (src || dst) return METADATA_LEFT;
    }
    int rc = set_metadata(out, mode, uid, gid, times, atime_ns, mtime_ns);
    return rc < 0 ? failure(STEP_METADATA, -rc) : 0;
}

JNIEXPORT jint JNICALL Java_dev_ferry_lustre_KernelCopy_copyNewFile(
    JNIEnv *env, jclass cls, jbyteArray source, jbyteArray target, jlong size, jboolean sparse,
    jint mode, jint uid, jint gid, jboolean times, jlong atime_ns, jlong mtime_ns,
    jboolean check_xattrs) {
    (void)cls;
    if (size < 0) return failure(STEP_COPY, EINVAL);
    char *src = path_of(env, source);
    char *dst = path_of(env, target);
    int rc = failure(STEP_SOURCE, ENOMEM);
    if (src != NULL && dst != NULL) {
        int in = open(src, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        int out = -1;
        if (in < 0) {
            rc = failure(STEP_SOURCE, errno);
        } else if ((out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)) <
                   0) {
            rc = failure(STEP_TARGET, errno);
        } else {
            rc = copy_into_new(in, out, size, sparse, mode, uid, gid, times, atime_ns, mtime_ns,
                               check_xattrs);
        }
        if (out >= 0 && close(out) != 0 && rc >= 0) rc = failure(STEP_COPY, errno);
        if (in >= 0) close(in);
    }
    free(src);
    free(dst);
    return rc;
}
