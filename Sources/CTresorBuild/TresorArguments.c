// Captures argc and argv from glibc, which calls the functions of .init_array with
// (argc, argv, envp). The statically linked Swift runtime reads CommandLine.arguments from
// /proc/self/cmdline instead, so without /proc (a bare chroot, some sandboxes) a static
// tresor would see no arguments at all and print its help instead of running a command.
#include "TresorArguments.h"

#include <stddef.h>

static int captured_count = -1;
static char *const *captured_vector = NULL;

static void capture(int count, char **vector, char **environment) {
    (void)environment;
    captured_count = count;
    captured_vector = vector;
}

__attribute__((section(".init_array"), used)) static void (*const capture_entry)(
    int, char **, char **) = capture;

int tresor_argument_count(void) { return captured_count; }

char *const *tresor_argument_vector(void) { return captured_vector; }
