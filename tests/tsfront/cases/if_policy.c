/*
 * The #if policy of the tree-sitter front end: `#if 0` takes its #else side,
 * every other conditional its first side, at file scope and in bodies.
 * Each function below leaks only on the side the policy takes.
 */
#include <fcntl.h>
#include <unistd.h>

#ifndef IF_POLICY_H
#define IF_POLICY_H

int zero_takes_else(const char *p) {
  int fd = open(p, O_RDONLY);
  if (fd < 0) return -1;
#if 0
  close(fd);
#else
  if (p[0] == '/') return -2; /* leaks */
  close(fd);
#endif
  return 0;
}

int ifdef_takes_first(const char *p) {
  int fd = open(p, O_RDONLY);
  if (fd < 0) return -1;
#ifdef HAVE_FSYNC
  if (fsync(fd) != 0) return -2; /* leaks */
#else
  if (fsync(fd) != 0) {
    close(fd);
    return -2;
  }
#endif
  close(fd);
  return 0;
}

#if defined(__linux__) && HAVE_EPOLL
int first_side_at_file_scope(const char *p) {
  int fd = open(p, O_RDONLY);
  return fd < 0 ? -1 : 0; /* leaks when open succeeds */
}
#else
int other_side_at_file_scope(const char *p) {
  return open(p, O_RDONLY);
}
#endif

#endif
