/*
 * A socketpair() for a worker's control channel: sv[0] stays with the
 * parent and sv[1] goes to the child. Both elements are released through
 * the array on every path; the child ends in _exit().
 */
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int run_worker(void (*work)(int ctl)) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) return -1;

  pid_t pid = fork();
  if (pid < 0) {
    close(sv[0]);
    close(sv[1]);
    return -1;
  }
  if (pid == 0) {
    close(sv[0]);
    work(sv[1]);
    _exit(0);
  }
  close(sv[1]);
  char status = 0;
  ssize_t n = read(sv[0], &status, 1);
  close(sv[0]);
  waitpid(pid, NULL, 0);
  return n == 1 ? status : -1;
}
