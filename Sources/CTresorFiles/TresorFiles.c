// Opening a file below a folder without following any symbolic link on the way. A folder
// render reads a tree it listed a moment before; a folder in it swapped for a link in
// between must not lead the read out of the tree (to the key folder, say). openat2(2) with
// RESOLVE_NO_SYMLINKS does it in one call; kernels before 5.6 get one openat per step,
// each with O_NOFOLLOW.
#define _GNU_SOURCE
#include "TresorFiles.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int tresor_open_beneath_stepwise(int folder, const char *path, int flags) {
    char copy[PATH_MAX];
    size_t length = strlen(path);
    if (length == 0 || length >= sizeof copy) {
        errno = length == 0 ? ENOENT : ENAMETOOLONG;
        return -1;
    }
    memcpy(copy, path, length + 1);
    int current = folder;
    char *step = copy;
    for (;;) {
        char *slash = strchr(step, '/');
        if (slash != NULL) *slash = '\0';
        if (strcmp(step, "..") == 0 || (step == copy && step[0] == '\0')) {
            // Up and out of the folder, or an absolute path: refused as openat2 does.
            if (current != folder) close(current);
            errno = EXDEV;
            return -1;
        }
        int last = slash == NULL;
        int next = step[0] == '\0' || strcmp(step, ".") == 0
            ? dup(current)
            : openat(current, step,
                  (last ? flags : O_RDONLY | O_DIRECTORY) | O_NOFOLLOW | O_CLOEXEC);
        int saved = errno;
        // A link where a folder should be fails O_DIRECTORY before O_NOFOLLOW: name it a
        // link, as openat2 does.
        struct stat status;
        if (next < 0 && saved == ENOTDIR && !last
            && fstatat(current, step, &status, AT_SYMLINK_NOFOLLOW) == 0
            && S_ISLNK(status.st_mode)) {
            saved = ELOOP;
        }
        if (current != folder) close(current);
        if (next < 0) {
            errno = saved;
            return -1;
        }
        if (last) return next;
        current = next;
        step = slash + 1;
    }
}

int tresor_open_beneath(int folder, const char *path, int flags) {
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (unsigned long long)(flags | O_NOFOLLOW | O_CLOEXEC);
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    long descriptor = syscall(SYS_openat2, folder, path, &how, sizeof how);
    if (descriptor >= 0) return (int)descriptor;
    if (errno != ENOSYS && errno != EPERM) return -1;
    // No openat2 (before Linux 5.6), or a seccomp filter that refuses it.
    return tresor_open_beneath_stepwise(folder, path, flags);
}
