/*
 * cache.h - per-unit results kept between runs, so a second whole-program
 * run of an unchanged tree parses nothing.
 *
 * A cache directory holds one entry per translation unit and
 * configuration (its "slot": the file's path, working directory, compiler
 * arguments, the analysis options; an entry also names the connlint binary
 * that wrote it, and no other binary reuses it). An entry says
 * what the unit's results depended on when they were computed:
 *
 *   - the digest of the file and of every file it included;
 *   - the digest of the rule set (packs, rule files, ownership attributes);
 *   - the summary each function it calls from another unit had then
 *     (its imports), and which of its external names were ambiguous;
 *
 * and what they were: its ownership attributes (to rebuild the rule set
 * without parsing), its functions' summaries and its findings.
 *
 * An entry is fresh when the file and its includes are unchanged; its
 * results are reusable when, in addition, the rule set and every import
 * are unchanged. The driver (driver_cache.c) decides that; this module
 * stores, reads and digests. Entries are written to a temporary file and
 * renamed, so runs sharing a directory never see half an entry; an entry
 * that does not parse is treated as missing. cache_close trims the
 * directory to a size budget, least recently used entries first.
 *
 * Stage cache (this header): uses finding, rules, ir and support. It knows
 * nothing of libclang or the engine; summaries pass through it as text.
 */
#ifndef CONNLINT_CACHE_H
#define CONNLINT_CACHE_H

#include "arena.h"
#include "finding.h"
#include "ir.h"
#include "rules.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct Digest {
  uint64_t h[2];
} Digest;

Digest digest_bytes(const void *p, size_t n);
Digest digest_str(const char *s);
/* d := digest of d followed by e: for keys made of several parts. */
void digest_mix(Digest *d, Digest e);
bool digest_equal(Digest a, Digest b);
/* 32 hex digits and a NUL. */
void digest_hex(Digest d, char out[33]);
bool digest_parse(const char *hex, Digest *out);
/* The digest of a file's contents; false when it cannot be read. */
bool digest_file(const char *path, Digest *out);

/* The identity of the running binary: the digest of /proc/self/exe, so a
   rebuilt or upgraded connlint with the same version string does not take
   the old one's entries for its own. When the executable cannot be read,
   the version string's digest, with a sentence for the user in note
   (otherwise note is ""). Read once per process (a few milliseconds), at
   the boundary, and handed to cache_open. */
Digest cache_build_id(char *note, int notelen);

typedef struct Cache Cache;

/* Opens the cache in `dir`, creating it, for the binary `build`
   (cache_build_id): entries another build wrote read as missing.
   max_bytes 0: the default budget (256 MiB). NULL with a sentence in err
   when the directory cannot be created or written. */
Cache *cache_open(const char *dir, size_t max_bytes, Digest build, char *err, int errlen);
/* Trims to the budget if the run wrote anything, then frees. */
void cache_close(Cache *c);
const char *cache_dir(const Cache *c);

/* The default directory: $XDG_CACHE_HOME/connlint (an absolute path, as
   the XDG specification asks), else ~/.cache/connlint, else
   /tmp/connlint-cache-UID. Entries are keyed by file path, flags and
   options, so projects share it safely. */
const char *cache_default_dir(Arena *a);

/* The digest of a file's contents, each file read once per Cache (headers
   are shared by many units). false when it cannot be read. Not thread-safe:
   the driver calls it from one thread. */
bool cache_file_digest(Cache *c, const char *path, Digest *out);

/* File digests kept from one Cache to the next (memo.c), for a process that
   opens the cache again and again (the language server, per keystroke): a
   file whose stat is unchanged is not read again. cache_memo_sweep forgets
   the files not asked about since the previous sweep (call it after each
   run: the memo then holds the files one run reads). The memo outlives
   every Cache that uses it; one thread at a time. */
typedef struct CacheMemo CacheMemo;
CacheMemo *cache_memo_new(void);
void cache_memo_delete(CacheMemo *m);
void cache_memo_sweep(CacheMemo *m);
int cache_memo_size(const CacheMemo *m);  /* files held */
long cache_memo_hits(const CacheMemo *m); /* digests given without reading */
void cache_use_memo(Cache *c, CacheMemo *m);

typedef struct CacheImport {
  const char *name;
  Digest summary; /* digest_str of summary_write_rule's text, "" for none */
} CacheImport;

typedef struct CacheDef {
  const char *name; /* an external function the unit defines */
  bool ambiguous;   /* defined elsewhere too when the entry was written */
} CacheDef;

typedef struct CacheUnit {
  const char *path; /* the unit's main file, as the job names it */
  Digest file;      /* its contents */
  const char **deps;
  Digest *dep_digests;
  int ndeps;
  Digest rules;
  const char *attrs;     /* cache_attrs_write text */
  const char *summaries; /* summary_write_unit text */
  CacheImport *imports;
  int nimports;
  CacheDef *defs;
  int ndefs;
  const char *findings; /* cache_findings_write text */
  /* Whole-program facts: what the unit adds (cache_program_write and
     summary_write_facts text), and the digest of what the program gave it
     (cache_program_context and summary_write_unit_pre text) when its
     results were computed. */
  const char *program;
  const char *facts;
  Digest context;
  /* The rule set checked against the unit (it is part of the key): each
     warning ("warn FILE LINE MSG") and each rule a call matched ("match
     NAME"), for --check-rules. */
  const char *checks;
} CacheUnit;

/* Reads the entry of `slot` into *out (strings in a). Returns 0, or -1
   when there is none, it is damaged (then removed) or another build of
   connlint wrote it. */
int cache_unit_load(Cache *c, Digest slot, Arena *a, CacheUnit *out);
/* Writes the entry atomically (temporary file, then rename). Returns 0 or
   -1; a failed write only costs the next run time. */
int cache_unit_store(Cache *c, Digest slot, const CacheUnit *u);
/* Removes the entry of `slot`, if any (its unit changed and is no longer
   cacheable: a later run must not find the old results). */
void cache_unit_forget(Cache *c, Digest slot);
/* Whether the file and every included file still have the recorded
   contents. `file` is the main file's path as the process sees it. */
bool cache_unit_fresh(Cache *c, const CacheUnit *u, const char *file);

/* Findings and notes in a line-based text form, and back. read returns 0,
   or -1 when the text is damaged. */
void cache_findings_write(const FindingList *fl, Buf *out, Arena *a);
int cache_findings_read(FindingList *fl, const char *text);

/* The ownership attributes a unit declares, and the rules they make
   (rules_add_ownership_attrs on the unit as it was parsed). */
void cache_attrs_write(const Unit *u, Buf *out, Arena *a);
int cache_attrs_apply(RuleSet *rs, const char *path, const char *text);

/* Everything of a finished rule set that can change a result. */
Digest cache_rules_digest(const RuleSet *rs);

/* What checking the rule set against a unit finds (checks.c), and back:
   its warnings, each once by `seen` (keyed as rules_check_unit keys
   them), onto `warnings` (RuleWarning *), and the rules its calls
   matched into `matched` (rules_matched). read returns 0 or -1. */
void cache_checks_write(const RuleSet *rs, const Unit *u, Buf *out, Arena *a);
int cache_checks_read(const RuleSet *rs, const char *text, Arena *a, Map *seen, Vec *warnings,
                      Map *matched);

/* What the whole-program passes over IR (ir_fix_globals, unit_merge_fnptrs)
   read of a unit, written before they run (program.c); a Unit carrying
   only that (NULL when the text is damaged), for those passes to take in
   place of a unit that is not parsed; and what they decided for a unit,
   parsed or rebuilt, after they ran. */
void cache_program_write(const Unit *u, Buf *out, Arena *a);
Unit *cache_program_unit(const char *path, const char *text);
void cache_program_context(const Unit *u, Buf *out, Arena *a);

#endif
