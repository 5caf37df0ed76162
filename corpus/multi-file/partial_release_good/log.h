/* log.h - append-only log sinks that may be a file or a standard stream. */
#ifndef LOG_H
#define LOG_H

#include <stdio.h>

void log_line(FILE *f, const char *tag, const char *msg);
/* Closes f unless it is stdout or stderr. */
void log_close(FILE *f);

#endif
