/* glib.h - the part of a GLib-like API that the glib_* cases use;
   rules/examples/glib.rules describes it. */
#ifndef CORPUS_GLIB_H
#define CORPUS_GLIB_H
#include <stddef.h>

typedef void *gpointer;
typedef struct _GObject GObject;
typedef struct _GPtrArray GPtrArray;
typedef struct _GString {
  char *str;
  size_t len;
} GString;
typedef struct _GMutex {
  void *p;
} GMutex;
typedef void (*GDestroyNotify)(gpointer data);

gpointer g_malloc(size_t n);
gpointer g_realloc(gpointer mem, size_t n);
char *g_strdup(const char *s);
void g_free(gpointer mem);

GObject *g_object_new(const char *type_name, const char *first_property, ...);
gpointer g_object_ref(gpointer object);
void g_object_unref(gpointer object);
gpointer g_object_get_data(GObject *object, const char *key);

GPtrArray *g_ptr_array_new(void);
GPtrArray *g_ptr_array_new_with_free_func(GDestroyNotify free_func);
void g_ptr_array_add(GPtrArray *array, gpointer data);
void g_ptr_array_unref(GPtrArray *array);

GString *g_string_new(const char *init);
GString *g_string_append(GString *string, const char *val);
char *g_string_free(GString *string, int free_segment);

void g_mutex_lock(GMutex *mutex);
void g_mutex_unlock(GMutex *mutex);
#endif
