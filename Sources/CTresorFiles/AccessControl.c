// Whether a file has a POSIX access control list beyond its mode bits: Swift's Glibc
// module does not bring <sys/xattr.h>, where getxattr(2) is declared.
#include "TresorFiles.h"

#include <sys/xattr.h>

int tresor_has_access_acl(const char *path) {
    // A list that only mirrors the mode bits is not stored; any stored one names more.
    return getxattr(path, "system.posix_acl_access", NULL, 0) > 0;
}
