/*
 * The proxy's request accounting under the backend pool lock
 * (req->conn->backend->pool.lock). A request whose backend is being drained
 * returns from inside the locked section without unlocking: one finding at
 * the lock call. The normal path unlocks.
 */
#include <pthread.h>
#include <stddef.h>

struct pool {
  pthread_mutex_t lock;
  long requests;
  int draining;
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

int request_account(struct request *req) {
  if (req->conn == NULL) return -1;

  pthread_mutex_lock(&req->conn->backend->pool.lock); // expect: connlint-lock-not-released
  if (req->conn->backend->pool.draining) return -1;
  req->conn->backend->pool.requests++;
  pthread_mutex_unlock(&req->conn->backend->pool.lock);
  return 0;
}
