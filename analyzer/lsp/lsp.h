/*
 * lsp.h - `connlint lsp`: a language server over standard input and output.
 *
 * The editor sends JSON-RPC (Content-Length framed) and connlint answers
 * with diagnostics for each open C file, computed from the buffer's unsaved
 * text, and code actions: the suggested fix (fix.h) and an inline
 * `connlint: ignore` comment. integrations/editors/README.md shows the
 * setup for Neovim, VS Code, Emacs eglot and Helix.
 *
 * Stage lsp (this header): uses driver, cache, report, support and jansson; main.c
 * (stage cli) hands it `connlint lsp`.
 */
#ifndef CONNLINT_LSP_H
#define CONNLINT_LSP_H

#include <stdio.h>

typedef struct LspOptions {
  int debounce_ms; /* wait this long after a change before analyzing */
  FILE *in, *out;
  FILE *log; /* NULL: quiet */
} LspOptions;

/* Serves until `exit`; returns the process exit status (0 when the client
   sent shutdown first, 1 otherwise, as the protocol says). */
int lsp_serve(const LspOptions *o);

/* `connlint lsp [--debounce MS] [--log]`: parses the arguments after "lsp"
   and serves on stdin/stdout. Returns the exit status (2 on a usage error). */
int lsp_main(int argc, char **argv);

#endif
