/*
 * A daemon's main(): a long option table handed to getopt_long and a loop
 * filling a settings struct, one case per option. The pid file option
 * strdup()s its argument; given twice, the first copy is overwritten
 * and lost. One lost reference, at the strdup().
 * The analysis must follow every option without running out of budget:
 * the table is only handed to getopt_long, so its cells are not carried
 * along in every state.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct config {
  int port;
  int udp_port;
  int listen;
  int threads;
  int max_conns;
  int memory_limit;
  int verbose;
  int daemon;
  char *pidfile;
  int user;
  int backlog;
  int chunk_size;
  int factor;
  int slab_min;
  int max_item;
  int lock_memory;
  int large_pages;
  int disable_cas;
  int idle_timeout;
  int read_buf;
  int write_buf;
  int tcp_nodelay;
  int reuse_port;
  int stats_interval;
  int log_level;
  int log_file_size;
  int watchdog;
  int max_reqs;
  int keepalive;
  int ssl_port;
};

int serve(const struct config *cfg);

int main(int argc, char **argv) {
  struct config cfg = {0};
  const struct option longopts[] = {
      {"port", required_argument, 0, 'p'},
      {"udp-port", required_argument, 0, 'U'},
      {"listen", required_argument, 0, 'l'},
      {"threads", required_argument, 0, 't'},
      {"max-conns", required_argument, 0, 'c'},
      {"memory-limit", required_argument, 0, 'm'},
      {"verbose", no_argument, 0, 'v'},
      {"daemon", no_argument, 0, 'd'},
      {"pidfile", required_argument, 0, 'P'},
      {"user", required_argument, 0, 'u'},
      {"backlog", required_argument, 0, 'b'},
      {"chunk-size", required_argument, 0, 'n'},
      {"factor", required_argument, 0, 'f'},
      {"slab-min", required_argument, 0, 's'},
      {"max-item", required_argument, 0, 'I'},
      {"lock-memory", no_argument, 0, 'k'},
      {"large-pages", no_argument, 0, 'L'},
      {"disable-cas", no_argument, 0, 'C'},
      {"idle-timeout", required_argument, 0, 'o'},
      {"read-buf", required_argument, 0, 'R'},
      {"write-buf", required_argument, 0, 'W'},
      {"tcp-nodelay", no_argument, 0, 'N'},
      {"reuse-port", no_argument, 0, 'r'},
      {"stats-interval", required_argument, 0, 'S'},
      {"log-level", required_argument, 0, 'g'},
      {"log-file-size", required_argument, 0, 'G'},
      {"watchdog", required_argument, 0, 'w'},
      {"max-reqs", required_argument, 0, 'q'},
      {"keepalive", required_argument, 0, 'K'},
      {"ssl-port", required_argument, 0, 'x'},
      {0, 0, 0, 0},
  };
  int c;
  while ((c = getopt_long(argc, argv, "p:U:l:t:c:m:vdP:u:b:n:f:s:I:kLCo:R:W:NrS:g:G:w:q:K:x:",
                          longopts, NULL)) != -1) {
    switch (c) {
    case 'p':
      cfg.port = atoi(optarg);
      if (cfg.port <= 0) {
        fprintf(stderr, "bad --port\n");
        return 1;
      }
      break;
    case 'U':
      cfg.udp_port = atoi(optarg);
      if (cfg.udp_port <= 0) {
        fprintf(stderr, "bad --udp-port\n");
        return 1;
      }
      break;
    case 'l':
      cfg.listen = atoi(optarg);
      if (cfg.listen <= 0) {
        fprintf(stderr, "bad --listen\n");
        return 1;
      }
      break;
    case 't':
      cfg.threads = atoi(optarg);
      if (cfg.threads <= 0) {
        fprintf(stderr, "bad --threads\n");
        return 1;
      }
      break;
    case 'c':
      cfg.max_conns = atoi(optarg);
      if (cfg.max_conns <= 0) {
        fprintf(stderr, "bad --max-conns\n");
        return 1;
      }
      break;
    case 'm':
      cfg.memory_limit = atoi(optarg);
      if (cfg.memory_limit <= 0) {
        fprintf(stderr, "bad --memory-limit\n");
        return 1;
      }
      break;
    case 'v': cfg.verbose++; break;
    case 'd': cfg.daemon = 1; break;
    case 'P':
      cfg.pidfile = strdup(optarg); // expect: connlint-lost-reference
      break;
    case 'u':
      cfg.user = atoi(optarg);
      if (cfg.user <= 0) {
        fprintf(stderr, "bad --user\n");
        return 1;
      }
      break;
    case 'b':
      cfg.backlog = atoi(optarg);
      if (cfg.backlog <= 0) {
        fprintf(stderr, "bad --backlog\n");
        return 1;
      }
      break;
    case 'n':
      cfg.chunk_size = atoi(optarg);
      if (cfg.chunk_size <= 0) {
        fprintf(stderr, "bad --chunk-size\n");
        return 1;
      }
      break;
    case 'f':
      cfg.factor = atoi(optarg);
      if (cfg.factor <= 0) {
        fprintf(stderr, "bad --factor\n");
        return 1;
      }
      break;
    case 's':
      cfg.slab_min = atoi(optarg);
      if (cfg.slab_min <= 0) {
        fprintf(stderr, "bad --slab-min\n");
        return 1;
      }
      break;
    case 'I':
      cfg.max_item = atoi(optarg);
      if (cfg.max_item <= 0) {
        fprintf(stderr, "bad --max-item\n");
        return 1;
      }
      break;
    case 'k': cfg.lock_memory = 1; break;
    case 'L': cfg.large_pages = 1; break;
    case 'C': cfg.disable_cas = 1; break;
    case 'o':
      cfg.idle_timeout = atoi(optarg);
      if (cfg.idle_timeout <= 0) {
        fprintf(stderr, "bad --idle-timeout\n");
        return 1;
      }
      break;
    case 'R':
      cfg.read_buf = atoi(optarg);
      if (cfg.read_buf <= 0) {
        fprintf(stderr, "bad --read-buf\n");
        return 1;
      }
      break;
    case 'W':
      cfg.write_buf = atoi(optarg);
      if (cfg.write_buf <= 0) {
        fprintf(stderr, "bad --write-buf\n");
        return 1;
      }
      break;
    case 'N': cfg.tcp_nodelay = 1; break;
    case 'r': cfg.reuse_port = 1; break;
    case 'S':
      cfg.stats_interval = atoi(optarg);
      if (cfg.stats_interval <= 0) {
        fprintf(stderr, "bad --stats-interval\n");
        return 1;
      }
      break;
    case 'g':
      cfg.log_level = atoi(optarg);
      if (cfg.log_level <= 0) {
        fprintf(stderr, "bad --log-level\n");
        return 1;
      }
      break;
    case 'G':
      cfg.log_file_size = atoi(optarg);
      if (cfg.log_file_size <= 0) {
        fprintf(stderr, "bad --log-file-size\n");
        return 1;
      }
      break;
    case 'w':
      cfg.watchdog = atoi(optarg);
      if (cfg.watchdog <= 0) {
        fprintf(stderr, "bad --watchdog\n");
        return 1;
      }
      break;
    case 'q':
      cfg.max_reqs = atoi(optarg);
      if (cfg.max_reqs <= 0) {
        fprintf(stderr, "bad --max-reqs\n");
        return 1;
      }
      break;
    case 'K':
      cfg.keepalive = atoi(optarg);
      if (cfg.keepalive <= 0) {
        fprintf(stderr, "bad --keepalive\n");
        return 1;
      }
      break;
    case 'x':
      cfg.ssl_port = atoi(optarg);
      if (cfg.ssl_port <= 0) {
        fprintf(stderr, "bad --ssl-port\n");
        return 1;
      }
      break;
    default: fprintf(stderr, "usage: %s [options]\n", argv[0]); return 1;
    }
  }
  int rc = serve(&cfg);
  free(cfg.pidfile);
  return rc;
}
