/*
 * fuzz_baseline.c - libFuzzer target: the baseline reader (baseline_parse).
 *
 * The input is the text of a SARIF log used as --baseline; a parsed one is
 * asked about a few fingerprints, which runs its sorted lookup.
 */
#include "baseline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (!text) return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  Baseline b;
  BaselineError err;
  baseline_init(&b);
  if (baseline_parse(&b, "fuzz.sarif", text, &err) == 0) {
    (void)baseline_contains(&b, "0123456789abcdef/1");
    (void)baseline_contains(&b, "");
  }
  baseline_free(&b);
  free(text);
  return 0;
}
