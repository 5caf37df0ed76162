/*
 * Types without headers: a typedef the file declares, a pointer known from
 * its use (`c->fd`, `h == NULL`), and a value a rule says is a pointer
 * (fopen). The dump shows each variable's type class.
 */
#include <stdio.h>
#include <stdlib.h>

typedef struct conn *conn_ref;
struct conn {
  int fd;
  char *buf;
};

int use(conn_ref c, session_t s, handle_t h, const char *path) {
  if (c->fd < 0) return -1;
  if (h == NULL) return -2;
  widget w = make_widget(s);
  FILE *out = fopen(path, "w");
  if (!out) return -3;
  fclose(out);
  return w.size;
}
