/* Dialing the metrics collector: 0 and the socket in *out, or an error. */
#ifndef DIAL_H
#define DIAL_H

int collector_dial(const char *path, int *out);

#endif
