/*
 * A proxy keeps per-backend counters in the backend's pool, reached from
 * the request: req->conn->backend->pool.lock, three pointers out. The
 * handler returns early when the request has no connection, then counts
 * under the pool lock, with an extra counter for errors inside a branch,
 * and unlocks. Every locking path unlocks: no finding.
 */
#include <pthread.h>
#include <stddef.h>

struct pool {
  pthread_mutex_t lock;
  long requests;
  long errors;
};

struct backend {
  const char *name;
  struct pool pool;
};

struct upstream_conn {
  int fd;
  struct backend *backend;
};

struct request {
  int status;
  struct upstream_conn *conn;
};

void request_finish(struct request *req) {
  if (req->conn == NULL) return;

  pthread_mutex_lock(&req->conn->backend->pool.lock);
  req->conn->backend->pool.requests++;
  if (req->status >= 500) {
    req->conn->backend->pool.errors++;
  }
  pthread_mutex_unlock(&req->conn->backend->pool.lock);
}
