/*
 * fuzz_rules.c - libFuzzer target: the rule-file parser (rules_parse).
 *
 * The input is a rule file's text, parsed on its own or (when its first
 * byte is a multiple of 4, a quarter of the inputs: loading the pack is most
 * of the cost) after the built-in posix pack, so that it may use and
 * redefine its kinds and families; then the set is finished and listed,
 * which walks everything the parser built. A parse
 * error is a valid outcome; a crash, leak or sanitizer report is a bug.
 */
#include "rules.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (!text) return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  RuleSet *rs = rules_new();
  RuleError err;
  bool with_pack = size > 0 && data[0] % 4 == 0;
  if ((!with_pack || rules_load_builtin(rs, "posix", &err) == 0) &&
      rules_parse(rs, "fuzz.rules", text, "user", &err) == 0) {
    rules_finish(rs);
    Arena a;
    arena_init(&a);
    Buf b = {0};
    rules_list(rs, &a, &b);
    arena_free(&a);
  }
  rules_delete(rs);
  free(text);
  return 0;
}
