/*
 * Calls through function-like macros without a preprocessor: a macro the
 * file defines is expanded where it is called, so the release inside it is
 * seen; an integer macro has its value; a macro from a header is an
 * unknown value, and a call through one is a call to a function of that
 * name.
 */
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#define CLOSE_SOCKET(s) close(s)
#define SAFE_FCLOSE(f)                                                                             \
  do {                                                                                             \
    if (f) fclose(f);                                                                              \
    f = NULL;                                                                                      \
  } while (0)
#define NPROBES 3

int probe(int port) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  if (s < 0) return -1;
  if (port > 65535) {
    CLOSE_SOCKET(s);
    return -1;
  }
  CLOSE_SOCKET(s);
  return 0;
}

int dump(const char *path) {
  FILE *f = fopen(path, "w");
  if (!f) return -1;
  for (int i = 0; i < NPROBES; i++)
    if (fprintf(f, "%d\n", probe(i)) < 0) {
      SAFE_FCLOSE(f);
      return -1;
    }
  SAFE_FCLOSE(f);
  return 0;
}

int leaky(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  if (fgetc(f) == EOF) return -2; /* leaks */
  SAFE_FCLOSE(f);
  return 0;
}
