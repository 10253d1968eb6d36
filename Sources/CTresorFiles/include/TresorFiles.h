#ifndef TRESOR_FILES_H
#define TRESOR_FILES_H

/// Opens `path`, relative to the open folder `folder`, with `flags` (O_CLOEXEC is added),
/// without following a symbolic link at any step and without leaving `folder` (`..`).
/// Returns a descriptor, or -1 with errno set: ELOOP for a link on the way, EXDEV for a
/// path that leaves the folder.
int tresor_open_beneath(int folder, const char *path, int flags);

/// The same without openat2(2): one openat(2) per step, each with O_NOFOLLOW. What
/// `tresor_open_beneath` falls back to on kernels before 5.6; declared here for its tests.
int tresor_open_beneath_stepwise(int folder, const char *path, int flags);

#endif
