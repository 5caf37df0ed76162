/* Exercises: a certificate from PEM_read_X509 leaked when the host name
   check fails; the FILE* it was read from is closed right away. */
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>

int cert_matches_host(const char *path, const char *host) {
  FILE *fp = fopen(path, "r");
  if (!fp) return -1;
  X509 *cert = PEM_read_X509(fp, NULL, NULL, NULL); // expect: connlint-ssl-leak
  fclose(fp);
  if (!cert) return -1;
  if (X509_check_host(cert, host, strlen(host), 0, NULL) != 1) {
    fprintf(stderr, "%s: not valid for %s\n", path, host);
    return 0;
  }
  X509_free(cert);
  return 1;
}
