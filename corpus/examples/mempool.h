/* mempool.h - a pool allocator in the style of APR and nginx pools, used by
   the mempool_* cases; rules/examples/mempool.rules describes it. */
#ifndef CORPUS_MEMPOOL_H
#define CORPUS_MEMPOOL_H
#include <stddef.h>

typedef struct mempool mempool;
typedef struct mp_blob mp_blob;

mempool *mp_create(size_t block_size);
void mp_destroy(mempool *p);
void *mp_alloc(mempool *p, size_t n);
char *mp_strdup(mempool *p, const char *s);
mp_blob *mp_blob_new(size_t hint);
void mp_blob_free(mp_blob *b);
/* The pool frees b when it is destroyed. */
void mp_adopt(mempool *p, mp_blob *b);
/* 0, or -1 after freeing b (out of memory). */
int mp_blob_append(mp_blob *b, const void *data, size_t n);
/* 0 when the queue took b over (and frees it later); -1 when b is still yours. */
int mp_blob_submit(mp_blob *b);
#endif
