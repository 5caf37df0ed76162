/* Exercises (with spool.c): a release function in another file taking the
   struct by value; it closes and frees what the copy holds, which is the
   caller's descriptor and buffer. */
#include "dlbuf.h"

#include <stdlib.h>
#include <unistd.h>

void dl_buf_release(struct dl_buf b) {
  if (b.fd >= 0) close(b.fd);
  free(b.data);
}
