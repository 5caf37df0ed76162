/* main() returns with the config file open: the process ends there, so the
   leak is reported only with --report-exit-paths. */
#include <stdio.h>

int main(int argc, char **argv) {
  FILE *cfg = fopen(argc > 1 ? argv[1] : "server.conf", "r");
  if (!cfg) return 1;
  char line[256];
  if (!fgets(line, sizeof line, cfg)) return 2;
  fclose(cfg);
  return 0;
}
