/* net.h - opening TCP connections. */
#ifndef NET_H
#define NET_H

/* Returns a connected socket, or -1 (errno set). */
int conn_open(const char *host, const char *port);

#endif
