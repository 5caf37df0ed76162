/* Exercises: a server keeps its SSL_CTX in a struct (escape through a
   parameter); each accepted connection's SSL object is stored in the
   per-connection struct and freed by conn_close. */
#include <openssl/ssl.h>
#include <stddef.h>
#include <unistd.h>

struct tls_server {
  SSL_CTX *ctx;
};

struct tls_conn {
  int fd;
  SSL *ssl;
};

int tls_server_init(struct tls_server *srv, const char *cert, const char *key) {
  srv->ctx = SSL_CTX_new(TLS_server_method());
  if (!srv->ctx) return -1;
  if (SSL_CTX_use_certificate_chain_file(srv->ctx, cert) != 1 ||
      SSL_CTX_use_PrivateKey_file(srv->ctx, key, SSL_FILETYPE_PEM) != 1) {
    SSL_CTX_free(srv->ctx);
    srv->ctx = NULL;
    return -1;
  }
  return 0;
}

int tls_conn_accept(struct tls_server *srv, struct tls_conn *c, int fd) {
  c->fd = fd;
  c->ssl = SSL_new(srv->ctx);
  if (!c->ssl) return -1;
  SSL_set_fd(c->ssl, fd);
  return SSL_accept(c->ssl) == 1 ? 0 : -1;
}

void tls_conn_close(struct tls_conn *c) {
  if (c->ssl) {
    SSL_shutdown(c->ssl);
    SSL_free(c->ssl);
  }
  close(c->fd);
  c->ssl = NULL;
  c->fd = -1;
}
