/*
 * A diagnostics dump that touches five resource families in one function:
 * a strdup() copy, a getaddrinfo() list, a DIR*, a mapping and a pipe
 * stream. Each is released by its own family's function (free,
 * freeaddrinfo, closedir, munmap, pclose), so there is no mismatch, and
 * each is released on every path after it was acquired.
 */
#include <dirent.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int diag_dump(FILE *out, const char *host, const char *dir) {
  char *name = strdup(host);
  if (!name) return -1;

  struct addrinfo *res;
  if (getaddrinfo(name, NULL, NULL, &res) == 0) {
    fprintf(out, "%s: %s\n", name, res->ai_canonname ? res->ai_canonname : "resolved");
    freeaddrinfo(res);
  }
  free(name);

  DIR *d = opendir(dir);
  if (d) {
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
      fprintf(out, "  %s\n", de->d_name);
    closedir(d);
  }

  void *scratch = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (scratch != MAP_FAILED) {
    memset(scratch, 0, 1 << 16);
    munmap(scratch, 1 << 16);
  }

  FILE *p = popen("uptime", "r");
  if (!p) return -1;
  char line[256];
  if (fgets(line, sizeof line, p)) fputs(line, out);
  return pclose(p) == 0 ? 0 : -1;
}
