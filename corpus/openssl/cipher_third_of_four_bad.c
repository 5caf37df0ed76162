/* Exercises: AES-GCM encryption with four error returns after the cipher
   context exists; only the third (EncryptFinal failing) leaks it. */
#include <openssl/evp.h>

int seal(const unsigned char key[32], const unsigned char iv[12], const unsigned char *in, int inl,
         unsigned char *out, unsigned char tag[16]) {
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new(); // expect: connlint-ssl-leak
  if (!ctx) return -1;
  int len, total;
  if (EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv) != 1) {
    EVP_CIPHER_CTX_free(ctx);
    return -1;
  }
  if (EVP_EncryptUpdate(ctx, out, &len, in, inl) != 1) {
    EVP_CIPHER_CTX_free(ctx);
    return -1;
  }
  total = len;
  if (EVP_EncryptFinal_ex(ctx, out + len, &len) != 1) return -1;
  total += len;
  if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag) != 1) {
    EVP_CIPHER_CTX_free(ctx);
    return -1;
  }
  EVP_CIPHER_CTX_free(ctx);
  return total;
}
