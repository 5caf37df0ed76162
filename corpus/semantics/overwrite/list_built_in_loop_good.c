/*
 * Reading a message into a chain of segments: each turn links a new
 * segment after the current one, then moves the cursor onto it. The
 * segment the cursor leaves is still linked from the one before it (and
 * the chain from its head, which the function returns), so moving the
 * cursor loses nothing, however long the chain grows.
 */
#include <stdlib.h>
#include <unistd.h>

struct seg {
  char buf[256];
  ssize_t len;
  struct seg *next;
};

struct seg *read_segments(int fd) {
  struct seg *head = calloc(1, sizeof *head), *p;
  if (!head) return NULL;
  p = head;
  for (;;) {
    p->len = read(fd, p->buf, sizeof p->buf);
    if (p->len <= 0) break;
    p->next = calloc(1, sizeof *p->next);
    if (!p->next) break;
    p = p->next;
  }
  return head;
}
