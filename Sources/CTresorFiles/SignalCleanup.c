// Temporary files that Ctrl-C, a TERM or a HUP removes before it ends `tresor`: a
// single-file output (`render --out FILE`, `dotenv --out FILE`) is written to a temporary
// sibling and renamed, and a killed render left that sibling, plaintext and all, until the
// next render to the same place (found by a fresh tester). The handler only unlinks the
// paths registered and then lets the signal end the process as it would have.
#include "TresorFiles.h"

#include <limits.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 32

static char paths[SLOTS][PATH_MAX];
// 1 once a writer owns the slot; `ready` once its path is complete and may be unlinked.
static int claimed[SLOTS];
static int ready[SLOTS];

int tresor_cleanup_add(const char *path) {
    size_t length = strlen(path);
    if (length >= PATH_MAX) return -1;
    for (int slot = 0; slot < SLOTS; slot++) {
        int expected = 0;
        if (__atomic_compare_exchange_n(&claimed[slot], &expected, 1, 0, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE)) {
            memcpy(paths[slot], path, length + 1);
            __atomic_store_n(&ready[slot], 1, __ATOMIC_RELEASE);
            return slot;
        }
    }
    return -1;
}

void tresor_cleanup_remove(int slot) {
    if (slot < 0 || slot >= SLOTS) return;
    __atomic_store_n(&ready[slot], 0, __ATOMIC_RELEASE);
    __atomic_store_n(&claimed[slot], 0, __ATOMIC_RELEASE);
}

static void remove_and_die(int signal) {
    // unlink, sigaction and raise are async-signal-safe.
    for (int slot = 0; slot < SLOTS; slot++) {
        if (__atomic_load_n(&ready[slot], __ATOMIC_ACQUIRE)) unlink(paths[slot]);
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, NULL);
    // Blocked while this handler runs: delivered, with its default action, on return.
    raise(signal);
}

void tresor_cleanup_install(void) {
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
