/* Exercises: SSL_free in the handshake error branch and again in the common
   exit: a double release. The socket is closed once. */
#include <openssl/ssl.h>
#include <unistd.h>

int tls_ping(SSL_CTX *ctx, int fd) {
  int ret = 0;
  SSL *ssl = SSL_new(ctx);
  if (!ssl) {
    close(fd);
    return -1;
  }
  SSL_set_fd(ssl, fd);
  if (SSL_connect(ssl) != 1) {
    SSL_free(ssl);
    ret = -1;
  } else if (SSL_write(ssl, "PING\r\n", 6) != 6) {
    ret = -1;
  }
  SSL_free(ssl); // expect: connlint-double-release
  close(fd);
  return ret;
}
