/*
 * fuzz_config.c - libFuzzer target: the .connlint parser (config_parse).
 *
 * The input is the text of a .connlint file; a parsed one is then merged
 * with an empty command line and asked about a few paths, which runs the
 * exclusion globs it holds.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (!text) return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  Arena a;
  arena_init(&a);
  Config c, cli, merged;
  ConfigError err;
  config_init(&c, "/w/.connlint", "/w");
  config_init(&cli, NULL, "/w");
  if (config_parse(&c, &a, "/w/.connlint", text, "/w", &err) == 0) {
    config_merge(&merged, &a, &c, &cli);
    static const char *const paths[] = {"/w/src/a.c", "/w/third_party/x/y.c", "b.pb.c",
                                        "/elsewhere/c.c", "/w/.hidden/d.c"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
      (void)config_excluded(&merged, paths[i], "/w");
  }
  arena_free(&a);
  free(text);
  return 0;
}
