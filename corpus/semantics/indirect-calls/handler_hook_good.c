/*
 * A line protocol server's request hook: the server answers each request
 * through whichever handler the configuration installed, and each handler
 * reports errors to the client and returns 0 (the hook's contract). Every
 * function the hook can hold returns 0, so the dispatcher's test of the
 * result never takes its early return, and the line buffer is always
 * freed. No finding.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int answer_pong(int fd, const char *arg) {
  (void)arg;
  write(fd, "+PONG\r\n", 7);
  return 0;
}

static int answer_echo(int fd, const char *arg) {
  size_t n = strlen(arg);
  if (n > 512) {
    write(fd, "-ERR too long\r\n", 15);
    return 0;
  }
  write(fd, arg, n);
  write(fd, "\r\n", 2);
  return 0;
}

static int (*on_request)(int fd, const char *arg) = answer_pong;

void server_set_echo(int on) {
  if (on)
    on_request = answer_echo;
  else
    on_request = answer_pong;
}

int dispatch(int fd, const char *request) {
  char *line = strdup(request);
  if (!line) return -1;
  char *arg = strchr(line, ' ');
  if (arg) *arg++ = '\0';
  if (on_request(fd, arg ? arg : line) != 0) return -1;
  free(line);
  return 0;
}
