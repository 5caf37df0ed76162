/*
 * Reference counting: g_object_new() gives one reference, g_object_ref()
 * one more, and each g_object_unref() drops one. The cache below takes an
 * extra reference to a new connection for its retry path and drops only
 * one of the two when the probe fails (a leak at g_object_new: one
 * reference is still held); the second function drops the only reference
 * twice (a double release).
 * connlint-rules: ../../rules/examples/glib.rules
 */
#include "glib.h"

int cache_probe(void) {
  GObject *conn = g_object_new("Connection", NULL); // expect: connlint-glib-leak
  if (conn == NULL) return -1;
  g_object_ref(conn); /* for the retry below */
  if (g_object_get_data(conn, "open") == NULL) {
    g_object_unref(conn);
    return -1; /* the retry reference is never dropped */
  }
  int ok = g_object_get_data(conn, "ready") != NULL;
  g_object_unref(conn);
  g_object_unref(conn);
  return ok;
}

void reset_session(void) {
  GObject *s = g_object_new("Session", NULL);
  if (s == NULL) return;
  g_object_unref(s);
  g_object_unref(s); // expect: connlint-double-release
}
