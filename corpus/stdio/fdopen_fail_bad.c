/*
 * Opens a log file with O_APPEND|O_CLOEXEC and wraps it in a FILE* with
 * fdopen(). fdopen() takes over the descriptor only when it succeeds; when
 * it fails the descriptor is still the caller's, and this code returns
 * without closing it. One leak, at the open() call. On success the stream
 * is returned, so the caller owns it (and the descriptor inside it).
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

FILE *log_open(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640); // expect: connlint-fd-leak
  if (fd < 0) return NULL;

  FILE *fp = fdopen(fd, "a");
  if (!fp) return NULL;
  setvbuf(fp, NULL, _IOLBF, 0);
  return fp;
}
