/*
 * The same set-intersection routine, with a fourth command that stores the
 * count under a key: it passes a destination and count-only together. On
 * that call the result set is created (there is a destination) and never
 * freed (the count-only branch replies and skips the store). One call site
 * agrees with the path, so both the set and its member array leak.
 */
#include <stdlib.h>
#include <string.h>

struct client;
struct set {
  long *members;
  int n;
};

void reply_count(struct client *c, long n);
void reply_member(struct client *c, long m);
void store_key(struct client *c, const char *key, const struct set *s);
int set_has(const struct set *s, long m);

static void inter_generic(struct client *c, struct set **sets, int nsets, const char *dstkey,
                          int count_only) {
  struct set *dst = NULL;
  long card = 0;
  if (dstkey) {
    dst = calloc(1, sizeof(*dst)); // expect: connlint-memory-leak
    if (!dst) return;
    dst->members = calloc((size_t)sets[0]->n, sizeof(long)); // expect: connlint-memory-leak
    if (!dst->members) {
      free(dst);
      return;
    }
  }
  for (int i = 0; i < sets[0]->n; i++) {
    long m = sets[0]->members[i];
    int j;
    for (j = 1; j < nsets; j++)
      if (!set_has(sets[j], m)) break;
    if (j < nsets) continue;
    if (count_only)
      card++;
    else if (!dstkey)
      reply_member(c, m);
    else
      dst->members[dst->n++] = m;
  }
  if (count_only) {
    reply_count(c, card);
  } else if (dstkey) {
    store_key(c, dstkey, dst);
    free(dst->members);
    free(dst);
  }
}

void sinter_command(struct client *c, struct set **sets, int n) {
  inter_generic(c, sets, n, NULL, 0);
}

void sintercard_command(struct client *c, struct set **sets, int n) {
  inter_generic(c, sets, n, NULL, 1);
}

void sinterstore_command(struct client *c, struct set **sets, int n, const char *key) {
  inter_generic(c, sets, n, key, 0);
}

void sintercard_store_command(struct client *c, struct set **sets, int n, const char *key) {
  inter_generic(c, sets, n, key, 1);
}
