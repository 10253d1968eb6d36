#ifndef TRESOR_BUILD_H
#define TRESOR_BUILD_H

/// The version the build was given (`-Xcc -DTRESOR_VERSION="..."`, set by `make release`
/// from git or the VERSION file), or an empty string for a plain `swift build`.
const char *tresor_build_version(void);

#endif
