#ifndef TRESOR_FILES_H
#define TRESOR_FILES_H

#include <spawn.h>
#include <stddef.h>

/// Opens `path`, relative to the open folder `folder`, with `flags` (O_CLOEXEC is added),
/// without following a symbolic link at any step and without leaving `folder` (`..`).
/// Returns a descriptor, or -1 with errno set: ELOOP for a link on the way, EXDEV for a
/// path that leaves the folder.
int tresor_open_beneath(int folder, const char *path, int flags);

/// The same without openat2(2): one openat(2) per step, each with O_NOFOLLOW. What
/// `tresor_open_beneath` falls back to on kernels before 5.6; declared here for its tests.
int tresor_open_beneath_stepwise(int folder, const char *path, int flags);

/// Reads entries of the open folder `folder` into `buffer` as getdents64(2) lays them out
/// (`struct linux_dirent64`: inode, offset, record length at byte 16, type at byte 18,
/// then the name and a NUL). Returns the bytes read, 0 at the end, -1 with errno set.
long tresor_folder_entries(int folder, void *buffer, size_t size);

/// Adds to `actions` the closing of every descriptor from `lowest` up in the child
/// (posix_spawn_file_actions_addclosefrom_np, glibc 2.34). Returns 0 or an error number.
int tresor_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

/// Renames `from` to `to` only when nothing is at `to` (renameat2 with RENAME_NOREPLACE,
/// or a hard link, or a look first where neither works). Returns 0, or -1 with errno set:
/// EEXIST when something is there.
int tresor_rename_noreplace(const char *from, const char *to);

/// Who the POSIX access control list of the file at `path` (owned by `owner`) lets write,
/// after its mask: bit 0 for a named user other than the owner or a named group, bit 1
/// for the file's group. -1 when the file has no list beyond its mode bits.
int tresor_acl_write_grants(const char *path, unsigned owner);

/// 1 when a folder somewhere under `path` (not `path` itself) is on another device or is
/// the root of a mount (a bind mount, from Linux 5.8), 0 when none is (or `path` is no
/// folder), -1 when some folder cannot be read.
int tresor_holds_mount(const char *path);

/// 1 when the folder `path` is on another device than `device` or is the root of a
/// mount, 0 when not (or it is no folder), -1 when it cannot be read.
int tresor_is_mount_root(const char *path, unsigned long long device);

/// Registers `path`, a temporary file being written, to be unlinked when SIGINT, SIGTERM
/// or SIGHUP ends the process (see `tresor_cleanup_install`). Returns a slot for
/// `tresor_cleanup_remove`, or -1 when all 32 slots are taken (the file is then not
/// removed by a signal).
int tresor_cleanup_add(const char *path);

/// The same for a folder being built: the signal removes it and all it holds.
int tresor_cleanup_add_tree(const char *path);

/// Forgets the path of `slot` (renamed into place, or removed); -1 does nothing.
void tresor_cleanup_remove(int slot);

/// Installs the handler that unlinks the registered paths on SIGINT, SIGTERM and SIGHUP,
/// then ends the process with the signal's default action. A signal ignored at start
/// stays ignored. SIGCHLD gets its default action back, so children can be waited for.
void tresor_cleanup_install(void);

/// Nonzero once the handler has begun removing the registered paths: a thread that would
/// create a file in one of them waits for the end instead (see `FileTree.writeNewFile`).
int tresor_cleanup_dying(void);

/// From here until `tresor_cleanup_resume`, SIGINT, SIGTERM and SIGHUP are only noted
/// (`tresor_cleanup_pending` says which), so that the caller can stop a child first.
/// Calls nest.
void tresor_cleanup_defer(void);

/// The signal noted while deferred, or 0.
int tresor_cleanup_pending(void);

/// Ends the deferral; when it was the last and a signal was noted, acts on it as the
/// handler would have (the process ends).
void tresor_cleanup_resume(void);

#endif
