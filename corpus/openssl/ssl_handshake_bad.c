/* Exercises: an SSL object leaked when the handshake fails; the context and
   the socket belong to the caller (borrowed by SSL_new and SSL_set_fd). */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>

SSL *tls_wrap(SSL_CTX *ctx, int fd, const char *host) {
  SSL *ssl = SSL_new(ctx); // expect: connlint-ssl-leak
  if (ssl == NULL) return NULL;
  if (SSL_set_fd(ssl, fd) != 1 || SSL_set1_host(ssl, host) != 1) {
    SSL_free(ssl);
    return NULL;
  }
  SSL_set_tlsext_host_name(ssl, host);
  if (SSL_connect(ssl) != 1) {
    ERR_print_errors_fp(stderr);
    return NULL;
  }
  return ssl;
}
