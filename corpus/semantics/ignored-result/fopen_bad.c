/*
 * Touches a marker file by calling fopen(path, "a") for its side effect of
 * creating the file, and never keeps the stream. The FILE* (and its
 * descriptor) is lost immediately: an ignored result at the fopen() call.
 * utime() then updates the timestamps.
 */
#include <stdio.h>
#include <utime.h>

int touch_marker(const char *path) {
  fopen(path, "a"); // expect: connlint-ignored-result
  return utime(path, NULL);
}
