/*
 * Cluster creation in a command-line tool: nodes are grouped by host, each
 * host's group array allocated when its first node is met, and the tool
 * refuses to go on with fewer than 3 masters. The node count comes from
 * the list's unsigned length, so it is never negative, and a quotient never
 * exceeds its dividend in size: once `masters >= 3` holds, node_len is at
 * least 3 (whatever the user passed as replicas), and the cleanup loop
 * over node_len runs and frees the groups.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
  struct node *next;
  const char *ip;
};

struct node_list {
  struct node *head;
  unsigned long len;
};

struct group {
  struct node **nodes;
  int count;
};

static void group_init(struct group *g, int alloc_len) {
  g->nodes = calloc(alloc_len, sizeof *g->nodes);
  g->count = 0;
}

int cluster_create(struct node_list *nodes, int replicas) {
  int i;
  int node_len = nodes->len;
  int masters = node_len / (replicas + 1);
  if (masters < 3) {
    fprintf(stderr, "*** Redis Cluster requires at least 3 master nodes.\n");
    return 0;
  }
  int ip_count = 0;
  const char **ips = calloc(node_len, sizeof *ips);
  struct group *groups = calloc(node_len, sizeof *groups);
  if (!ips || !groups) {
    free(ips);
    free(groups);
    return 0;
  }
  for (struct node *n = nodes->head; n; n = n->next) {
    int found = 0;
    for (i = 0; i < ip_count; i++) {
      if (!strcmp(ips[i], n->ip)) {
        found = 1;
        break;
      }
    }
    if (!found) ips[ip_count++] = n->ip;
    struct group *g = &groups[i];
    if (g->nodes == NULL) group_init(g, node_len);
    g->nodes[g->count++] = n;
  }
  int interleaved = 0;
  while (interleaved < node_len)
    interleaved++;
  free(ips);
  for (i = 0; i < node_len; i++) {
    struct group *g = &groups[i];
    free(g->nodes);
  }
  free(groups);
  return 1;
}
