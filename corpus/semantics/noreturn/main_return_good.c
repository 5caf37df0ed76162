/*
 * A small daemon's main() opens its pid file and listening socket and
 * returns from main() on every error without closing them: returning from
 * main() ends the process, which releases everything, like exit(). No
 * finding by default (--report-exit-paths would report them).
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int serve(int lfd);

int main(int argc, char **argv) {
  FILE *pid = fopen("/run/echod.pid", "w");
  if (!pid) return 1;
  fprintf(pid, "%d\n", (int)getpid());
  fflush(pid);

  int lfd = socket(AF_INET, SOCK_STREAM, 0);
  if (lfd < 0) return 1;
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons(argc > 1 ? 7000 : 7);
  if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) != 0) return 2;
  if (listen(lfd, 16) != 0) return 2;
  return serve(lfd);
}
