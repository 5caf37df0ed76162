/*
 * mp_blob_append() frees the blob itself when it fails, so the error branch
 * that frees it again is a double release; mp_blob_submit() takes the blob
 * over only when it succeeds, so returning on its failure leaks it (both
 * functions: send_greeting returns submit's -1 with b still its own). Pool
 * memory (mp_alloc) needs no release.
 * connlint-rules: ../../rules/examples/mempool.rules
 */
#include "mempool.h"
#include <string.h>

int send_greeting(mempool *pool, const char *name) {
  char *line = mp_alloc(pool, 64);
  if (line == NULL) return -1;
  strcpy(line, "hello ");
  mp_blob *b = mp_blob_new(128); // expect: connlint-mempool-leak
  if (b == NULL) return -1;
  if (mp_blob_append(b, line, strlen(line)) != 0) {
    mp_blob_free(b); // expect: connlint-double-release
    return -1;
  }
  if (mp_blob_append(b, name, strlen(name)) != 0) return -1;
  return mp_blob_submit(b);
}

int queue_note(const char *text) {
  mp_blob *b = mp_blob_new(64); // expect: connlint-mempool-leak
  if (b == NULL) return -1;
  if (mp_blob_append(b, text, strlen(text)) != 0) return -1;
  if (mp_blob_submit(b) != 0) return -1; /* the queue refused b: still ours */
  return 0;
}
