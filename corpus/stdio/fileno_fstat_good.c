/*
 * Checks the PID file's owner through fstat(fileno(fp)) before trusting it,
 * then reads it. fileno() and fstat() only borrow; fclose() runs on both the
 * untrusted-file path and the normal path.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

pid_t pidfile_read(const char *path) {
  FILE *fp = fopen(path, "r");
  if (!fp) return -1;

  struct stat st;
  if (fstat(fileno(fp), &st) != 0 || st.st_uid != geteuid()) {
    fclose(fp);
    return -1;
  }

  long pid = -1;
  if (fscanf(fp, "%ld", &pid) != 1) pid = -1;
  fclose(fp);
  return (pid_t)pid;
}
