// Whether a folder tree holds another file system's mount: removing an earlier output
// must never reach through a mount inside it (a vault, a key folder or a process folder
// bind-mounted there was emptied by `render --force`; found by a fresh tester).
#define _GNU_SOURCE
#include "TresorFiles.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

// 1 when `name` in `parent` is a folder on another device than `device`, or the root of
// a mount (a bind mount of the same file system), 0 when not, -1 when it cannot be read.
// Limitation: before Linux 5.8 statx cannot tell a bind mount of the same file system,
// and only another device counts (README, Known limitations).
static int crosses(int parent, const char *name, dev_t device) {
    struct statx info;
    if (statx(parent, name, AT_SYMLINK_NOFOLLOW, STATX_TYPE, &info) != 0) return -1;
    if (!S_ISDIR(info.stx_mode)) return 0;
    if (makedev(info.stx_dev_major, info.stx_dev_minor) != device) return 1;
#ifdef STATX_ATTR_MOUNT_ROOT
    if (info.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) {
        return (info.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0;
    }
#endif
    return 0;
}

static int find_mount(int parent, const char *name, dev_t device, int depth) {
    // 1 KiB of stack a level, on a worker thread's stack too.
    if (depth > 128) return -1;
    int folder = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (folder < 0) return -1;
    char buffer[1024];
    long size;
    int result = 0;
    while (result == 0 && (size = syscall(SYS_getdents64, folder, buffer, sizeof buffer)) > 0) {
        for (long offset = 0; offset < size && result == 0;) {
            const char *entry = buffer + offset;
            uint16_t length;
            memcpy(&length, entry + 16, sizeof length);
            unsigned char type = (unsigned char)entry[18];
            const char *child = entry + 19;
            offset += length;
            if (strcmp(child, ".") == 0 || strcmp(child, "..") == 0) continue;
            if (type != DT_DIR && type != DT_UNKNOWN) continue;
            result = crosses(folder, child, device);
            if (result == 0) result = find_mount(folder, child, device, depth + 1);
        }
    }
    if (size < 0) result = -1;
    close(folder);
    return result;
}

int tresor_holds_mount(const char *path) {
    struct stat top;
    if (lstat(path, &top) != 0) return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(top.st_mode)) return 0;
    return find_mount(AT_FDCWD, path, top.st_dev, 0);
}

int tresor_is_mount_root(const char *path, unsigned long long device) {
    return crosses(AT_FDCWD, path, (dev_t)device);
}
