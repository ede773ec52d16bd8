/*
 * A fake liblustreapi.so.1 for tests: the functions ferry uses, with the real ABI (prototypes
 * and special values from lustreapi.h), working on any local filesystem that supports user.*
 * xattrs. It keeps what Lustre would keep in the MDS in two xattrs:
 *
 *   user.fakelustre.lov  a file's layout: "composite N" then one line per component
 *                        "start end count size pattern ost0 requested_offset pool"
 *                        (ost0 = the OST the first stripe was allocated on; requested_offset =
 *                        what the creator asked for, DEFAULT unless it pinned the OST)
 *   user.fakelustre.lmv  a directory's MDT: "mdt requested"
 *
 * Like the real library, llapi_layout_get_by_path() reports the OST the first stripe lives on,
 * so a copier that feeds the layout straight back pins its copies to that OST, and the test
 * sees it in requested_offset.
 *
 * Environment: FAKE_LUSTRE_POOLS (comma-separated pools that exist; default none),
 * FAKE_LUSTRE_OSTS (OST count, default 8), FAKE_LUSTRE_MDTS (MDT count, default 4).
 * Errors are printed on stderr, as the real library does, unless llapi_msg_set_level(0).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/xattr.h>
#include <unistd.h>

#define LLAPI_LAYOUT_INVALID 0x1000000000000001ULL
#define LLAPI_LAYOUT_DEFAULT (LLAPI_LAYOUT_INVALID + 1)
#define LLAPI_LAYOUT_WIDE (LLAPI_LAYOUT_INVALID + 2)
#define LLAPI_LAYOUT_RAID0 0ULL
#define LLAPI_LAYOUT_MDT 2ULL
#define LLAPI_LAYOUT_OVERSTRIPING 4ULL
#define LUSTRE_EOF UINT64_MAX
#define LOV_MAXPOOLNAME 15
#define MAX_COMPS 128
#define LOV_XATTR "user.fakelustre.lov"
#define LMV_XATTR "user.fakelustre.lmv"

struct comp {
    uint64_t start, end, count, size, pattern, ost0, requested;
    char pool[LOV_MAXPOOLNAME + 1];
};

struct llapi_layout {
    bool composite;
    int n, cur;
    struct comp c[MAX_COMPS];
};

static int msg_level = 4; /* LLAPI_MSG_NORMAL, the real default */
static unsigned next_ost, next_mdt;

static void chatter(const char *fmt, ...) {
    if (msg_level <= 0) return;
    va_list ap;
    va_start(ap, fmt);
    fputs("fake-liblustreapi: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static unsigned env_count(const char *name, unsigned fallback) {
    const char *v = getenv(name);
    return v != NULL && atoi(v) > 0 ? (unsigned)atoi(v) : fallback;
}

static int fail(int err) {
    errno = err;
    return -1;
}

void llapi_msg_set_level(int level) { msg_level = level; }

static void comp_init(struct comp *c, uint64_t start) {
    memset(c, 0, sizeof *c);
    c->start = start;
    c->end = LUSTRE_EOF;
    c->count = c->size = c->pattern = c->ost0 = c->requested = LLAPI_LAYOUT_DEFAULT;
}

struct llapi_layout *llapi_layout_alloc(void) {
    struct llapi_layout *l = calloc(1, sizeof *l);
    if (l == NULL) return NULL;
    l->n = 1;
    comp_init(&l->c[0], 0);
    return l;
}

void llapi_layout_free(struct llapi_layout *l) { free(l); }

static struct comp *cur(const struct llapi_layout *l) {
    if (l == NULL) {
        errno = EINVAL;
        return NULL;
    }
    return (struct comp *)&l->c[l->cur];
}

struct llapi_layout *llapi_layout_get_by_path(const char *path, int flags) {
    (void)flags;
    char buf[8192];
    struct stat st;
    if (stat(path, &st) < 0) return NULL;
    struct llapi_layout *l = llapi_layout_alloc();
    if (l == NULL) return NULL;
    ssize_t len = getxattr(path, LOV_XATTR, buf, sizeof buf - 1);
    if (len < 0) { /* A file the fake did not create: the filesystem default. */
        l->c[0].count = 1;
        l->c[0].size = 1 << 20;
        l->c[0].pattern = LLAPI_LAYOUT_RAID0;
        l->c[0].ost0 = 0;
        return l;
    }
    buf[len] = '\0';
    int composite, used;
    char *p = buf;
    if (sscanf(p, "composite %d\n%n", &composite, &used) != 1) goto corrupt;
    l->composite = composite;
    l->n = 0;
    for (p += used; *p != '\0' && l->n < MAX_COMPS; p += used) {
        struct comp *c = &l->c[l->n++];
        char pool[LOV_MAXPOOLNAME + 1];
        if (sscanf(p, "%lu %lu %lu %lu %lu %lu %lu %15s\n%n", &c->start, &c->end, &c->count,
                   &c->size, &c->pattern, &c->ost0, &c->requested, pool, &used) != 8)
            goto corrupt;
        strcpy(c->pool, strcmp(pool, "-") == 0 ? "" : pool);
    }
    if (l->n == 0) goto corrupt;
    return l;
corrupt:
    free(l);
    chatter("%s: corrupt layout xattr", path);
    errno = EIO;
    return NULL;
}

int llapi_layout_stripe_count_get(const struct llapi_layout *l, uint64_t *v) {
    struct comp *c = cur(l);
    if (c == NULL || v == NULL) return fail(EINVAL);
    *v = c->count;
    return 0;
}

int llapi_layout_stripe_count_set(struct llapi_layout *l, uint64_t v) {
    struct comp *c = cur(l);
    /* Same validity rule as the real llapi_layout_stripe_count_is_valid(). */
    bool valid = v == LLAPI_LAYOUT_DEFAULT || v == LLAPI_LAYOUT_WIDE || (v != 0 && v <= 2000);
    if (c == NULL || !valid) return fail(EINVAL);
    c->count = v;
    return 0;
}

int llapi_layout_stripe_size_get(const struct llapi_layout *l, uint64_t *v) {
    struct comp *c = cur(l);
    if (c == NULL || v == NULL) return fail(EINVAL);
    *v = c->size;
    return 0;
}

int llapi_layout_stripe_size_set(struct llapi_layout *l, uint64_t v) {
    struct comp *c = cur(l);
    bool valid = v == LLAPI_LAYOUT_DEFAULT || (v != 0 && v % 65536 == 0 && v <= (4ULL << 30));
    if (c == NULL || !valid) return fail(EINVAL);
    c->size = v;
    return 0;
}

int llapi_layout_pattern_get(const struct llapi_layout *l, uint64_t *v) {
    struct comp *c = cur(l);
    if (c == NULL || v == NULL) return fail(EINVAL);
    *v = c->pattern;
    return 0;
}

int llapi_layout_pattern_set(struct llapi_layout *l, uint64_t v) {
    struct comp *c = cur(l);
    bool valid = v == LLAPI_LAYOUT_DEFAULT || v == LLAPI_LAYOUT_RAID0 || v == LLAPI_LAYOUT_MDT ||
                 v == LLAPI_LAYOUT_OVERSTRIPING;
    if (c == NULL || !valid) return fail(EINVAL);
    c->pattern = v;
    return 0;
}

int llapi_layout_ost_index_get(const struct llapi_layout *l, uint64_t stripe, uint64_t *v) {
    struct comp *c = cur(l);
    if (c == NULL || v == NULL || stripe != 0 || c->ost0 == LLAPI_LAYOUT_DEFAULT)
        return fail(EINVAL);
    *v = c->ost0;
    return 0;
}

int llapi_layout_ost_index_set(struct llapi_layout *l, int stripe, uint64_t v) {
    struct comp *c = cur(l);
    if (c == NULL || stripe < 0) return fail(EINVAL);
    if (stripe != 0) return fail(EOPNOTSUPP);
    c->requested = v;
    return 0;
}

int llapi_layout_pool_name_get(const struct llapi_layout *l, char *dest, size_t n) {
    struct comp *c = cur(l);
    if (c == NULL || dest == NULL || n <= strlen(c->pool)) return fail(EINVAL);
    strcpy(dest, c->pool);
    return (int)strlen(dest);
}

int llapi_layout_pool_name_set(struct llapi_layout *l, const char *name) {
    struct comp *c = cur(l);
    if (c == NULL || name == NULL) return fail(EINVAL);
    const char *dot = strchr(name, '.'); /* "fsname.pool": the fsname is dropped. */
    if (dot != NULL) name = dot + 1;
    if (strlen(name) > LOV_MAXPOOLNAME) return fail(EINVAL);
    strcpy(c->pool, name);
    return 0;
}

bool llapi_layout_is_composite(struct llapi_layout *l) { return l != NULL && l->composite; }

int llapi_layout_comp_use(struct llapi_layout *l, uint32_t pos) {
    if (l == NULL) return fail(EINVAL);
    if (!l->composite) return fail(EINVAL); /* As Lustre 2.10-2.12 do. */
    switch (pos) {
        case 1: l->cur = 0; return 0;
        case 2: l->cur = l->n - 1; return 0;
        case 3: if (l->cur == l->n - 1) { errno = ENOENT; return 1; } l->cur++; return 0;
        case 4: if (l->cur == 0) { errno = ENOENT; return 1; } l->cur--; return 0;
        default: return fail(EINVAL);
    }
}

int llapi_layout_comp_extent_get(const struct llapi_layout *l, uint64_t *s, uint64_t *e) {
    struct comp *c = cur(l);
    if (c == NULL || s == NULL || e == NULL) return fail(EINVAL);
    *s = c->start;
    *e = c->end;
    return 0;
}

int llapi_layout_comp_extent_set(struct llapi_layout *l, uint64_t s, uint64_t e) {
    struct comp *c = cur(l);
    if (c == NULL || s >= e) return fail(EINVAL);
    c->start = s;
    c->end = e;
    l->composite = true;
    return 0;
}

int llapi_layout_comp_add(struct llapi_layout *l) {
    if (l == NULL || l->n == MAX_COMPS) return fail(EINVAL);
    struct comp *last = &l->c[l->n - 1];
    if (last->end == LUSTRE_EOF) return fail(EINVAL);
    comp_init(&l->c[l->n], last->end);
    l->cur = l->n++;
    l->composite = true;
    return 0;
}

static bool pool_exists(const char *pool) {
    const char *list = getenv("FAKE_LUSTRE_POOLS");
    size_t n = strlen(pool);
    for (const char *p = list; p != NULL && *p != '\0'; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
        if (strncmp(p, pool, n) == 0 && (p[n] == ',' || p[n] == '\0')) return true;
    return false;
}

static int store_layout(int fd, const char *path, struct llapi_layout *l) {
    char buf[8192];
    int len = snprintf(buf, sizeof buf, "composite %d\n", l->composite ? 1 : 0);
    for (int i = 0; i < l->n; i++) {
        struct comp *c = &l->c[i];
        if (i > 0 && c->start != l->c[i - 1].end) {
            chatter("%s: components are not contiguous", path);
            return fail(EINVAL);
        }
        if (c->pool[0] != '\0' && !pool_exists(c->pool)) {
            chatter("%s: pool '%s' does not exist", path, c->pool);
            return fail(EINVAL);
        }
        c->ost0 = c->pattern == LLAPI_LAYOUT_MDT ? LLAPI_LAYOUT_DEFAULT
                  : c->requested != LLAPI_LAYOUT_DEFAULT
                      ? c->requested
                      : next_ost++ % env_count("FAKE_LUSTRE_OSTS", 8);
        len += snprintf(buf + len, sizeof buf - len, "%lu %lu %lu %lu %lu %lu %lu %s\n",
                        c->start, c->end, c->count, c->size, c->pattern, c->ost0, c->requested,
                        c->pool[0] != '\0' ? c->pool : "-");
    }
    return fsetxattr(fd, LOV_XATTR, buf, (size_t)len, 0);
}

/*
 * As in Lustre, the file is opened first (with object creation delayed) and the layout is set
 * afterwards, so a rejected layout leaves an empty file behind.
 */
int llapi_layout_file_create(const char *path, int flags, int mode,
                             const struct llapi_layout *layout) {
    int fd = open(path, flags | O_CREAT | O_EXCL, mode);
    if (fd < 0) {
        chatter("%s: cannot create: %s", path, strerror(errno));
        return -1;
    }
    if (layout == NULL) return fd;
    struct llapi_layout copy = *layout;
    if (store_layout(fd, path, &copy) < 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

int llapi_dir_create_pool(const char *name, int mode, int offset, int count, int pattern,
                          const char *pool) {
    (void)count;
    (void)pattern;
    (void)pool;
    unsigned mdts = env_count("FAKE_LUSTRE_MDTS", 4);
    if (offset >= (int)mdts || offset < -1) {
        chatter("%s: MDT %d does not exist", name, offset);
        return -EINVAL;
    }
    if (mkdir(name, (mode_t)mode) < 0) {
        int saved = errno;
        chatter("%s: cannot create directory: %s", name, strerror(saved));
        return -saved;
    }
    int mdt = offset >= 0 ? offset : (int)(next_mdt++ % mdts);
    char buf[64];
    int len = snprintf(buf, sizeof buf, "%d %d", mdt, offset);
    if (setxattr(name, LMV_XATTR, buf, (size_t)len, 0) < 0) return -errno;
    return 0;
}

int llapi_file_fget_mdtidx(int fd, int *mdtidx) {
    char buf[64] = {0};
    ssize_t len = fgetxattr(fd, LMV_XATTR, buf, sizeof buf - 1);
    if (len < 0 && errno != ENODATA) return -errno;
    *mdtidx = len < 0 ? 0 : atoi(buf);
    return 0;
}
