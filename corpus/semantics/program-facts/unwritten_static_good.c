/*
 * A server's request handler opens a scratch file per request. A
 * file-scope static, `legacy_mode`, would make it hand the request to an
 * old code path before closing the file, but nothing in this file ever
 * assigns it or takes its address (the option that set it was removed):
 * it is 0 on every run, and the file is always closed. No finding.
 */
#include <fcntl.h>
#include <unistd.h>

static int legacy_mode;

int legacy_handle(int client);
void stats_bump(const char *name);

int handle_request(int client) {
  int scratch = open("/tmp/req.scratch", O_RDWR | O_CREAT, 0600);
  if (scratch < 0) return -1;
  stats_bump("requests");
  if (legacy_mode) return legacy_handle(client);
  char buf[256];
  ssize_t n = read(client, buf, sizeof buf);
  if (n > 0) write(scratch, buf, (size_t)n);
  close(scratch);
  return n < 0 ? -1 : 0;
}
