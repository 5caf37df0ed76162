/*
 * frontend.h - from C source to IR, through libclang.
 *
 * A Frontend wraps one libclang index; use one per thread. frontend_parse
 * parses a translation unit, keeps going past errors (a missing header is a
 * Diag, the functions that parsed are still lowered), and lowers every
 * function body in the main file into a Func (see ir.h). No libclang type
 * leaves this module.
 *
 * Stage frontend (this header): uses ir and support, plus libclang, which no
 * other stage names; frontend_int.h is internal.
 */
#ifndef CONNLINT_FRONTEND_H
#define CONNLINT_FRONTEND_H

#include "ir.h"

typedef struct Frontend Frontend;

Frontend *frontend_new(void);
void frontend_delete(Frontend *fe);

/* Parse only: units carry diagnostics but no functions. For measuring
   libclang's own share of a run (connlint --parse-only --stats). */
void frontend_set_parse_only(Frontend *fe, bool on);

/* The directory holding clang's builtin headers (stddef.h, stdarg.h), for
   -resource-dir; NULL when not found. */
const char *frontend_resource_dir(void);

typedef enum {
  FE_OK,
  FE_NO_FILE,    /* the file cannot be read (missing, a directory, no permission) */
  FE_PARSE_FAIL, /* libclang produced no translation unit at all */
} FrontendStatus;

/* Parses `file` with compiler arguments `args` (without the compiler name,
   -c, -o or the source itself), relative paths resolved against `dir` (NULL:
   the current directory). On FE_OK, *out is a new Unit, even when it carries
   error Diags; on failure *out is NULL and `why` (if given) says what went
   wrong in a sentence. */
FrontendStatus frontend_parse(Frontend *fe, const char *file, const char *const *args, int nargs,
                              const char *dir, Unit **out, char *why, int whylen);

/* As frontend_parse, with the main file's contents taken from `text`
   (len bytes) instead of the disk: an editor's unsaved buffer. The file
   need not exist; headers are still read from the disk. */
FrontendStatus frontend_parse_unsaved(Frontend *fe, const char *file, const char *const *args,
                                      int nargs, const char *dir, const char *text, size_t len,
                                      Unit **out, char *why, int whylen);

/* Parses C source held in memory (unit tests, snippets). */
FrontendStatus frontend_parse_string(Frontend *fe, const char *name, const char *code,
                                     const char *const *args, int nargs, Unit **out);

#endif
