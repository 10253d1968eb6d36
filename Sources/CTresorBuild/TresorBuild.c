// The version string is a C macro because SwiftPM passes no string constants to Swift code;
// `make release` defines it, a plain `swift build` leaves it empty.
#include "TresorBuild.h"

#ifndef TRESOR_VERSION
#define TRESOR_VERSION ""
#endif

const char *tresor_build_version(void) { return TRESOR_VERSION; }
