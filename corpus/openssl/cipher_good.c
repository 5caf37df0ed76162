/* Exercises: the same encryption written with a status flag and a single
   release, the style OpenSSL's own demos use. */
#include <openssl/evp.h>

int seal(const unsigned char key[32], const unsigned char iv[12], const unsigned char *in, int inl,
         unsigned char *out, unsigned char tag[16]) {
  int len, total = -1;
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
  if (!ctx) return -1;
  if (EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv) != 1) goto err;
  if (EVP_EncryptUpdate(ctx, out, &len, in, inl) != 1) goto err;
  total = len;
  if (EVP_EncryptFinal_ex(ctx, out + len, &len) != 1) goto err;
  total += len;
  if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag) != 1) total = -1;
  EVP_CIPHER_CTX_free(ctx);
  return total;
err:
  EVP_CIPHER_CTX_free(ctx);
  return -1;
}
