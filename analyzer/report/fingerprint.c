/*
 * fingerprint.c - connlint keys and GitHub line hashes (see fingerprint.h).
 *
 * The connlint key is FNV-1a (64 bit) over NUL-separated fields: stable
 * across platforms and releases, which is all a baseline needs. The line
 * hash follows github/codeql-action's src/fingerprints.ts step by step,
 * including its quirks (the window spans following lines, CR and CRLF read
 * as LF, an end-of-file marker 65535), over the UTF-16 code units of the
 * text, because that is what JavaScript's charCodeAt sees.
 */
#include "fingerprint.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* ---- Occurrence counting ------------------------------------------------- */

/* Counts of 64-bit keys in an open-addressing table sized for `n` keys. */
typedef struct Counter {
  uint64_t *keys;
  int *counts; /* 0: empty slot */
  size_t mask;
} Counter;

static void counter_init(Counter *c, Arena *a, size_t n) {
  size_t cap = 16;
  while (cap < 2 * n)
    cap *= 2;
  c->keys = ARENA_ARRAY(a, uint64_t, cap);
  c->counts = ARENA_ARRAY(a, int, cap);
  c->mask = cap - 1;
}

/* Adds one occurrence of k; returns how many there are now. */
static int counter_bump(Counter *c, uint64_t k) {
  size_t i = (size_t)(k ^ (k >> 29)) & c->mask;
  while (c->counts[i] && c->keys[i] != k)
    i = (i + 1) & c->mask;
  c->keys[i] = k;
  return ++c->counts[i];
}

/* ---- connlint/v1 ---------------------------------------------------------- */

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

/* Hashes s and a NUL after it, so ("ab", "c") and ("a", "bc") differ. */
static uint64_t fnv_field(uint64_t h, const char *s) {
  for (; s && *s; s++)
    h = (h ^ (unsigned char)*s) * FNV_PRIME;
  return h * FNV_PRIME; /* h ^ '\0' == h */
}

static bool is_word(unsigned char c) {
  return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         c >= 0x80;
}

static bool is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *fingerprint_normalize(Arena *a, const char *text) {
  Buf b = {0};
  buf_puts(a, &b, "");
  for (const unsigned char *s = (const unsigned char *)(text ? text : ""); *s;) {
    if (!is_blank(*s)) {
      buf_putc(a, &b, (char)*s++);
      continue;
    }
    while (is_blank(*s))
      s++;
    if (b.len && is_word((unsigned char)b.data[b.len - 1]) && is_word(*s)) buf_putc(a, &b, ' ');
  }
  return b.data;
}

static uint64_t key_of(Arena *a, const Finding *f) {
  uint64_t h = FNV_OFFSET;
  h = fnv_field(h, FINGERPRINT_KEY);
  h = fnv_field(h, f->func);
  h = fnv_field(h, f->rule_id);
  h = fnv_field(h, f->kind_id);
  h = fnv_field(h, fingerprint_normalize(a, f->acq_text));
  return h;
}

char *fingerprint_hash(Arena *a, const Finding *f) {
  return arena_printf(a, "%016llx", (unsigned long long)key_of(a, f));
}

const char **fingerprints_compute(Arena *a, const FindingList *fl) {
  const char **out = ARENA_ARRAY(a, const char *, fl->findings.len + 1);
  Counter seen;
  counter_init(&seen, a, (size_t)fl->findings.len);
  for (int i = 0; i < fl->findings.len; i++) {
    uint64_t k = key_of(a, fl->findings.data[i]);
    out[i] = arena_printf(a, "%016llx:%d", (unsigned long long)k, counter_bump(&seen, k));
  }
  return out;
}

void fingerprints_assign(FindingList *fl) {
  const char **fps = fingerprints_compute(&fl->arena, fl);
  for (int i = 0; i < fl->findings.len; i++)
    ((Finding *)fl->findings.data[i])->fingerprint = fps[i];
}

/* ---- primaryLocationLineHash ---------------------------------------------- */

enum { BLOCK = 100, END_OF_FILE = 65535 };

typedef struct LineHasher {
  Arena *arena;
  uint32_t window[BLOCK];
  int line_at[BLOCK]; /* line number starting at this window slot, or -1 */
  uint64_t hash, first_mod;
  int index, line;
  bool line_start, prev_cr;
  Counter seen;
  const char **out;
  int nout, cap;
} LineHasher;

static void emit_hash(LineHasher *h) {
  int line = h->line_at[h->index];
  int n = counter_bump(&h->seen, h->hash);
  if (line >= 1 && line <= h->cap) {
    h->out[line - 1] = arena_printf(h->arena, "%llx:%d", (unsigned long long)h->hash, n);
    if (line > h->nout) h->nout = line;
  }
  h->line_at[h->index] = -1;
}

static void update_hash(LineHasher *h, uint32_t c) {
  uint32_t begin = h->window[h->index];
  h->window[h->index] = c;
  h->hash = 37 * h->hash + c - h->first_mod * begin; /* mod 2^64, as Long does */
  h->index = (h->index + 1) % BLOCK;
}

static void process_char(LineHasher *h, uint32_t c) {
  if (c == ' ' || c == '\t' || (h->prev_cr && c == '\n')) {
    h->prev_cr = false;
    return;
  }
  h->prev_cr = c == '\r';
  if (c == '\r') c = '\n';
  if (h->line_at[h->index] != -1) emit_hash(h);
  if (h->line_start) {
    h->line_start = false;
    h->line_at[h->index] = ++h->line;
  }
  if (c == '\n') h->line_start = true;
  update_hash(h, c);
}

int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
  int len = s[0] < 0x80                   ? 1
            : s[0] >= 0xc2 && s[0] < 0xe0 ? 2
            : s[0] >= 0xe0 && s[0] < 0xf0 ? 3
            : s[0] >= 0xf0 && s[0] < 0xf5 ? 4
                                          : 0;
  if (len == 1) {
    *cp = s[0];
    return 1;
  }
  *cp = 0xfffd;
  if (len == 0 || (size_t)len > n) return 1;
  uint32_t v = s[0] & (0x7f >> len);
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80) return 1;
    v = (v << 6) | (s[i] & 0x3f);
  }
  if (v < min[len] || v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return 1;
  *cp = v;
  return len;
}

int fingerprint_hash_lines(Arena *a, const char *text, size_t len, const char ***out) {
  LineHasher h = {.arena = a, .line_start = true};
  h.first_mod = 1;
  for (int i = 0; i < BLOCK; i++) {
    h.first_mod *= 37;
    h.line_at[i] = -1;
  }
  /* Every line break starts a line, plus the first and the end marker's. */
  h.cap = 2;
  for (size_t i = 0; i < len; i++)
    h.cap += text[i] == '\n' || text[i] == '\r';
  h.out = ARENA_ARRAY(a, const char *, h.cap);
  counter_init(&h.seen, a, (size_t)h.cap);

  const unsigned char *s = (const unsigned char *)text;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    i += (size_t)utf8_decode(s + i, len - i, &cp);
    if (cp >= 0x10000) { /* a surrogate pair in UTF-16 */
      process_char(&h, 0xd800 + ((cp - 0x10000) >> 10));
      process_char(&h, 0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else {
      process_char(&h, cp);
    }
  }
  process_char(&h, END_OF_FILE);
  for (int i = 0; i < BLOCK; i++) {
    if (h.line_at[h.index] != -1) emit_hash(&h);
    update_hash(&h, 0);
  }
  *out = h.out;
  return h.nout;
}

const char *fingerprint_line_hash(SourceCache *sc, SourceFile *f, int line) {
  if (!f->text) return NULL;
  if (!f->line_hashes)
    f->nline_hashes = fingerprint_hash_lines(&sc->arena, f->text, f->len, &f->line_hashes);
  if (line < 1 || line > f->nline_hashes) return NULL;
  return f->line_hashes[line - 1];
}
