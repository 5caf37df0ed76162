/* A helper unit of the LSP test project: opens and closes connections.
   The language server must know these through the program's summaries
   while another file is edited. */
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int conn_open(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
    close(fd);
    return -1;
  }
  return fd;
}

void conn_release(int fd) {
  close(fd);
}
