/* sock.h - socket helpers. */
#ifndef SOCK_H
#define SOCK_H

int sock_listen(unsigned short port);
/* Shuts the socket down and closes it. */
void sock_close(int fd);

#endif
