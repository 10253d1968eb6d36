// Temporary files and folders that Ctrl-C, a TERM or a HUP removes before it ends
// `tresor`: an output (`render --out FILE`, a folder render, a deploy) is written to a
// temporary sibling and renamed into place, and a killed render left that sibling,
// plaintext and all, until the next render to the same place (found by a fresh tester).
// The handler removes the paths registered, with async-signal-safe calls only, and then
// lets the signal end the process as it would have.
#define _GNU_SOURCE
#include "TresorFiles.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SLOTS 32

static char paths[SLOTS][PATH_MAX];
// 1 once a writer owns the slot; `ready` once its path is complete and may be removed:
// 1 for a file, 2 for a folder and all it holds.
static int claimed[SLOTS];
static int ready[SLOTS];

static int add(const char *path, int kind) {
    size_t length = strlen(path);
    if (length >= PATH_MAX) return -1;
    for (int slot = 0; slot < SLOTS; slot++) {
        int expected = 0;
        if (__atomic_compare_exchange_n(&claimed[slot], &expected, 1, 0, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE)) {
            memcpy(paths[slot], path, length + 1);
            __atomic_store_n(&ready[slot], kind, __ATOMIC_RELEASE);
            return slot;
        }
    }
    return -1;
}

int tresor_cleanup_add(const char *path) { return add(path, 1); }

int tresor_cleanup_add_tree(const char *path) { return add(path, 2); }

void tresor_cleanup_remove(int slot) {
    if (slot < 0 || slot >= SLOTS) return;
    __atomic_store_n(&ready[slot], 0, __ATOMIC_RELEASE);
    __atomic_store_n(&claimed[slot], 0, __ATOMIC_RELEASE);
}

// Removes `name` in the folder `parent`, and all it holds when it is a folder (never
// following a link), `depth` folders down at most 64: 1 KiB of stack a level, on whichever
// thread the signal lands. The other threads may still be writing into the tree, so the
// top is gone over a few times; a folder below is gone over once (retrying every level
// made a tree deeper than the limit cost passes to the power of its depth; found by a
// fresh tester).
// Limitation: what lies deeper than 64 folders stays, as after a SIGKILL (README, Known
// limitations).
static void remove_tree(int parent, const char *name, int depth) {
    if (unlinkat(parent, name, 0) == 0 || errno == ENOENT || depth > 64) return;
    int folder = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (folder < 0) return;
    int passes = depth == 0 ? 4 : 1;
    for (int pass = 0; pass < passes; pass++) {
        char buffer[1024];
        long size;
        lseek(folder, 0, SEEK_SET);
        while ((size = syscall(SYS_getdents64, folder, buffer, sizeof buffer)) > 0) {
            for (long offset = 0; offset < size;) {
                const char *entry = buffer + offset;
                uint16_t length;
                memcpy(&length, entry + 16, sizeof length);
                const char *child = entry + 19;
                if (strcmp(child, ".") != 0 && strcmp(child, "..") != 0) {
                    remove_tree(folder, child, depth + 1);
                }
                offset += length;
            }
        }
        if (unlinkat(parent, name, AT_REMOVEDIR) == 0 || errno != ENOTEMPTY) break;
    }
    close(folder);
}

// While a key command runs (`tresor_cleanup_defer`), a signal is noted, not acted on:
// `tresor` dying at once left the command and all it started running, orphaned, up to its
// time limit (found by a fresh tester). The caller stops the command's processes, which
// takes /proc reads no handler should make, and then ends as the signal would have.
static int deferring;
static volatile sig_atomic_t pending;
// Set before the handler removes anything: the render's other threads, still writing
// files into the folder being removed, made it non-empty again after its last pass, and
// a TERM left plaintext behind (found by the test suite under load). They check it
// before each file they create.
static int dying;

int tresor_cleanup_dying(void) { return __atomic_load_n(&dying, __ATOMIC_ACQUIRE); }

static void remove_and_die(int signal) {
    if (__atomic_load_n(&deferring, __ATOMIC_ACQUIRE) > 0) {
        pending = signal;
        return;
    }
    __atomic_store_n(&dying, 1, __ATOMIC_RELEASE);
    // unlink, openat, getdents64, sigaction and raise are async-signal-safe.
    int saved = errno;
    for (int slot = 0; slot < SLOTS; slot++) {
        int kind = __atomic_load_n(&ready[slot], __ATOMIC_ACQUIRE);
        if (kind == 1) unlink(paths[slot]);
        if (kind == 2) remove_tree(AT_FDCWD, paths[slot], 0);
    }
    errno = saved;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, NULL);
    // Blocked while this handler runs: delivered, with its default action, on return.
    raise(signal);
}

void tresor_cleanup_install(void) {
    // A parent that ignored SIGCHLD passes that on through exec, and then the kernel reaps
    // every child at once: no exit status of a key command or git could be read (a key
    // command that printed its key was "killed by signal 9"; found by a fresh tester).
    struct sigaction child;
    memset(&child, 0, sizeof child);
    child.sa_handler = SIG_DFL;
    sigemptyset(&child.sa_mask);
    sigaction(SIGCHLD, &child, NULL);
    const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t index = 0; index < sizeof signals / sizeof signals[0]; index++) {
        struct sigaction old;
        // A signal ignored when tresor started (`nohup`) stays ignored.
        if (sigaction(signals[index], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = remove_and_die;
        sigemptyset(&action.sa_mask);
        sigaction(signals[index], &action, NULL);
    }
}

void tresor_cleanup_defer(void) { __atomic_add_fetch(&deferring, 1, __ATOMIC_ACQ_REL); }

int tresor_cleanup_pending(void) { return pending; }

void tresor_cleanup_resume(void) {
    if (__atomic_sub_fetch(&deferring, 1, __ATOMIC_ACQ_REL) == 0 && pending != 0) {
        // The handler, as the signal would have run it: removes and ends the process.
        remove_and_die(pending);
    }
}
