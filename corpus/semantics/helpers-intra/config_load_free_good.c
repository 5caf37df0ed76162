/*
 * A config object filled by `config_load()` (opens a log stream and copies
 * the server name into the struct the caller passes) and emptied by
 * `config_free()`. The caller's struct is a local: config_load() acquires
 * into its fields on success (return 0), config_free() releases them, and
 * the failure path of config_load() leaves nothing owned (the helper cleans
 * up after itself). Nothing is reported. (Needs function summaries.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct config {
  FILE *log;
  char *server;
  int port;
};

static int config_load(struct config *cfg, const char *log_path, const char *server, int port) {
  cfg->log = fopen(log_path, "a");
  if (!cfg->log) return -1;
  cfg->server = strdup(server);
  if (!cfg->server) {
    fclose(cfg->log);
    return -1;
  }
  cfg->port = port;
  return 0;
}

static void config_free(struct config *cfg) {
  free(cfg->server);
  fclose(cfg->log);
}

int run_once(const char *log_path, const char *server, int port) {
  struct config cfg;
  if (config_load(&cfg, log_path, server, port) != 0) return -1;
  fprintf(cfg.log, "connecting to %s:%d\n", cfg.server, cfg.port);
  config_free(&cfg);
  return 0;
}
