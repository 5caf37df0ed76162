/*
 * Opens the files of an access logger into a struct the caller passed in.
 * Stores into memory reachable from a parameter hand ownership to the
 * caller, who will close them later: the function's success path is not a
 * leak. On the second fopen()'s failure the first stream is closed.
 */
#include <stdio.h>

struct access_log {
  FILE *access;
  FILE *error;
};

int access_log_open(struct access_log *lg, const char *access_path, const char *error_path) {
  FILE *a = fopen(access_path, "a");
  if (!a) return -1;
  FILE *e = fopen(error_path, "a");
  if (!e) {
    fclose(a);
    return -1;
  }
  setvbuf(a, NULL, _IOLBF, 0);
  lg->access = a;
  lg->error = e;
  return 0;
}
