/*
 * Reads a PID file and closes it through its descriptor: close(fileno(fp)).
 * That closes the descriptor but never frees the FILE* (its buffer and
 * struct), so the stream from fopen() is still owned at return: a leak at the
 * fopen() call. close() on an int that came from fileno() is not a
 * mismatched release: fileno() only borrows the stream.
 */
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

pid_t pidfile_read(const char *path) {
  FILE *fp = fopen(path, "r"); // expect: connlint-file-leak
  if (!fp) return -1;

  long pid = -1;
  if (fscanf(fp, "%ld", &pid) != 1) pid = -1;
  close(fileno(fp));
  return (pid_t)pid;
}
