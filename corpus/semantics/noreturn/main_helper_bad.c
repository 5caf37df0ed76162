/*
 * The daemon's setup moved out of main() into a helper. The helper is not
 * main(): returning from it does not end the process, and its caller gets
 * -1 with the pid file still open. One finding in the helper; main()'s own
 * returns (the process ends) are not findings.
 */
#include <stdio.h>
#include <unistd.h>

int serve(void);

static int write_pid(const char *path) {
  FILE *pid = fopen(path, "w"); // expect: connlint-file-leak
  if (!pid) return -1;
  if (fprintf(pid, "%d\n", (int)getpid()) < 0) return -1;
  fclose(pid);
  return 0;
}

int main(int argc, char **argv) {
  FILE *log = fopen("/var/log/echod.log", "a");
  if (!log) return 1;
  if (write_pid(argc > 1 ? argv[1] : "/run/echod.pid") != 0) return 1;
  return serve();
}
