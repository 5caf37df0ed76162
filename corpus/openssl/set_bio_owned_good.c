/* Exercises: memory BIOs handed to SSL_set_bio, which takes ownership of
   them: freeing the SSL frees the BIOs, so they are not released here.
   A BIO is freed directly only before the hand-over. */
#include <openssl/bio.h>
#include <openssl/ssl.h>

SSL *memory_tls(SSL_CTX *ctx) {
  SSL *ssl = SSL_new(ctx);
  if (!ssl) return NULL;
  BIO *rbio = BIO_new(BIO_s_mem());
  if (!rbio) {
    SSL_free(ssl);
    return NULL;
  }
  BIO *wbio = BIO_new(BIO_s_mem());
  if (!wbio) {
    BIO_free(rbio);
    SSL_free(ssl);
    return NULL;
  }
  SSL_set_bio(ssl, rbio, wbio);
  SSL_set_connect_state(ssl);
  return ssl;
}
