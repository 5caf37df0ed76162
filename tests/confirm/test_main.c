/* test_main.c - the test driver of the confirm test program: a listener on
   127.0.0.1 (an ephemeral port, bounded in time and connections, stopping
   by itself), temporary files, and a check per function. Prints
   "N passed, M failed" and exits non-zero when a check failed. */
#include "app.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { MAX_CONNS = 32, LISTEN_SECONDS = 20 };

struct listener {
  int fd, port;
  volatile int stop;
};

static void *serve(void *arg) {
  struct listener *l = arg;
  time_t end = time(NULL) + LISTEN_SECONDS;
  for (int served = 0; !l->stop && served < MAX_CONNS && time(NULL) < end;) {
    struct pollfd p = {l->fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0)
      continue;
    int c = accept(l->fd, NULL, NULL);
    if (c < 0)
      continue;
    served++;
    char buf[256];
    struct pollfd q = {c, POLLIN, 0};
    if (poll(&q, 1, 2000) > 0 && recv(c, buf, sizeof buf, 0) > 0 && strncmp(buf, "GET", 3) == 0)
      send(c, "hello from 127.0.0.1\n", 21, 0);
    close(c);
  }
  return NULL;
}

static int listen_loopback(struct listener *l) {
  l->fd = socket(AF_INET, SOCK_STREAM, 0);
  if (l->fd < 0)
    return -1;
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof sa;
  if (bind(l->fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(l->fd, 8) != 0 ||
      getsockname(l->fd, (struct sockaddr *)&sa, &len) != 0) {
    close(l->fd);
    return -1;
  }
  l->port = ntohs(sa.sin_port);
  return 0;
}

static int passed, failed;

static void check(int ok, const char *what) {
  if (ok) {
    passed++;
  } else {
    failed++;
    printf("FAIL: %s\n", what);
  }
}

static int file_has(const char *path, const char *text) {
  char buf[256] = {0};
  FILE *f = fopen(path, "r");
  if (!f)
    return 0;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  return strstr(buf, text) != NULL;
}

int main(void) {
  char dir[] = "/tmp/confirm-test-XXXXXX";
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 2;
  }
  char a[64], b[64], reply[64], journal[64];
  snprintf(a, sizeof a, "%s/a.txt", dir);
  snprintf(b, sizeof b, "%s/b.txt", dir);
  snprintf(reply, sizeof reply, "%s/reply.txt", dir);
  snprintf(journal, sizeof journal, "%s/journal", dir);
  FILE *f = fopen(a, "w");
  if (!f)
    return 2;
  fputs("some records\nmore records\n", f);
  fclose(f);

  struct listener l = {0};
  pthread_t th;
  if (listen_loopback(&l) != 0 || pthread_create(&th, NULL, serve, &l) != 0) {
    fprintf(stderr, "cannot listen on 127.0.0.1\n");
    return 2;
  }
  check(ping(l.port) == 0, "ping");
  check(fetch_to_file(l.port, "greeting", reply) == 0, "fetch_to_file returns 0");
  check(file_has(reply, "hello"), "the reply is in the file");
  check(copy_file(a, b) == 0 && file_has(b, "more records"), "copy_file");
  check(checksum_file(a) > 0, "checksum_file");

  struct counter c = {PTHREAD_MUTEX_INITIALIZER, 0, -1};
  c.journal = open(journal, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  check(c.journal >= 0 && counter_bump(&c) == 0 && c.value == 1, "counter_bump");
  if (c.journal >= 0)
    close(c.journal);

  l.stop = 1;
  pthread_join(th, NULL);
  close(l.fd);
  unlink(a);
  unlink(b);
  unlink(reply);
  unlink(journal);
  rmdir(dir);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
