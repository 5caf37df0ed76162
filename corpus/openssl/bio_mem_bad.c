/* Exercises: a memory BIO leaked when printing the subject fails. */
#include <openssl/bio.h>
#include <openssl/x509.h>
#include <string.h>

int subject_line(X509 *cert, char *out, size_t outsz) {
  BIO *mem = BIO_new(BIO_s_mem()); // expect: connlint-ssl-leak
  if (!mem) return -1;
  if (X509_NAME_print_ex(mem, X509_get_subject_name(cert), 0, XN_FLAG_ONELINE) < 0) return -1;
  char *data;
  long len = BIO_get_mem_data(mem, &data);
  if (len < 0 || (size_t)len >= outsz) len = (long)outsz - 1;
  memcpy(out, data, (size_t)len);
  out[len] = '\0';
  BIO_free(mem);
  return 0;
}
