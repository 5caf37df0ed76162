/*
 * digest.c - 128-bit content digests for cache keys.
 *
 * Two independent 64-bit multiply-rotate lanes over 8-byte words, finished
 * with a strong mixer. Not cryptographic: a cache key only has to tell
 * apart the versions of files one user has, and 128 bits make an accidental
 * collision far less likely than a disk error.
 *
 * Also the identity of the running connlint (cache_build_id): entries a
 * rebuilt binary wrote must not be taken for this one's, even when both
 * carry the same version string.
 */
#include "cache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CONNLINT_VERSION
#define CONNLINT_VERSION "0"
#endif

static uint64_t rotl(uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

static uint64_t fmix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

Digest digest_bytes(const void *p, size_t n) {
  const unsigned char *s = p;
  uint64_t a = 0x9e3779b97f4a7c15ULL ^ n, b = 0x6a09e667f3bcc909ULL + n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t k;
    memcpy(&k, s + i, 8);
    a = rotl(a ^ (k * 0x87c37b91114253d5ULL), 31) * 0x4cf5ad432745937fULL;
    b = rotl(b + (k * 0x52dce729ULL), 27) * 0x9e3779b97f4a7c15ULL + 0x38495ab5ULL;
  }
  uint64_t k = 0;
  for (size_t j = 0; i + j < n; j++)
    k |= (uint64_t)s[i + j] << (8 * j);
  a = rotl(a ^ (k * 0x87c37b91114253d5ULL), 31) * 0x4cf5ad432745937fULL;
  b = rotl(b + (k * 0x52dce729ULL), 27) * 0x9e3779b97f4a7c15ULL;
  Digest d = {{fmix(a ^ rotl(b, 17)), fmix(b ^ rotl(a, 41))}};
  return d;
}

Digest digest_str(const char *s) {
  return digest_bytes(s, strlen(s));
}

void digest_mix(Digest *d, Digest e) {
  uint64_t w[4] = {d->h[0], d->h[1], e.h[0], e.h[1]};
  *d = digest_bytes(w, sizeof w);
}

bool digest_equal(Digest a, Digest b) {
  return a.h[0] == b.h[0] && a.h[1] == b.h[1];
}

void digest_hex(Digest d, char out[33]) {
  snprintf(out, 33, "%016llx%016llx", (unsigned long long)d.h[0], (unsigned long long)d.h[1]);
}

/* By hand: an entry holds a digest per header, and sscanf is slow. */
bool digest_parse(const char *hex, Digest *out) {
  uint64_t h[2] = {0, 0};
  for (int i = 0; i < 32; i++) {
    char c = hex[i];
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (v < 0) return false; /* also the end of a shorter string */
    h[i / 16] = h[i / 16] << 4 | (uint64_t)v;
  }
  if (hex[32] != '\0') return false;
  out->h[0] = h[0];
  out->h[1] = h[1];
  return true;
}

/* Chunk by chunk, so a large file needs no buffer of its size. */
bool digest_file(const char *path, Digest *out) {
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  enum { CHUNK = 1 << 20 };
  char *buf = malloc(CHUNK);
  bool ok = buf != NULL;
  Digest d = digest_str("file");
  size_t n;
  while (ok && (n = fread(buf, 1, CHUNK, f)) > 0)
    digest_mix(&d, digest_bytes(buf, n));
  ok = ok && !ferror(f);
  free(buf);
  fclose(f);
  if (ok) *out = d;
  return ok;
}

Digest cache_build_id(char *note, int notelen) {
  Digest d;
  note[0] = '\0';
  if (digest_file("/proc/self/exe", &d)) return d;
  snprintf(note, (size_t)notelen,
           "cannot read /proc/self/exe (%s): cache entries are told apart by the version "
           "string (%s) alone, so a rebuilt connlint may reuse an older build's results "
           "(--no-cache to rule that out)",
           strerror(errno ? errno : EIO), CONNLINT_VERSION);
  return digest_str("version " CONNLINT_VERSION);
}
