/* netio.h - loopback TCP helpers of the confirm test program. */
#ifndef NETIO_H
#define NETIO_H

/* A socket connected to 127.0.0.1:port, or -1. The caller closes it. */
int net_connect(int port);

/* Sends all n bytes; returns n, or -1. */
int net_send_all(int fd, const char *buf, int n);

/* Bytes in a record of the file at path (never negative). */
int record_len(const char *path);

#endif
