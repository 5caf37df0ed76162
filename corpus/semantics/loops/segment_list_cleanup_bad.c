/*
 * The header-line reader of segment_list_cleanup_good.c, whose cleanup
 * walk frees the nodes but forgets their buffers: the first segment's
 * buffer leaks on every exit (and so do the others, reported once per
 * acquisition site). One memory leak, at the segment buffer's malloc().
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct segment {
  char *data;
  size_t len;
  struct segment *next;
};

long read_line(int fd, char **out) {
  char buf[256];
  long ret, total = 0;
  struct segment *first = calloc(1, sizeof *first), *cur;
  if (!first) return -1;
  cur = first;
  for (;;) {
    ret = recv(fd, buf, sizeof buf, MSG_PEEK);
    if (ret <= 0) goto out;
    char *nl = memchr(buf, '\n', (size_t)ret);
    size_t n = nl ? (size_t)(nl - buf + 1) : (size_t)ret;
    total += (long)n;
    cur->data = malloc(n); // expect: connlint-memory-leak
    if (!cur->data) {
      ret = -1;
      goto out;
    }
    ret = recv(fd, cur->data, n, 0);
    if (ret == -1) goto out;
    cur->len = n;
    if (nl) {
      cur->next = NULL;
      break;
    }
    cur->next = calloc(1, sizeof *cur->next);
    if (!cur->next) {
      ret = -1;
      goto out;
    }
    cur = cur->next;
  }
  *out = malloc((size_t)total + 1);
  if (!*out) {
    ret = -1;
    goto out;
  }
  total = 0;
  for (cur = first; cur; cur = cur->next) {
    memcpy(*out + total, cur->data, cur->len);
    total += (long)cur->len;
  }
  (*out)[total] = '\0';
  ret = total;
out:
  do {
    cur = first->next;
    free(first);
    first = cur;
  } while (first);
  return ret;
}
