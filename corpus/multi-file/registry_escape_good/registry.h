/* registry.h - the set of live client sockets of a server. */
#ifndef REGISTRY_H
#define REGISTRY_H

/* Takes over fd and returns 0, or returns -1 when full (fd untouched). */
int registry_add(int fd);
void registry_close_all(void);

#endif
