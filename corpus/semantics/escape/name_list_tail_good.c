/*
 * A daemon collecting the names given on its command line into a global
 * list, appended through a tail pointer that starts at a local sentinel
 * head. The list is published at the end (`all_names = head.next`), with
 * every node and every copied name in it, however many there are. No
 * finding.
 */
#include <stdlib.h>
#include <string.h>

struct name {
  struct name *next;
  char *name;
};

struct name *all_names;

void add_names(char **args, int n) {
  struct name head = {0}, *tail = &head;
  for (int i = 0; i < n; i++) {
    char *s = strdup(args[i]);
    if (!s) abort();
    tail->next = calloc(1, sizeof *tail->next);
    if (!tail->next) abort();
    tail = tail->next;
    tail->name = s;
  }
  tail->next = all_names;
  all_names = head.next;
}
