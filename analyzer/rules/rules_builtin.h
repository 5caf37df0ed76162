/*
 * rules_builtin.h - the rule packs compiled into the binary.
 *
 * The table is generated at build time from rules/NAME.rules
 * (cmake/EmbedRules.cmake); the last entry has name == NULL.
 */
#ifndef CONNLINT_RULES_BUILTIN_H
#define CONNLINT_RULES_BUILTIN_H

typedef struct BuiltinPack {
  const char *name; /* "posix" for rules/posix.rules */
  const char *file; /* "rules/posix.rules", for error messages */
  const char *text;
} BuiltinPack;

extern const BuiltinPack builtin_packs[];
/* The same packs' names, NULL-terminated (rules_builtin_pack_names). */
extern const char *const builtin_pack_names[];

#endif
