/*
 * Containers: g_ptr_array_add(arr, x) stores x in arr. An array made with
 * g_ptr_array_new() has no free function, so unreffing it leaves the
 * strings that were added to it allocated: each g_strdup() leaks. The
 * growth with g_realloc() hands the block back, maybe moved; a bare call
 * drops the new pointer (an ignored result).
 * connlint-rules: ../../rules/examples/glib.rules
 */
#include "glib.h"
#include <stdio.h>

void list_users(const char *const *users, int n) {
  GPtrArray *names = g_ptr_array_new();
  if (names == NULL) return;
  for (int i = 0; i < n; i++)
    g_ptr_array_add(names, g_strdup(users[i])); // expect: connlint-glib-leak
  printf("%p\n", (void *)names);
  g_ptr_array_unref(names); /* frees the array, not the strings */
}

int grow(int n) {
  char *buf = g_malloc(16);
  g_realloc(buf, (size_t)n); // expect: connlint-ignored-result
  return n;
}
