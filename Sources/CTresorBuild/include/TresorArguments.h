#ifndef TRESOR_ARGUMENTS_H
#define TRESOR_ARGUMENTS_H

/// The argument count glibc handed the program at start-up, or -1 when not captured.
int tresor_argument_count(void);

/// The argument vector glibc handed the program at start-up (NULL when not captured).
char *const *tresor_argument_vector(void);

#endif
