/* netio.c - connects to the local test listener; sizes records. */
#include "netio.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

int net_connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return -1;
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((unsigned short)port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

int net_send_all(int fd, const char *buf, int n) {
  int done = 0;
  while (done < n) {
    ssize_t w = send(fd, buf + done, (size_t)(n - done), 0);
    if (w <= 0)
      return -1;
    done += (int)w;
  }
  return n;
}

int record_len(const char *path) {
  struct stat st;
  size_t n = strlen(path);
  if (stat(path, &st) == 0 && st.st_size > 0)
    n = (size_t)st.st_size;
  return n > 4096 ? 4096 : (int)n;
}
