/*
 * Reference counting done right: two references (new + ref) need two
 * unrefs, and the object lives until the last one; a getter's result is
 * borrowed and owns nothing; x = g_object_ref(o) returns the same object,
 * so storing it in the widget hands that reference over (a reference on
 * an object the function does not hold is not counted).
 * connlint-rules: ../../rules/examples/glib.rules
 */
#include "glib.h"

struct widget {
  GObject *model;
};

int show_rows(void) {
  GObject *model = g_object_new("Model", NULL);
  if (model == NULL) return -1;
  g_object_ref(model);
  int n = (g_object_get_data(model, "rows") != NULL);
  g_object_unref(model);
  n += (g_object_get_data(model, "rows") != NULL); /* still alive: one reference left */
  g_object_unref(model);
  return n;
}

int peek_rows(GObject *owner) {
  GObject *model = g_object_get_data(owner, "model"); /* borrowed: no unref */
  return model ? (g_object_get_data(model, "rows") != NULL) : 0;
}

void widget_set_model(struct widget *w, GObject *model) {
  w->model = g_object_ref(model);
}
