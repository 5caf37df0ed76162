/*
 * An array made with g_ptr_array_new_with_free_func(g_free) frees the
 * strings added to it when it is released, so nothing leaks; buf =
 * g_realloc(buf, n) keeps the block the call hands back; and
 * g_string_free(s, 0) turns the GString into memory for g_free().
 * connlint-rules: ../../rules/examples/glib.rules
 */
#include "glib.h"
#include <stdio.h>

void list_users(const char *const *users, int n) {
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  if (names == NULL) return;
  for (int i = 0; i < n; i++)
    g_ptr_array_add(names, g_strdup(users[i]));
  printf("%p\n", (void *)names);
  g_ptr_array_unref(names);
}

char *grow(const char *text, size_t n) {
  char *buf = g_malloc(16);
  buf = g_realloc(buf, n);
  GString *s = g_string_new(text);
  s = g_string_append(s, buf);
  g_string_append(s, "!"); /* in place: same pointer */
  g_free(buf);
  return g_string_free(s, 0);
}
