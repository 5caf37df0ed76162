/*
 * The proxy's connection hooks again. The trace hook only prints; the drop
 * hook holds one of two functions, one of which closes the descriptor and
 * one of which parks it in a pool for reuse. Across the two the descriptor
 * is released on some paths only, so after the call it is no longer the
 * caller's to report. The refused connection is closed.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static int idle_pool[64];
static int idle_count;

static void trace_plain(int fd, const char *what) {
  fprintf(stderr, "fd %d: %s\n", fd, what);
}

static void drop_close(int fd) {
  close(fd);
}

static void drop_park(int fd) {
  if (idle_count < 64) idle_pool[idle_count++] = fd;
}

static void (*trace_conn)(int, const char *) = trace_plain;
static void (*drop_conn)(int) = drop_close;

void proxy_enable_pool(void) {
  drop_conn = drop_park;
}

int proxy_dial(const struct sockaddr_in *upstream) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  trace_conn(fd, "dialing");
  if (connect(fd, (const struct sockaddr *)upstream, sizeof *upstream) < 0) {
    close(fd);
    return -1;
  }
  return fd;
}

void proxy_hangup(const struct sockaddr_in *upstream) {
  int fd = proxy_dial(upstream);
  if (fd < 0) return;
  trace_conn(fd, "hanging up");
  drop_conn(fd);
}
