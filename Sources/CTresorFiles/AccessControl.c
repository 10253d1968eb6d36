// Who a file's POSIX access control list lets write: Swift's Glibc module does not bring
// <sys/xattr.h>, where getxattr(2) is declared, and the list's entries are read here
// from the attribute's layout (a 4-byte version, then 8-byte entries: tag, permissions,
// id, little-endian).
#include "TresorFiles.h"

#include <errno.h>
#include <sys/xattr.h>

enum { USER = 0x02, GROUP_OBJ = 0x04, GROUP = 0x08, MASK = 0x10, WRITE = 0x02 };

static unsigned field(const unsigned char *at, int bytes) {
    unsigned value = 0;
    for (int index = bytes - 1; index >= 0; index--) value = value << 8 | at[index];
    return value;
}

int tresor_acl_write_grants(const char *path, unsigned owner) {
    unsigned char list[4096];
    ssize_t size = getxattr(path, "system.posix_acl_access", list, sizeof list);
    // Over 500 entries: taken to let others write.
    if (size < 0) return errno == ERANGE ? 1 : -1;
    if (size < 4) return -1;
    unsigned mask = 7;
    for (ssize_t at = 4; at + 8 <= size; at += 8) {
        if (field(list + at, 2) == MASK) mask = field(list + at + 2, 2);
    }
    int grants = 0;
    for (ssize_t at = 4; at + 8 <= size; at += 8) {
        unsigned tag = field(list + at, 2);
        unsigned writes = field(list + at + 2, 2) & mask & WRITE;
        if (!writes) continue;
        if ((tag == USER && field(list + at + 4, 4) != owner) || tag == GROUP) grants |= 1;
        if (tag == GROUP_OBJ) grants |= 2;
    }
    return grants;
}
