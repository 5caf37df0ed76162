/*
 * The HTTP fetcher with the socket closed as soon as the response has been
 * read, before the response is validated, so no later return can leak it.
 */
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

long http_get(const char *host, const char *path, char *resp, size_t cap) {
  struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai;
  if (getaddrinfo(host, "80", &hints, &ai) != 0) return -1;
  int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
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
  close(fd);
  resp[len] = '\0';
  if (strncmp(resp, "HTTP/", 5) != 0) return -1;
  return (long)len;
}
