/* Exercises: an EVP_MD_CTX leaked when a digest update fails part-way
   through a file; the FILE* is closed on every path. */
#include <openssl/evp.h>
#include <stdio.h>

int sha256_file(const char *path, unsigned char md[EVP_MAX_MD_SIZE], unsigned *mdlen) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  EVP_MD_CTX *ctx = EVP_MD_CTX_new(); // expect: connlint-ssl-leak
  if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
    EVP_MD_CTX_free(ctx);
    fclose(f);
    return -1;
  }
  unsigned char buf[8192];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
    if (EVP_DigestUpdate(ctx, buf, n) != 1) {
      fclose(f);
      return -1;
    }
  }
  fclose(f);
  int ok = EVP_DigestFinal_ex(ctx, md, mdlen) == 1;
  EVP_MD_CTX_free(ctx);
  return ok ? 0 : -1;
}
