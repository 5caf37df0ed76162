/*
 * The pool idioms: memory from mp_alloc() belongs to the pool, a blob
 * handed to mp_adopt() is freed when the pool is destroyed, a failed
 * mp_blob_append() already freed its blob, and a blob mp_blob_submit()
 * refused is freed by the caller.
 * connlint-rules: ../../rules/examples/mempool.rules
 */
#include "mempool.h"
#include <string.h>

int render(const char *title) {
  mempool *pool = mp_create(4096);
  if (pool == NULL) return -1;
  char *t = mp_strdup(pool, title);
  mp_blob *b = mp_blob_new(256);
  if (t == NULL || b == NULL) {
    if (b != NULL) mp_blob_free(b);
    mp_destroy(pool);
    return -1;
  }
  if (mp_blob_append(b, t, strlen(t)) != 0) {
    mp_destroy(pool); /* b is gone already */
    return -1;
  }
  mp_adopt(pool, b);
  mp_destroy(pool); /* frees b with it */
  return 0;
}

int queue_note(const char *text) {
  mp_blob *b = mp_blob_new(64);
  if (b == NULL) return -1;
  if (mp_blob_append(b, text, strlen(text)) != 0) return -1;
  if (mp_blob_submit(b) != 0) {
    mp_blob_free(b);
    return -1;
  }
  return 0;
}
