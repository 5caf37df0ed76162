/* Exercises: an SSL_CTX leaked when loading the private key fails (the
   certificate failure just above frees it). */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>

SSL_CTX *server_ctx(const char *cert, const char *key) {
  SSL_CTX *ctx = SSL_CTX_new(TLS_server_method()); // expect: connlint-ssl-leak
  if (!ctx) return NULL;
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
    ERR_print_errors_fp(stderr);
    SSL_CTX_free(ctx);
    return NULL;
  }
  if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {
    ERR_print_errors_fp(stderr);
    return NULL;
  }
  return ctx;
}
