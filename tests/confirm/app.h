/* app.h - what the confirm test program's driver calls. */
#ifndef APP_H
#define APP_H

#include <pthread.h>

struct counter {
  pthread_mutex_t mu;
  long value;
  int journal; /* descriptor the counter logs to */
};

int fetch_to_file(int port, const char *name, const char *path);
int ping(int port);
int copy_file(const char *src, const char *dst);
int checksum_file(const char *path);
int counter_bump(struct counter *c);
int legacy_export(const char *path, const char *text);

#endif
