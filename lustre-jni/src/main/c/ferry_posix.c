/*
 * JNI side of dev.ferry.lustre.PosixNative: the few POSIX calls Java has no way to make.
 *
 * Raw extended attributes of any namespace on any kind of entry, never following a symlink
 * (l*xattr), nanosecond times of an entry without opening or following it (utimensat with
 * AT_SYMLINK_NOFOLLOW), mknod(2), and syncfs(2). Paths and attribute names arrive as the raw bytes the
 * kernel sees, never decoded. Links only libc. Every int result below zero is a negative errno;
 * byte[] results are null on failure with the errno in err[0]. Nothing here throws or prints.
 */
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "dev_ferry_lustre_PosixNative.h"

/* A NUL-terminated copy of a Java byte[]; NULL when out of memory. */
static char *cstring(JNIEnv *env, jbyteArray bytes) {
    jsize n = (*env)->GetArrayLength(env, bytes);
    char *s = malloc((size_t)n + 1);
    if (s == NULL) return NULL;
    (*env)->GetByteArrayRegion(env, bytes, 0, n, (jbyte *)s);
    s[n] = '\0';
    return s;
}

static jbyteArray to_java(JNIEnv *env, const char *buf, ssize_t n) {
    jbyteArray out = (*env)->NewByteArray(env, (jsize)n);
    if (out != NULL && n > 0) (*env)->SetByteArrayRegion(env, out, 0, (jsize)n, (const jbyte *)buf);
    return out;
}

static void set_errno(JNIEnv *env, jintArray err, int value) {
    jint v = value;
    (*env)->SetIntArrayRegion(env, err, 0, 1, &v);
}

/*
 * Calls fetch(path, name, buf, size) the way the *xattr calls want: once for the size, then into
 * a buffer of that size, again when the value grew in between (ERANGE).
 */
typedef ssize_t (*fetch_fn)(const char *, const char *, char *, size_t);

static ssize_t list_fetch(const char *path, const char *unused, char *buf, size_t size) {
    (void)unused;
    return llistxattr(path, buf, size);
}

static ssize_t get_fetch(const char *path, const char *name, char *buf, size_t size) {
    return lgetxattr(path, name, buf, size);
}

static jbyteArray fetch_all(JNIEnv *env, fetch_fn fetch, const char *path, const char *name,
                            jintArray err) {
    for (int attempt = 0; attempt < 8; attempt++) {
        ssize_t size = fetch(path, name, NULL, 0);
        if (size < 0) {
            set_errno(env, err, errno);
            return NULL;
        }
        if (size == 0) return (*env)->NewByteArray(env, 0); /* the common case: no xattrs */
        char *buf = malloc(size > 0 ? (size_t)size : 1);
        if (buf == NULL) {
            set_errno(env, err, ENOMEM);
            return NULL;
        }
        ssize_t n = fetch(path, name, buf, (size_t)size);
        if (n >= 0) {
            jbyteArray out = to_java(env, buf, n);
            free(buf);
            return out;
        }
        int e = errno;
        free(buf);
        if (e != ERANGE) {
            set_errno(env, err, e);
            return NULL;
        }
    }
    set_errno(env, err, ERANGE);
    return NULL;
}

JNIEXPORT jbyteArray JNICALL Java_dev_ferry_lustre_PosixNative_listXattrs(JNIEnv *env, jclass cls,
                                                                          jbyteArray path,
                                                                          jintArray err) {
    (void)cls;
    char *p = cstring(env, path);
    if (p == NULL) {
        set_errno(env, err, ENOMEM);
        return NULL;
    }
    jbyteArray out = fetch_all(env, list_fetch, p, NULL, err);
    free(p);
    return out;
}

JNIEXPORT jbyteArray JNICALL Java_dev_ferry_lustre_PosixNative_getXattr(JNIEnv *env, jclass cls,
                                                                        jbyteArray path,
                                                                        jbyteArray name,
                                                                        jintArray err) {
    (void)cls;
    char *p = cstring(env, path);
    char *n = cstring(env, name);
    jbyteArray out = NULL;
    if (p == NULL || n == NULL) {
        set_errno(env, err, ENOMEM);
    } else {
        out = fetch_all(env, get_fetch, p, n, err);
    }
    free(p);
    free(n);
    return out;
}

JNIEXPORT jint JNICALL Java_dev_ferry_lustre_PosixNative_setXattr(JNIEnv *env, jclass cls,
                                                                  jbyteArray path, jbyteArray name,
                                                                  jbyteArray value) {
    (void)cls;
    char *p = cstring(env, path);
    char *n = cstring(env, name);
    jsize len = (*env)->GetArrayLength(env, value);
    char *v = malloc(len > 0 ? (size_t)len : 1);
    int rc = -ENOMEM;
    if (p != NULL && n != NULL && v != NULL) {
        (*env)->GetByteArrayRegion(env, value, 0, len, (jbyte *)v);
        rc = lsetxattr(p, n, v, (size_t)len, 0) == 0 ? 0 : -errno;
    }
    free(p);
    free(n);
    free(v);
    return rc;
}

JNIEXPORT jint JNICALL Java_dev_ferry_lustre_PosixNative_removeXattr(JNIEnv *env, jclass cls,
                                                                     jbyteArray path,
                                                                     jbyteArray name) {
    (void)cls;
    char *p = cstring(env, path);
    char *n = cstring(env, name);
    int rc = -ENOMEM;
    if (p != NULL && n != NULL) rc = lremovexattr(p, n) == 0 ? 0 : -errno;
    free(p);
    free(n);
    return rc;
}

JNIEXPORT jint JNICALL Java_dev_ferry_lustre_PosixNative_setTimes(JNIEnv *env, jclass cls,
                                                                  jbyteArray path, jlong atimeSec,
                                                                  jlong atimeNsec, jlong mtimeSec,
                                                                  jlong mtimeNsec) {
    (void)cls;
    char *p = cstring(env, path);
    if (p == NULL) return -ENOMEM;
    struct timespec ts[2] = {{(time_t)atimeSec, (long)atimeNsec}, {(time_t)mtimeSec, (long)mtimeNsec}};
    int rc = utimensat(AT_FDCWD, p, ts, AT_SYMLINK_NOFOLLOW) == 0 ? 0 : -errno;
    free(p);
    return rc;
}

JNIEXPORT jint JNICALL Java_dev_ferry_lustre_PosixNative_mknod(JNIEnv *env, jclass cls,
                                                               jbyteArray path, jint mode,
                                                               jlong rdev) {
    (void)cls;
    char *p = cstring(env, path);
    if (p == NULL) return -ENOMEM;
    int rc = mknod(p, (mode_t)mode, (dev_t)rdev) == 0 ? 0 : -errno;
    free(p);
    return rc;
}

JNIEXPORT jint JNICALL Java_dev_ferry_lustre_PosixNative_syncFilesystem(JNIEnv *env, jclass cls,
                                                                        jbyteArray dir) {
    (void)cls;
    char *p = cstring(env, dir);
    if (p == NULL) return -ENOMEM;
    /* O_DIRECTORY | O_NOFOLLOW: only ever the target root itself, never through a planted link. */
    int fd = open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    free(p);
    if (fd < 0) return -errno;
    int rc = syncfs(fd) == 0 ? 0 : -errno;
    close(fd);
    return rc;
}
