/*
 * A hand-written AUTOCLOSE macro (`__attribute__((cleanup(closep)))`) closes
 * the descriptor at every exit from its scope. The function returns early
 * three times after open(); the cleanup runs on each, so nothing leaks even
 * though close() is never written in the body.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static inline void closep(int *fd) {
  if (*fd >= 0) close(*fd);
}
#define AUTOCLOSE __attribute__((cleanup(closep)))

long file_head(const char *path, char *buf, size_t cap) {
  AUTOCLOSE int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  struct stat st;
  if (fstat(fd, &st) != 0) return -1;
  if (!S_ISREG(st.st_mode)) return -2;
  ssize_t n = read(fd, buf, cap);
  if (n < 0) return -1;
  return (long)n;
}
