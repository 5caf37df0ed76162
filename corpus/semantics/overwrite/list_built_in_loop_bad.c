/*
 * The same chain of segments, but the cursor moves onto each new segment
 * without linking it after the current one: only the first segment is in
 * the chain, and every later one is lost, when the cursor moves on or at
 * the return.
 */
#include <stdlib.h>
#include <unistd.h>

struct seg {
  char buf[256];
  ssize_t len;
  struct seg *next;
};

struct seg *read_segments(int fd) {
  struct seg *head = calloc(1, sizeof *head), *p, *q;
  if (!head) return NULL;
  p = calloc(1, sizeof *p);
  if (!p) return head;
  head->next = p;
  for (;;) {
    p->len = read(fd, p->buf, sizeof p->buf);
    if (p->len <= 0) break;
    q = calloc(1, sizeof *q); // expect: connlint-memory-leak
    if (!q) break;
    p = q;
  }
  return head;
}
