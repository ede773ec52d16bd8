/*
 * JNI side of dev.ferry.lustre.LustreNative.
 *
 * This library links only libc and libdl. liblustreapi is opened at run time with dlopen(), so
 * the same binary runs on machines without Lustre; the Lustre structs are opaque here and the
 * prototypes below are copied from lustreapi.h (Lustre 2.10 and later), so no Lustre headers
 * are needed to build it.
 *
 * Every function returns a negative errno on failure; Java turns it into an exception. Nothing
 * here throws, prints or exits.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "dev_ferry_lustre_LustreNative.h"

struct llapi_layout; /* opaque */

#define LLAPI_LAYOUT_DEFAULT 0x1000000000000002ULL
#define LLAPI_LAYOUT_MDT 2ULL
#define LLAPI_LAYOUT_COMP_USE_FIRST 1
#define LLAPI_LAYOUT_COMP_USE_NEXT 3
#define LLAPI_MSG_OFF 0
#define POOL_NAME_MAX 16 /* LOV_MAXPOOLNAME + 1 */

/* Fields of one component as exchanged with Java (see LayoutComponent.toLongs). */
enum { F_START, F_END, F_COUNT, F_SIZE, F_PATTERN, F_OST0, FIELDS };

/* The functions ferry uses, resolved once per library path. Lives as long as the process. */
struct api {
    void (*msg_set_level)(int);
    struct llapi_layout *(*get_by_path)(const char *, int);
    struct llapi_layout *(*alloc)(void);
    void (*free)(struct llapi_layout *);
    int (*stripe_count_get)(const struct llapi_layout *, uint64_t *);
    int (*stripe_count_set)(struct llapi_layout *, uint64_t);
    int (*stripe_size_get)(const struct llapi_layout *, uint64_t *);
    int (*stripe_size_set)(struct llapi_layout *, uint64_t);
    int (*pattern_get)(const struct llapi_layout *, uint64_t *);
    int (*pattern_set)(struct llapi_layout *, uint64_t);
    int (*ost_index_get)(const struct llapi_layout *, uint64_t, uint64_t *);
    int (*ost_index_set)(struct llapi_layout *, int, uint64_t);
    int (*pool_name_get)(const struct llapi_layout *, char *, size_t);
    int (*pool_name_set)(struct llapi_layout *, const char *);
    _Bool (*is_composite)(struct llapi_layout *);
    int (*comp_use)(struct llapi_layout *, uint32_t);
    int (*comp_add)(struct llapi_layout *);
    int (*comp_extent_get)(const struct llapi_layout *, uint64_t *, uint64_t *);
    int (*comp_extent_set)(struct llapi_layout *, uint64_t, uint64_t);
    int (*file_create)(const char *, int, int, const struct llapi_layout *);
    int (*dir_create_pool)(const char *, int, int, int, int, const char *);
    int (*fget_mdtidx)(int, int *);
};

struct symbol {
    const char *name;
    size_t offset;
};

#define SYM(field, name) {name, offsetof(struct api, field)}
static const struct symbol symbols[] = {
    SYM(msg_set_level, "llapi_msg_set_level"),
    SYM(get_by_path, "llapi_layout_get_by_path"),
    SYM(alloc, "llapi_layout_alloc"),
    SYM(free, "llapi_layout_free"),
    SYM(stripe_count_get, "llapi_layout_stripe_count_get"),
    SYM(stripe_count_set, "llapi_layout_stripe_count_set"),
    SYM(stripe_size_get, "llapi_layout_stripe_size_get"),
    SYM(stripe_size_set, "llapi_layout_stripe_size_set"),
    SYM(pattern_get, "llapi_layout_pattern_get"),
    SYM(pattern_set, "llapi_layout_pattern_set"),
    SYM(ost_index_get, "llapi_layout_ost_index_get"),
    SYM(ost_index_set, "llapi_layout_ost_index_set"),
    SYM(pool_name_get, "llapi_layout_pool_name_get"),
    SYM(pool_name_set, "llapi_layout_pool_name_set"),
    SYM(is_composite, "llapi_layout_is_composite"),
    SYM(comp_use, "llapi_layout_comp_use"),
    SYM(comp_add, "llapi_layout_comp_add"),
    SYM(comp_extent_get, "llapi_layout_comp_extent_get"),
    SYM(comp_extent_set, "llapi_layout_comp_extent_set"),
    SYM(file_create, "llapi_layout_file_create"),
    SYM(dir_create_pool, "llapi_dir_create_pool"),
    SYM(fget_mdtidx, "llapi_file_fget_mdtidx"),
};

static struct api *api_of(jlong handle) { return (struct api *)(intptr_t)handle; }

static int neg_errno(int fallback) { return errno > 0 ? -errno : -fallback; }

/* Copies a Java byte[] path into a NUL-terminated C string; NULL (ENOMEM) on failure. */
static char *path_of(JNIEnv *env, jbyteArray bytes) {
    jsize n = (*env)->GetArrayLength(env, bytes);
    char *s = malloc((size_t)n + 1);
    if (s == NULL) return NULL;
    (*env)->GetByteArrayRegion(env, bytes, 0, n, (jbyte *)s);
    s[n] = '\0';
    return s;
}

static void set_message(JNIEnv *env, jobjectArray out, const char *message) {
    jstring s = (*env)->NewStringUTF(env, message);
    if (s != NULL) (*env)->SetObjectArrayElement(env, out, 0, s);
}

JNIEXPORT jlong JNICALL Java_dev_ferry_lustre_LustreNative_fsType(JNIEnv *env, jclass cls,
                                                                    jbyteArray path) {
    (void)cls;
    char *p = path_of(env, path);
    if (p == NULL) return -ENOMEM;
    struct statfs st;
    int rc = statfs(p, &st);
    free(p);
    return rc == 0 ? (jlong)(unsigned long)st.f_type : neg_errno(EIO);
}

JNIEXPORT jstring JNICALL Java_dev_ferry_lustre_LustreNative_strerror(JNIEnv *env, jclass cls,
                                                                       jint err) {
    (void)cls;
    char buf[256];
    /* GNU strerror_r may return a static string instead of filling buf. */
    const char *text = strerror_r(err, buf, sizeof buf);
    return (*env)->NewStringUTF(env, text);
}

JNIEXPORT jlong JNICALL Java_dev_ferry_lustre_LustreNative_open(JNIEnv *env, jclass cls,
                                                                  jbyteArray library,
                                                                  jobjectArray error) {
    (void)cls;
    char *name = path_of(env, library);
    if (name == NULL) return 0;
    void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    free(name);
    if (h == NULL) {
        const char *why = dlerror();
        set_message(env, error, why != NULL ? why : "dlopen failed");
        return 0;
    }
    struct api *a = calloc(1, sizeof *a);
    if (a == NULL) {
        dlclose(h);
        set_message(env, error, "out of memory");
        return 0;
    }
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
        void *f = dlsym(h, symbols[i].name);
        if (f == NULL) {
            char msg[160];
            snprintf(msg, sizeof msg, "%s is missing (Lustre 2.10 or later is needed)",
                     symbols[i].name);
            set_message(env, error, msg);
            free(a);
            dlclose(h);
            return 0;
        }
        memcpy((char *)a + symbols[i].offset, &f, sizeof f);
    }
    /* The library prints its own errors on stderr; ferry reports them itself, once. */
    a->msg_set_level(LLAPI_MSG_OFF);
    return (jlong)(intptr_t)a;
}

JNIEXPORT jstring JNICALL Java_dev_ferry_lustre_LustreNative_loadedFrom(JNIEnv *env, jclass cls,
                                                                         jlong handle) {
    (void)cls;
    Dl_info info;
    void *f;
    memcpy(&f, &api_of(handle)->get_by_path, sizeof f);
    if (dladdr(f, &info) == 0 || info.dli_fname == NULL) return NULL;
    return (*env)->NewStringUTF(env, info.dli_fname);
}

/* Reads the current component into out[0..FIELDS) and its pool into pools[index]. */
static int read_component(JNIEnv *env, struct api *a, struct llapi_layout *l, int composite,
                          jlong *out, jobjectArray pools, jsize index) {
    uint64_t start = 0, end = UINT64_MAX, count, size, pattern, ost0;
    if (composite && a->comp_extent_get(l, &start, &end) < 0) return neg_errno(EINVAL);
    if (a->stripe_count_get(l, &count) < 0) return neg_errno(EINVAL);
    if (a->stripe_size_get(l, &size) < 0) return neg_errno(EINVAL);
    if (a->pattern_get(l, &pattern) < 0) return neg_errno(EINVAL);
    /* Not instantiated yet, or a DoM component: no OST to report. */
    if (a->ost_index_get(l, 0, &ost0) < 0) ost0 = LLAPI_LAYOUT_DEFAULT;
    char pool[POOL_NAME_MAX + 1] = {0};
    if (a->pool_name_get(l, pool, sizeof pool) < 0) pool[0] = '\0';
    out[F_START] = (jlong)start;
    out[F_END] = (jlong)end;
    out[F_COUNT] = (jlong)count;
    out[F_SIZE] = (jlong)size;
    out[F_PATTERN] = (jlong)pattern;
    out[F_OST0] = (jlong)ost0;
    if (pool[0] != '\0') {
        jstring s = (*env)->NewStringUTF(env, pool);
        if (s == NULL) return -ENOMEM;
        (*env)->SetObjectArrayElement(env, pools, index, s);
    }
    return 0;
}

/*
 * Reads the layout of path. out[0] is 1 for a composite layout, then FIELDS longs per
 * component; pools[i] is component i's pool or null. Returns the component count or -errno.
 */
JNIEXPORT jint JNICALL Java_dev_ferry_lustre_LustreNative_readLayout(JNIEnv *env, jclass cls,
                                                                       jlong handle,
                                                                       jbyteArray path,
                                                                       jlongArray out,
                                                                       jobjectArray pools) {
    (void)cls;
    struct api *a = api_of(handle);
    char *p = path_of(env, path);
    if (p == NULL) return -ENOMEM;
    struct llapi_layout *l = a->get_by_path(p, 0);
    int saved = errno;
    free(p);
    if (l == NULL) return saved > 0 ? -saved : -EIO;
    jsize capacity = (*env)->GetArrayLength(env, pools);
    jlong values[1 + FIELDS];
    int composite = a->is_composite(l) ? 1 : 0;
    int n = 0, rc = composite ? a->comp_use(l, LLAPI_LAYOUT_COMP_USE_FIRST) : 0;
    while (rc == 0) {
        if (n == capacity) {
            rc = -E2BIG;
            break;
        }
        rc = read_component(env, a, l, composite, values, pools, n);
        if (rc < 0) break;
        (*env)->SetLongArrayRegion(env, out, 1 + n * FIELDS, FIELDS, values);
        n++;
        rc = composite ? a->comp_use(l, LLAPI_LAYOUT_COMP_USE_NEXT) : 1;
    }
    if (rc == -1) rc = neg_errno(EINVAL);
    a->free(l);
    if (rc < 0) return rc;
    values[0] = composite;
    (*env)->SetLongArrayRegion(env, out, 0, 1, values);
    return n;
}

/*
 * Sets the current component from in[0..FIELDS). The first stripe's OST is always reset to the
 * filesystem's choice: copying the source's index would pin every copy to one OST.
 */
static int fill_component(JNIEnv *env, struct api *a, struct llapi_layout *l, const jlong *in,
                          jstring pool) {
    uint64_t pattern = (uint64_t)in[F_PATTERN];
    if (a->pattern_set(l, pattern) < 0) return neg_errno(EINVAL);
    if (a->stripe_size_set(l, (uint64_t)in[F_SIZE]) < 0) return neg_errno(EINVAL);
    if (pattern == LLAPI_LAYOUT_MDT) return 0; /* Data-on-MDT: no OST objects, no pool. */
    if (a->stripe_count_set(l, (uint64_t)in[F_COUNT]) < 0) return neg_errno(EINVAL);
    if (a->ost_index_set(l, 0, LLAPI_LAYOUT_DEFAULT) < 0) return neg_errno(EINVAL);
    if (pool == NULL) return 0;
    const char *name = (*env)->GetStringUTFChars(env, pool, NULL);
    if (name == NULL) return -ENOMEM;
    int rc = a->pool_name_set(l, name) < 0 ? neg_errno(EINVAL) : 0;
    (*env)->ReleaseStringUTFChars(env, pool, name);
    return rc;
}

static int build_layout(JNIEnv *env, struct api *a, struct llapi_layout *l, jboolean composite,
                        const jlong *in, jint n, jobjectArray pools) {
    for (jint i = 0; i < n; i++) {
        const jlong *c = in + (size_t)i * FIELDS;
        if (i > 0 && a->comp_add(l) < 0) return neg_errno(EINVAL);
        if (composite && a->comp_extent_set(l, (uint64_t)c[F_START], (uint64_t)c[F_END]) < 0)
            return neg_errno(EINVAL);
        jstring pool = (jstring)(*env)->GetObjectArrayElement(env, pools, i);
        int rc = fill_component(env, a, l, c, pool);
        if (pool != NULL) (*env)->DeleteLocalRef(env, pool);
        if (rc < 0) return rc;
    }
    return 0;
}

/* Creates path (which must not exist) with the given layout and closes it. 0 or -errno. */
JNIEXPORT jint JNICALL Java_dev_ferry_lustre_LustreNative_createFile(
    JNIEnv *env, jclass cls, jlong handle, jbyteArray path, jint mode, jboolean composite,
    jlongArray components, jobjectArray pools) {
    (void)cls;
    struct api *a = api_of(handle);
    jint n = (*env)->GetArrayLength(env, components) / FIELDS;
    jlong *in = (*env)->GetLongArrayElements(env, components, NULL);
    if (in == NULL) return -ENOMEM;
    struct llapi_layout *l = a->alloc();
    int rc = l == NULL ? neg_errno(ENOMEM) : build_layout(env, a, l, composite, in, n, pools);
    (*env)->ReleaseLongArrayElements(env, components, in, JNI_ABORT);
    if (rc == 0) {
        char *p = path_of(env, path);
        int fd = p == NULL ? (errno = ENOMEM, -1) : a->file_create(p, O_WRONLY, mode, l);
        rc = fd < 0 ? neg_errno(EIO) : 0;
        free(p);
        if (fd >= 0 && close(fd) < 0) rc = neg_errno(EIO);
    }
    if (l != NULL) a->free(l);
    return rc;
}

/* mkdir on one MDT (mdt = -1 lets Lustre choose). 0 or -errno. */
JNIEXPORT jint JNICALL Java_dev_ferry_lustre_LustreNative_createDirectory(JNIEnv *env, jclass cls,
                                                                            jlong handle,
                                                                            jbyteArray path,
                                                                            jint mode, jint mdt) {
    (void)cls;
    char *p = path_of(env, path);
    if (p == NULL) return -ENOMEM;
    /* Scalars only: the library builds struct llapi_stripe_param itself, whose size varies. */
    int rc = api_of(handle)->dir_create_pool(p, mode, mdt, 1, 0, NULL);
    free(p);
    return rc < 0 ? rc : 0;
}

/* The MDT index a directory (or file) lives on, or -errno. */
JNIEXPORT jint JNICALL Java_dev_ferry_lustre_LustreNative_mdtIndex(JNIEnv *env, jclass cls,
                                                                     jlong handle,
                                                                     jbyteArray path) {
    (void)cls;
    char *p = path_of(env, path);
    if (p == NULL) return -ENOMEM;
    int fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    free(p);
    if (fd < 0) return neg_errno(EIO);
    int index = -1;
    int rc = api_of(handle)->fget_mdtidx(fd, &index);
    close(fd);
    return rc < 0 ? rc : index;
}
