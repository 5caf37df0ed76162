/*
 * A build without TLS: tls_enabled() always returns 0. Its summary says
 * so, so the two tests of it in serve_client() agree and the context is
 * never created. No finding.
 */
#include <openssl/ssl.h>

static int tls_enabled(void) {
  return 0;
}

int session_log(const char *what);

int serve_client(SSL_CTX *base, int fd) {
  SSL *ssl = NULL;
  if (tls_enabled()) {
    ssl = SSL_new(base);
    if (!ssl) return -1;
    SSL_set_fd(ssl, fd);
  }
  session_log("client");
  if (tls_enabled()) SSL_free(ssl);
  return 0;
}
