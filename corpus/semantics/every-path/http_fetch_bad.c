/*
 * A tiny HTTP/1.0 fetcher over a plain socket: resolve, connect, send the
 * request, read the response into a caller buffer. The address list is freed
 * right after connecting. When the response does not start with "HTTP/",
 * the function returns -1 with the socket still open: a leak at socket().
 * The other error paths close it.
 */
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

long http_get(const char *host, const char *path, char *resp, size_t cap) {
  struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai;
  if (getaddrinfo(host, "80", &hints, &ai) != 0) return -1;
  int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol); // expect: connlint-fd-leak
  if (fd < 0) {
    freeaddrinfo(ai);
    return -1;
  }
  int rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
  freeaddrinfo(ai);
  if (rc != 0) {
    close(fd);
    return -1;
  }

  char req[1024];
  int n = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", path, host);
  if (n < 0 || (size_t)n >= sizeof req || send(fd, req, (size_t)n, 0) != n) {
    close(fd);
    return -1;
  }

  size_t len = 0;
  ssize_t r;
  while (len + 1 < cap && (r = recv(fd, resp + len, cap - len - 1, 0)) > 0)
    len += (size_t)r;
  resp[len] = '\0';
  if (strncmp(resp, "HTTP/", 5) != 0) return -1;
  close(fd);
  return (long)len;
}
