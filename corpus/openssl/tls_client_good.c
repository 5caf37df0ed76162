/* Exercises: a complete TLS client; socket, SSL_CTX and SSL released in
   reverse order on every path, the fd borrowed by SSL_set_fd and closed
   by the caller of SSL_free. */
#include <netdb.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int tls_get(const struct addrinfo *ai, const char *host, char *buf, int bufsz) {
  int n = -1;
  int fd = socket(ai->ai_family, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) goto out_fd;
  SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
  if (!ctx) goto out_fd;
  SSL_CTX_set_default_verify_paths(ctx);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
  SSL *ssl = SSL_new(ctx);
  if (!ssl) goto out_ctx;
  SSL_set_fd(ssl, fd);
  SSL_set1_host(ssl, host);
  if (SSL_connect(ssl) == 1) {
    char req[256];
    snprintf(req, sizeof req, "GET / HTTP/1.0\r\nHost: %s\r\n\r\n", host);
    if (SSL_write(ssl, req, (int)strlen(req)) > 0) n = SSL_read(ssl, buf, bufsz);
    SSL_shutdown(ssl);
  }
  SSL_free(ssl);
out_ctx:
  SSL_CTX_free(ctx);
out_fd:
  close(fd);
  return n;
}
