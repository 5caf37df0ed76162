/* Exercises: the digest context freed on the update failure too, with a
   `break` out of the read loop. */
#include <openssl/evp.h>
#include <stdio.h>

int sha256_file(const char *path, unsigned char md[EVP_MAX_MD_SIZE], unsigned *mdlen) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  if (!ctx) {
    fclose(f);
    return -1;
  }
  int ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
  unsigned char buf[8192];
  size_t n;
  while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0) {
    if (EVP_DigestUpdate(ctx, buf, n) != 1) {
      ok = 0;
      break;
    }
  }
  fclose(f);
  if (ok) ok = EVP_DigestFinal_ex(ctx, md, mdlen) == 1;
  EVP_MD_CTX_free(ctx);
  return ok ? 0 : -1;
}
