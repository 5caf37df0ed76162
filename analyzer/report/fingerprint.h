/*
 * fingerprint.h - identities of findings that survive unrelated edits.
 *
 * Two kinds, both stored in SARIF partialFingerprints:
 *
 *   "connlint/v1": ours. A hash of the enclosing function's name, the rule
 *   id, the resource kind and the acquiring call's text with whitespace
 *   normalized, then ":N" for the N-th finding with that hash in the run
 *   (two identical malloc(n) in one function). No line or column goes in,
 *   so inserting code above a finding does not change it. Baselines
 *   (baseline.h) match on this value.
 *
 *   "primaryLocationLineHash": GitHub code scanning's own, computed the way
 *   github/codeql-action does for uploads that lack it: a rolling hash over
 *   the 100 non-blank characters starting at the line, with ":N" counting
 *   earlier lines of the file that hash the same. It depends on content
 *   only, so GitHub can follow an alert when lines move.
 */
#ifndef CONNLINT_FINGERPRINT_H
#define CONNLINT_FINGERPRINT_H

#include "arena.h"
#include "finding.h"
#include "srccache.h"

#include <stddef.h>
#include <stdint.h>

/* The partialFingerprints key of ours. */
#define FINGERPRINT_KEY "connlint/v1"

/* The acquisition text with whitespace dropped, except one space kept
   between two identifier characters: "socket( AF_INET,\n  x)" and
   "socket(AF_INET, x)" normalize alike. */
char *fingerprint_normalize(Arena *a, const char *text);

/* 16 lowercase hex digits, without the occurrence suffix. */
char *fingerprint_hash(Arena *a, const Finding *f);

/* The fingerprint ("<hash>:<N>") of every finding of fl, index for index,
   numbering equal hashes in list order. */
const char **fingerprints_compute(Arena *a, const FindingList *fl);

/* Sets Finding.fingerprint from fingerprints_compute. Call after
   findings_sort() and before baseline filtering, so that a run and its
   baseline number alike. */
void fingerprints_assign(FindingList *fl);

/* GitHub's line hash ("<hex>:<N>") of line `line` of f, or NULL when the
   file is unreadable or has no such line. */
const char *fingerprint_line_hash(SourceCache *sc, SourceFile *f, int line);

/* The line hashes of a whole text, index i for line i+1; returns their
   count (a text ending in a line break has one more, empty, last line). */
int fingerprint_hash_lines(Arena *a, const char *text, size_t len, const char ***out);

/* Decodes one UTF-8 sequence at s (n bytes left) into *cp; returns its
   length. Malformed input (bad continuation, overlong form, surrogate, past
   U+10FFFF) yields U+FFFD for one byte, as decoders do. */
int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

#endif
