/*
 * The "tag:" prefixes of tag_prefix_out_param_good.c, where the caller
 * also rejects an empty value: arg is not NULL there, so tags() returned
 * its list, which that early return leaks. One memory leak, at the call.
 */
#include <stdlib.h>
#include <string.h>

struct tag {
  char *name;
  struct tag *next;
};

static void tags_free(struct tag *t) {
  while (t) {
    struct tag *next = t->next;
    free(t->name);
    free(t);
    t = next;
  }
}

static char *split(char *s) {
  char *comma = strchr(s, ',');
  if (!comma) return NULL;
  *comma = '\0';
  return comma + 1;
}

static struct tag *tag_new(const char *name, struct tag *next) {
  struct tag *t = malloc(sizeof *t);
  if (!t) abort();
  t->name = strdup(name);
  if (!t->name) abort();
  t->next = next;
  return t;
}

static int is_tag_prefix(const char *s) {
  return s && strncmp(s, "tag:", 4) == 0;
}

static struct tag *tags(char **arg) {
  struct tag *list = NULL;
  while (is_tag_prefix(*arg)) {
    char *rest = split(*arg);
    list = tag_new(*arg + 4, list);
    *arg = rest;
  }
  if (!*arg) {
    tags_free(list);
    list = NULL;
  }
  return list;
}

struct option {
  struct tag *tags;
  char *value;
};

int parse_option(struct option *o, char *arg) {
  struct tag *t = tags(&arg); // expect: connlint-memory-leak
  if (!arg) return -1;        /* tags and no value */
  if (!*arg) return -1;       /* an empty value */
  o->value = strdup(arg);
  if (!o->value) {
    tags_free(t);
    return -1;
  }
  o->tags = t;
  return 0;
}
