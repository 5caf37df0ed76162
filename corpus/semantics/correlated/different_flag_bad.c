/*
 * A request logger opens a trace file when `opts->trace` is set but closes it
 * only when `opts->debug` is set, a different flag. With trace on and debug
 * off the stream is still open at return: a leak at fopen(). (Nothing
 * relates the two flags, so that combination is feasible.)
 */
#include <stdio.h>

struct log_opts {
  int trace;
  int debug;
  const char *trace_path;
};

int handle_request(const struct log_opts *opts, const char *req) {
  FILE *trace = NULL;
  if (opts->trace) {
    trace = fopen(opts->trace_path, "a"); // expect: connlint-file-leak
    if (!trace) return -1;
  }

  if (opts->trace) fprintf(trace, "request: %s\n", req);
  if (opts->debug) fprintf(stderr, "handled %s\n", req);

  if (opts->debug && trace) fclose(trace);
  return 0;
}
