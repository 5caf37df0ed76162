/*
 * tsfront.h - from C source to IR without a build: tree-sitter's C grammar.
 *
 * libclang needs the flags and headers of a build; a file from a code
 * review, a vendored library or a half-typed editor buffer has neither.
 * tree-sitter parses any text, recovering from errors, and this front end
 * lowers its syntax tree into the same IR as the libclang front end
 * (ir.h), so the engine, summaries, rules and reports do not change.
 *
 * Without a preprocessor and without headers it decides a few things by
 * policy (documented in docs/tree-sitter.md):
 *   - a call written through a function-like macro is a call; a macro the
 *     file itself defines is expanded when its body parses;
 *   - an object-like macro or an unknown name in a condition is an
 *     unknown value;
 *   - `#if 0` takes its #else side; every other #if, #ifdef and #ifndef
 *     takes its first side;
 *   - types come from the file's declarations, then from use (`p->f`, `*p`,
 *     `p == NULL` make p a pointer), then from the rules (what fopen()
 *     returns is a pointer).
 *
 * Stage tsfront (this header): uses ir, rules (type hints) and support,
 * plus tree-sitter, which no other stage names; tsfront_int.h is internal.
 */
#ifndef CONNLINT_TSFRONT_H
#define CONNLINT_TSFRONT_H

#include "ir.h"
#include "rules.h"

typedef struct TsFrontend TsFrontend;

/* rules may be NULL; when given it must outlive the front end. */
TsFrontend *tsfront_new(const RuleSet *rules);
void tsfront_delete(TsFrontend *ts);

/* Parse only: units carry syntax errors but no functions, to measure the
   parser's own share of a run (connlint --parse-only --stats). */
void tsfront_set_parse_only(TsFrontend *ts, bool on);

/* Parses `file`. Returns a new Unit (syntax errors are error Diags; the
   functions around them are still lowered), or NULL with a sentence in
   `why` when the file cannot be read. */
Unit *tsfront_parse(TsFrontend *ts, const char *file, char *why, int whylen);

/* Parses C source held in memory (an editor buffer, tests). */
Unit *tsfront_parse_string(TsFrontend *ts, const char *name, const char *code, size_t len);

#endif
