/*
 * Reference counting: g_object_new() gives one reference, g_object_ref()
 * one more, and each g_object_unref() drops one. The cache below takes an
 * extra reference to the connection it looks up and forgets to drop it when
 * the lookup fails (a leak at the g_object_ref call); the second function
 * drops the only reference twice (a double release).
 * connlint-rules: ../../rules/examples/glib.rules
 */
#include "glib.h"

int cache_probe(GObject *owner) {
  GObject *conn = g_object_get_data(owner, "conn"); /* borrowed */
  if (conn == NULL)
    return -1;
  g_object_ref(conn); // expect: connlint-glib-leak
  if (g_object_get_data(conn, "open") == NULL)
    return -1; /* the extra reference is never dropped */
  int ok = g_object_get_data(conn, "ready") != NULL;
  g_object_unref(conn);
  return ok;
}

void reset_session(void) {
  GObject *s = g_object_new("Session", NULL);
  if (s == NULL)
    return;
  g_object_unref(s);
  g_object_unref(s); // expect: connlint-double-release
}
