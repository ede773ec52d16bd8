/*
 * JNI side of dev.ferry.lustre.DirScan: lists one directory and lstat()s each entry in C, handing
 * Java many entries per call (names and stat fields in two flat arrays) instead of one JNI call,
 * one path string and one attribute object per entry; and stats single names relative to the
 * open directory (fstatat), so the kernel walks one name instead of the whole path.
 *
 * The directory is opened O_NOFOLLOW|O_DIRECTORY: a symlink is never listed through. Entries are
 * stat'ed with AT_SYMLINK_NOFOLLOW. Names are the raw bytes from readdir, each followed by a NUL.
 * Every int result below zero is a negative errno. Nothing here throws or prints.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dev_ferry_lustre_ScanNative.h"

/* Longs per entry; the order is DirScan's F_* constants. */
#define FIELDS 12
/* A name is at most NAME_MAX (255) bytes; with its NUL it always fits in this much room. */
#define NAME_ROOM 256

struct scan {
    DIR *dir;
    int fd;
};

static void fill(jlong *f, const struct stat *st) {
    f[0] = 0;
    f[1] = (jlong)st->st_mode;
    f[2] = (jlong)st->st_size;
    f[3] = (jlong)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
    f[4] = (jlong)st->st_atim.tv_sec * 1000000000LL + st->st_atim.tv_nsec;
    f[5] = (jlong)st->st_uid;
    f[6] = (jlong)st->st_gid;
    f[7] = (jlong)st->st_dev;
    f[8] = (jlong)st->st_ino;
    f[9] = (jlong)st->st_nlink;
    f[10] = (jlong)st->st_rdev;
    f[11] = (jlong)st->st_ctim.tv_sec * 1000000000LL + st->st_ctim.tv_nsec;
}

/* lstat of name in the directory fd into f; f[0] is 0 or the errno. */
static void stat_at(int fd, const char *name, jlong *f) {
    struct stat st;
    if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        fill(f, &st);
    } else {
        memset(f, 0, FIELDS * sizeof(jlong));
        f[0] = errno;
    }
}

JNIEXPORT jlong JNICALL Java_dev_ferry_lustre_ScanNative_open(JNIEnv *env, jclass cls,
                                                             jbyteArray path, jintArray err) {
    (void)cls;
    jsize n = (*env)->GetArrayLength(env, path);
    char *p = malloc((size_t)n + 1);
    struct scan *s = malloc(sizeof *s);
    jint e = 0;
    if (p == NULL || s == NULL) {
        e = ENOMEM;
    } else {
        (*env)->GetByteArrayRegion(env, path, 0, n, (jbyte *)p);
        p[n] = '\0';
        s->fd = open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (s->fd < 0) {
            e = errno;
        } else if ((s->dir = fdopendir(s->fd)) == NULL) {
            e = errno;
            close(s->fd);
        }
    }
    free(p);
    if (e != 0) {
        free(s);
        (*env)->SetIntArrayRegion(env, err, 0, 1, &e);
        return 0;
    }
    return (jlong)(intptr_t)s;
}

/*
 * The next entries (never "." or ".."), as many as fit: names into names (each NUL-terminated),
 * FIELDS longs each into stats. Returns how many; 0 at the end; a negative errno when readdir
 * failed.
 */
JNIEXPORT jint JNICALL Java_dev_ferry_lustre_ScanNative_next(JNIEnv *env, jclass cls, jlong handle,
                                                            jbyteArray names, jlongArray stats) {
    (void)cls;
    struct scan *s = (struct scan *)(intptr_t)handle;
    jsize room = (*env)->GetArrayLength(env, names);
    jsize max = (*env)->GetArrayLength(env, stats) / FIELDS;
    char *nbuf = malloc((size_t)room);
    jlong *sbuf = malloc((size_t)max * FIELDS * sizeof(jlong));
    if (nbuf == NULL || sbuf == NULL) {
        free(nbuf);
        free(sbuf);
        return -ENOMEM;
    }
    jint count = 0;
    jsize used = 0;
    int rc = 0;
    while (count < max && room - used >= NAME_ROOM) {
        errno = 0;
        struct dirent *d = readdir(s->dir);
        if (d == NULL) {
            rc = errno == 0 ? 0 : -errno;
            break;
        }
        const char *name = d->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
        size_t len = strlen(name);
        memcpy(nbuf + used, name, len + 1);
        used += (jsize)len + 1;
        stat_at(s->fd, name, sbuf + (size_t)count * FIELDS);
        count++;
    }
    if (count > 0) {
        (*env)->SetByteArrayRegion(env, names, 0, used, (const jbyte *)nbuf);
        (*env)->SetLongArrayRegion(env, stats, 0, count * FIELDS, sbuf);
    }
    free(nbuf);
    free(sbuf);
    return rc < 0 && count == 0 ? rc : count;
}

/* lstat of one name (raw bytes; EINVAL for a slash, a NUL, "." or "..") in the open directory
 * into out (FIELDS longs). */
JNIEXPORT void JNICALL Java_dev_ferry_lustre_ScanNative_statAt(JNIEnv *env, jclass cls,
                                                              jlong handle, jbyteArray name,
                                                              jlongArray out) {
    (void)cls;
    struct scan *s = (struct scan *)(intptr_t)handle;
    jsize n = (*env)->GetArrayLength(env, name);
    char buf[NAME_ROOM + 1];
    jlong f[FIELDS];
    memset(f, 0, sizeof f);
    if (n > NAME_ROOM) {
        f[0] = ENAMETOOLONG;
    } else {
        (*env)->GetByteArrayRegion(env, name, 0, n, (jbyte *)buf);
        buf[n] = '\0';
        /* One name, never a path: a slash would let fstatat follow links on the way, a NUL
         * would cut the name short, and "." or ".." are not entries of the directory. */
        int dots = (n == 1 && buf[0] == '.') || (n == 2 && buf[0] == '.' && buf[1] == '.');
        if (n == 0 || dots || memchr(buf, '/', (size_t)n) != NULL ||
            memchr(buf, '\0', (size_t)n) != NULL) {
            f[0] = EINVAL;
        } else {
            stat_at(s->fd, buf, f);
        }
    }
    (*env)->SetLongArrayRegion(env, out, 0, FIELDS, f);
}

JNIEXPORT void JNICALL Java_dev_ferry_lustre_ScanNative_close(JNIEnv *env, jclass cls,
                                                             jlong handle) {
    (void)env;
    (void)cls;
    struct scan *s = (struct scan *)(intptr_t)handle;
    closedir(s->dir); /* closes fd too */
    free(s);
}
