/*
 * Appends an audit record. The failure test is `== -1` and jumps to a label
 * that only reports the error: the descriptor is -1 there, so owning nothing
 * is right. The write-failure path closes before jumping.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int audit_append(const char *path, const char *rec) {
  int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0600);
  if (fd == -1) goto fail;

  size_t len = strlen(rec);
  if (write(fd, rec, len) != (ssize_t)len) {
    close(fd);
    goto fail;
  }
  close(fd);
  return 0;

fail:
  perror(path);
  return -1;
}
