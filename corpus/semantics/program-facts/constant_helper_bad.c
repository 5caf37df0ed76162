/*
 * A build with TLS always on: tls_enabled() always returns 1, so the SSL
 * object is created on every call, and the early return when logging
 * fails leaks it. One leak, at SSL_new().
 */
#include <openssl/ssl.h>

static int tls_enabled(void) {
  return 1;
}

int session_log(const char *what);

int serve_client(SSL_CTX *base, int fd) {
  SSL *ssl = NULL;
  if (tls_enabled()) {
    ssl = SSL_new(base); // expect: connlint-ssl-leak
    if (!ssl) return -1;
    SSL_set_fd(ssl, fd);
  }
  if (session_log("client") < 0) return -1;
  if (tls_enabled()) SSL_free(ssl);
  return 0;
}
