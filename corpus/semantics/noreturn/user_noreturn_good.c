/*
 * A daemon's `die()` is declared `_Noreturn` and defined in this file (it
 * logs and exits). Calls to it end the path, so the open PID file and
 * socket on the fatal paths are not leaks of this function; the normal path
 * closes the PID file and returns the socket.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

_Noreturn void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(2);
}

int daemon_start(const char *pidfile) {
  FILE *pf = fopen(pidfile, "w");
  if (!pf) die("cannot write %s", pidfile);
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  if (s < 0) die("socket failed");
  if (fprintf(pf, "%ld\n", (long)getpid()) < 0) die("write %s failed", pidfile);
  fclose(pf);
  return s;
}
