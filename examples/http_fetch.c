/*
 * A small HTTP/1.0 fetcher: resolves a host, connects, sends a GET and
 * writes the response to a file. It has two resource bugs of the kind
 * connlint finds: the socket leaks when send() fails, and the addrinfo
 * list leaks when every connect() attempt fails.
 */
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int connect_to(const char *host, const char *port) {
  struct addrinfo hints, *res, *ai;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, port, &hints, &res) != 0)
    return -1;
  for (ai = res; ai != NULL; ai = ai->ai_next) {
    int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (fd < 0)
      continue;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
      freeaddrinfo(res);
      return fd; /* the caller owns the socket */
    }
    close(fd);
  }
  return -1; /* res is never freed on this path */
}

int fetch(const char *host, const char *path, const char *out) {
  char req[512], buf[4096];
  int fd = connect_to(host, "80");
  if (fd < 0)
    return -1;
  FILE *fp = fopen(out, "w");
  if (fp == NULL) {
    close(fd);
    return -1;
  }
  int n = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n", path, host);
  if (send(fd, req, (size_t)n, 0) != n) {
    fclose(fp);
    return -1; /* fd leaks here */
  }
  ssize_t got;
  while ((got = recv(fd, buf, sizeof buf, 0)) > 0)
    fwrite(buf, 1, (size_t)got, fp);
  fclose(fp);
  close(fd);
  return got < 0 ? -1 : 0;
}
