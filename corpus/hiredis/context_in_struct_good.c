/* Exercises: a context stored in a long-lived struct (escape through a
   parameter), freed on its error branch and in the close function. */
#include <hiredis/hiredis.h>
#include <sys/time.h>

struct session_store {
  redisContext *ctx;
  int db;
};

int session_store_open(struct session_store *s, const char *host, int port, int db) {
  struct timeval tv = {.tv_sec = 1, .tv_usec = 500000};
  s->ctx = redisConnectWithTimeout(host, port, tv);
  if (s->ctx == NULL) return -1;
  if (s->ctx->err) {
    redisFree(s->ctx);
    s->ctx = NULL;
    return -1;
  }
  s->db = db;
  return 0;
}

void session_store_close(struct session_store *s) {
  if (s->ctx) redisFree(s->ctx);
  s->ctx = NULL;
}
