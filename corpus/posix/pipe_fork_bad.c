/*
 * Runs a command and reads the first chunk of its standard output through a
 * pipe. If fork() fails, the function returns with both pipe ends still open.
 * pipe() acquires two descriptors in one call; the leak is reported once, at
 * the pipe() call. The child path ends in _exit(), which never returns.
 */
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

ssize_t capture_output(char *const argv[], char *out, size_t cap) {
  int fds[2];
  if (pipe(fds) < 0) // expect: connlint-fd-leak
    return -1;

  pid_t pid = fork();
  if (pid < 0) return -1;
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
