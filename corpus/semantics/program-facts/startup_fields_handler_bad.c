/*
 * The same daemon with a maintenance signal whose handler sets the UDP
 * worker count to zero. The handler may run at any time, so what main()
 * set up is no fact for server_socket(): with zero workers its socket
 * leaks. One leak.
 */
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct settings {
  int num_threads;
  int threads_per_udp;
  const char *iface;
};

struct settings settings;

static void settings_init(void) {
  settings.num_threads = 4;
  settings.threads_per_udp = 0;
  settings.iface = NULL;
}

void conn_new(int fd, int thread);

static int server_socket(const char *iface, int port) {
  int sfd = socket(AF_INET, SOCK_DGRAM, 0); // expect: connlint-fd-leak
  if (sfd < 0) return 1;
  (void)iface;
  (void)port;
  for (int c = 0; c < settings.threads_per_udp; c++) {
    int fd = c == 0 ? sfd : dup(sfd);
    if (fd < 0) return 1;
    conn_new(fd, c);
  }
  return 0;
}

/* SIGUSR1 puts the server in maintenance: no UDP workers from now on. */
static void on_maintenance(int sig) {
  (void)sig;
  settings.threads_per_udp = 0;
}

int main(int argc, char **argv) {
  int opt;
  settings_init();
  signal(SIGUSR1, on_maintenance);
  while ((opt = getopt(argc, argv, "t:l:")) != -1) {
    switch (opt) {
    case 't':
      settings.num_threads = atoi(optarg);
      if (settings.num_threads <= 0) {
        fprintf(stderr, "Number of threads must be greater than 0\n");
        return 1;
      }
      break;
    case 'l': settings.iface = strdup(optarg); break;
    default: return 1;
    }
  }
  if (settings.iface != NULL && strchr(settings.iface, ','))
    settings.threads_per_udp = 1;
  else
    settings.threads_per_udp = settings.num_threads;
  return server_socket(settings.iface, 11211);
}
