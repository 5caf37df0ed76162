/*
 * A proxy reading one header line of unknown length from a socket: each
 * recv() segment is copied into a node of a list, and the nodes are
 * joined at the end. Every exit goes through the cleanup walk, which
 * frees each node's buffer and the node, from the head to the last. The
 * list can grow longer than an analyzer follows node by node; a buffer in
 * a node beyond that depth is the walk's to free, as the node is. No
 * finding.
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
    cur->data = malloc(n);
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
    free(first->data);
    free(first);
    first = cur;
  } while (first);
  return ret;
}
