/*
 * A protocol handler whose cases fall through into shared cleanup: the
 * error cases set a status and fall into the close at the end of the
 * switch, the `STATE_DONE` case closes itself and returns. The scratch
 * buffer is freed on every path and the file is closed once per path.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

enum state { STATE_OK, STATE_SHORT, STATE_BAD, STATE_DONE };

int finish_transfer(const char *path, enum state st) {
  int fd = open(path, O_WRONLY | O_APPEND);
  if (fd < 0) return -1;
  char *note = malloc(64);
  if (!note) {
    close(fd);
    return -1;
  }
  int rc = 0;
  switch (st) {
  case STATE_DONE:
    free(note);
    close(fd);
    return 1;
  case STATE_SHORT:
    rc = -2;
    /* fall through */
  case STATE_BAD:
    if (rc == 0) rc = -1;
    /* fall through */
  case STATE_OK:
  default:
    note[0] = rc == 0 ? '+' : '!';
    write(fd, note, 1);
    break;
  }
  free(note);
  close(fd);
  return rc;
}
