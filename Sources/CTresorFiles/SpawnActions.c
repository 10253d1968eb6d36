// A spawn action Swift's Glibc module does not show: glibc declares it for _GNU_SOURCE only.
#define _GNU_SOURCE
#include "TresorFiles.h"

#include <spawn.h>

int tresor_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}
