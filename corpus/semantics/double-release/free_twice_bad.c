/*
 * Decodes a base64 payload into a scratch buffer. On a decode error the
 * buffer is freed in the loop and again after it, since the error only
 * breaks out of the loop: a double free at the second free().
 */
#include <stdlib.h>
#include <string.h>

static int b64val(int c) {
  const char *tbl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const char *p = c ? strchr(tbl, c) : NULL;
  return p ? (int)(p - tbl) : -1;
}

long b64_checksum(const char *in) {
  size_t len = strlen(in);
  unsigned char *buf = malloc(len / 4 * 3 + 3);
  if (!buf) return -1;
  long sum = 0;
  size_t o = 0;
  int bad = 0;
  for (size_t i = 0; i + 3 < len; i += 4) {
    int a = b64val(in[i]), b = b64val(in[i + 1]), c = b64val(in[i + 2]), d = b64val(in[i + 3]);
    if (a < 0 || b < 0 || c < 0 || d < 0) {
      free(buf);
      bad = 1;
      break;
    }
    buf[o++] = (unsigned char)(a << 2 | b >> 4);
    buf[o++] = (unsigned char)(b << 4 | c >> 2);
    buf[o++] = (unsigned char)(c << 6 | d);
  }
  for (size_t i = 0; !bad && i < o; i++)
    sum += buf[i];
  free(buf); // expect: connlint-double-release
  return bad ? -1 : sum;
}
