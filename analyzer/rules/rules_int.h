/*
 * rules_int.h - what the rule modules share and nobody else needs.
 *
 * rules.c owns the RuleSet; rules_parse.c (rule files) and rules_attrs.c
 * (ownership attributes) build a RuleDraft and hand it over in one piece, so
 * a file that fails half-way leaves the set as it was. rules_list.c prints
 * targets and conditions back in the rule language.
 */
#ifndef CONNLINT_RULES_INT_H
#define CONNLINT_RULES_INT_H

#include "rules.h"

/* Kinds and function rules not yet in a RuleSet. The records themselves are
   allocated in the set's arena (a failed draft is unreachable garbage there,
   never visible); the vectors live in a scratch arena. */
typedef struct RuleDraft {
  Vec kinds; /* ResKind * */
  Vec funcs; /* FuncRule * */
} RuleDraft;

/* Adds the draft's kinds and rules to rs. A rule for a name rs already has
   replaces the old one. */
void rules_commit(RuleSet *rs, const RuleDraft *d);

/* The kind named id in rs or in the draft (NULL: none). */
const ResKind *rules_draft_kind(const RuleSet *rs, const RuleDraft *d, const char *id);
/* Some kind in rs or in the draft has this family. */
bool rules_family_known(const RuleSet *rs, const RuleDraft *d, const char *family);

/* The rule for exactly this name (or pattern text) in rs, ignoring patterns
   that would match it; NULL when there is none. */
const FuncRule *rules_find_exact(const RuleSet *rs, const char *name);

void target_print(Arena *a, Buf *out, const Target *t);
void cond_print(Arena *a, Buf *out, const SuccessCond *c);
/* A function rule's clauses, as they would be written after `func NAME:`. */
void funcrule_print(Arena *a, Buf *out, const FuncRule *r);

#endif
