/*
 * The same command runner, closing both pipe ends when fork() fails. The
 * child closes its copies and execs or _exit()s; the parent closes the write
 * end at once and the read end after reading. No descriptor is left open.
 */
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

ssize_t capture_output(char *const argv[], char *out, size_t cap) {
  int fds[2];
  if (pipe(fds) < 0) return -1;

  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    close(fds[0]);
    dup2(fds[1], STDOUT_FILENO);
    close(fds[1]);
    execvp(argv[0], argv);
    _exit(127);
  }

  close(fds[1]);
  ssize_t n = read(fds[0], out, cap);
  close(fds[0]);
  waitpid(pid, NULL, 0);
  return n;
}
