/* Exercises: the certificate freed on both outcomes of the host check. */
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>

int cert_matches_host(const char *path, const char *host) {
  FILE *fp = fopen(path, "r");
  if (!fp) return -1;
  X509 *cert = PEM_read_X509(fp, NULL, NULL, NULL);
  fclose(fp);
  if (!cert) return -1;
  int ok = X509_check_host(cert, host, strlen(host), 0, NULL) == 1;
  if (!ok) fprintf(stderr, "%s: not valid for %s\n", path, host);
  X509_free(cert);
  return ok;
}
