/* walk.h - recursive directory walk; walk_dir and visit_entry call each
   other across two files. */
#ifndef WALK_H
#define WALK_H

#include <stddef.h>

struct walk_stats {
  size_t files, dirs, bytes;
};

int walk_dir(const char *path, int depth, struct walk_stats *st);
int visit_entry(const char *dir, const char *name, int depth, struct walk_stats *st);

#endif
