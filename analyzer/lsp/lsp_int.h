/*
 * lsp_int.h - the language server's parts, shared within analyzer/lsp/.
 *
 *   lsp_rpc.c      Content-Length framing and JSON-RPC messages
 *   lsp_server.c   the session: documents, dispatch, the analysis worker
 *   lsp_analyze.c  one buffer's analysis, as diagnostics and code actions
 *   lsp_program.c  summaries of the rest of the program, kept per database
 */
#ifndef CONNLINT_LSP_INT_H
#define CONNLINT_LSP_INT_H

#include "cache.h"
#include "driver.h"
#include "lsp.h"

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

/* ---- lsp_rpc.c ---- */

enum { RPC_MAX_BYTES = 64 << 20 };

/* Reads one message; 1 on success, 0 at end of input, -1 on a framing or
   JSON error (*bad set to a sentence). */
int rpc_read(FILE *in, json_t **msg, const char **bad);
/* Writes one message (serialized under mu, which the caller owns). */
void rpc_write(FILE *out, pthread_mutex_t *mu, json_t *msg);

/* file:// URI <-> path; malloc'ed, NULL when not a file URI. */
char *uri_to_path(const char *uri);
char *path_to_uri(const char *path);

/* ---- lsp_program.c ---- */

/* The rest of the program comes from the analysis cache `connlint -p`
   uses (see lsp_program.c). Program remembers, per database (at most
   PROGRAM_MAX, least recently used out), whether the cache is up to date
   with the files on disk. */
typedef struct Program Program;
enum { PROGRAM_MAX = 2 };

/* build: the running binary's identity (cache_build_id), read once. */
Program *program_new(Digest build);
void program_delete(Program *p);
/* The cache the CLI uses for the database in dbdir (.connlint cache-dir,
   else the default); NULL when it is off or cannot be opened. */
Cache *program_cache(Program *p, const char *dbdir, FILE *log);
/* The rules and exit-path setting of the .connlint governing dir, as the
   CLI loads them (err: a problem with them, "" if none); not finished. */
RuleSet *program_rules(const char *dir, bool *exit_paths, char *err, size_t errlen);
/* The driver options of `connlint -p` (which key the cache's entries). */
void program_options(DriverOptions *o, bool exit_paths, const atomic_int *cancel);
/* Closes a cache program_cache opened for dbdir, and forgets the file
   digests the run did not ask about. */
void program_release(Program *p, const char *dbdir, Cache *c);
/* An analysis in the database left `left_out` units out of its context. */
void program_note(Program *p, const char *dbdir, int left_out);
/* Whether the cache needs no refresh for dbdir: refreshed once in this
   session, the database unchanged since, and no more units left out than
   that refresh could not cache. */
bool program_ready(Program *p, const char *dbdir);
/* Refreshes the cache: an incremental whole-program run over the database
   (slow the first time: parses every unit). Returns 0, or -1 when the
   database cannot be read or `cancel` was raised (nothing is kept). */
int program_compute(Program *p, const char *dbdir, FILE *log, const atomic_int *cancel);

/* ---- lsp_analyze.c ---- */

typedef struct Analysis {
  json_t *diagnostics; /* LSP Diagnostic[] */
  json_t *actions;     /* per diagnostic, its CodeAction[] (same order) */
  const char *dbdir;   /* the compile database used (static storage in the result) */
  char dbbuf[4096];
} Analysis;

/* Analyzes the buffer `text` of file `path` (uri names it to the client)
   with the summaries `prog` has of the rest of the program (none yet: the
   file's own alone). Sets the analysis's fields; returns -1 when
   cancelled. */
int lsp_analyze(const char *uri, const char *path, const char *text, size_t len, Program *prog,
                const atomic_int *cancel, Analysis *out);

/* Where the compile database for `path` is: the directory holding
   compile_commands.json found the way clangd looks (the file's directory
   and its parents, and their build/), or the nearest .connlint's
   compile-commands; false when none. */
bool lsp_find_db(const char *path, char *dir, size_t dirlen);

#endif
