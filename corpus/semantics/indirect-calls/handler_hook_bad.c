/*
 * The request hook of handler_hook_good.c, where the echo handler returns
 * -1 on an over-long argument (the server then drops the client). The
 * dispatcher returns at once and leaks the line buffer. One memory leak.
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
    return -1;
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
  char *line = strdup(request); // expect: connlint-memory-leak
  if (!line) return -1;
  char *arg = strchr(line, ' ');
  if (arg) *arg++ = '\0';
  if (on_request(fd, arg ? arg : line) != 0) return -1;
  free(line);
  return 0;
}
