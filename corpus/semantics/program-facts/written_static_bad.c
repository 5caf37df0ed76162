/*
 * The same handler where an option does set `legacy_mode`: the flag is an
 * ordinary variable, and with it set the early return leaves the scratch
 * file open. One leak, at open().
 */
#include <fcntl.h>
#include <unistd.h>

static int legacy_mode;

int legacy_handle(int client);
void stats_bump(const char *name);

void option_legacy(int on) {
  legacy_mode = on;
}

int handle_request(int client) {
  int scratch = open("/tmp/req.scratch", O_RDWR | O_CREAT, 0600); // expect: connlint-fd-leak
  if (scratch < 0) return -1;
  stats_bump("requests");
  if (legacy_mode) return legacy_handle(client);
  char buf[256];
  ssize_t n = read(client, buf, sizeof buf);
  if (n > 0) write(scratch, buf, (size_t)n);
  close(scratch);
  return n < 0 ? -1 : 0;
}
