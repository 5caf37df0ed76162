/*
 * An array declared without an initializer and filled by read(): the
 * ports come from a state file, so testing ports[1] afterwards is well
 * defined, and the early return it takes leaks the listening socket.
 * read() only borrows the buffer, yet it writes it: only an element no
 * statement and no callee was given to write is unwritten.
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int open_listener(const char *state_file) {
  int ports[2];
  int cfg = open(state_file, O_RDONLY);
  if (cfg < 0) return -1;
  ssize_t n = read(cfg, ports, sizeof ports);
  close(cfg);
  if (n != (ssize_t)sizeof ports) return -1;
  int s = socket(AF_INET, SOCK_STREAM, 0); // expect: connlint-fd-leak
  if (s < 0) return -1;
  if (ports[1] == 0) return -1;
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((unsigned short)ports[1])};
  if (bind(s, (struct sockaddr *)&sa, sizeof sa) < 0) {
    close(s);
    return -1;
  }
  return s;
}
