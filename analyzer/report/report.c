/*
 * report.c - suppressions, fingerprints, baseline, emitter and exit status,
 * in that order. The findings arrive sorted (driver_run).
 */
#include "report.h"

#include "baseline.h"
#include "emit_sarif.h"
#include "fingerprint.h"
#include "fix.h"
#include "srccache.h"
#include "suppress.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A new file beside `path` (so the rename stays on one file system), with
   the permissions a plain fopen would give. */
static FILE *open_temp(const char *path, char **tmp) {
  size_t n = strlen(path) + 16;
  *tmp = malloc(n);
  if (!*tmp) return NULL;
  snprintf(*tmp, n, "%s.tmp.XXXXXX", path);
  int fd = mkstemp(*tmp);
  FILE *f = NULL;
  if (fd >= 0) {
    mode_t um = umask(0);
    umask(um);
    fchmod(fd, 0666 & ~um);
    f = fdopen(fd, "w");
    if (!f) {
      close(fd);
      unlink(*tmp);
    }
  }
  if (!f) {
    int e = errno;
    free(*tmp);
    *tmp = NULL;
    errno = e;
  }
  return f;
}

int report_write(FindingList *fl, const RuleSet *rs, const ReportOptions *o, char *err,
                 int errlen) {
  /* Suppressions first: they do not change fingerprints, and the baseline
     must see the same list (and repeat numbering) as the run that wrote it. */
  SourceCache sc;
  srccache_init(&sc);
  suppress_apply(fl, &sc);
  fingerprints_assign(fl);
  int baselined = 0;
  if (o->baseline_loaded) {
    baselined = baseline_filter(o->baseline_loaded, fl);
  } else if (o->baseline) {
    Baseline b;
    BaselineError be;
    baseline_init(&b);
    int rc = baseline_load(&b, o->baseline, &be);
    if (rc == 0) baselined = baseline_filter(&b, fl);
    baseline_free(&b);
    if (rc != 0) {
      snprintf(err, (size_t)errlen, "%s", be.msg);
      srccache_free(&sc);
      return -1;
    }
  }

  FILE *out = stdout;
  char *tmp = NULL;
  /* Only a regular file (or a new one) is replaced by rename: a device or a
     pipe (-o /dev/null, -o /dev/stdout) is written in place, or a root
     user's rename would put a plain file where the device was. */
  struct stat st;
  bool special = o->output && stat(o->output, &st) == 0 && !S_ISREG(st.st_mode);
  if (special && !(out = fopen(o->output, "w"))) {
    snprintf(err, (size_t)errlen, "%s: cannot write the report: %s", o->output, strerror(errno));
    srccache_free(&sc);
    return -1;
  }
  if (o->output && !special && !(out = open_temp(o->output, &tmp))) {
    snprintf(err, (size_t)errlen, "%s: cannot write the report: %s", o->output, strerror(errno));
    srccache_free(&sc);
    return -1;
  }

  int status = o->input_failed ? 2 : findings_count_active(fl) > 0 ? 1 : 0;

  int rc = 0;
  if (o->format == FMT_SARIF) {
    Arena a;
    arena_init(&a);
    int n = o->problems ? o->problems->len : 0;
    Note **notes = ARENA_ARRAY(&a, Note *, n + 1);
    for (int i = 0; i < n; i++) {
      const InputProblem *p = o->problems->data[i];
      notes[i] = ARENA_NEW(&a, Note);
      notes[i]->loc = p->loc;
      notes[i]->msg = p->msg;
    }
    SarifOptions so = {
        .tool_version = CONNLINT_VERSION,
        .srcroot = o->srcroot,
        .exit_code = status,
        .execution_successful = status < 2,
        .extra_notes = (const Note *const *)notes,
        .nextra_notes = n,
        .sources = &sc,
        .baseline_used = o->baseline != NULL,
        .category = o->sarif_category,
        .omit_suppressed = o->omit_suppressed,
        .unit_files = o->unit_files,
        .unit_frontends = o->unit_frontends,
        .nunits = o->nunits,
    };
    rc = sarif_emit(out, fl, rs, &so);
    arena_free(&a);
  } else if (o->format == FMT_FIX_DIFF) {
    Arena a;
    arena_init(&a);
    Buf b = {0};
    int skipped;
    fix_diff(fl, &sc, &a, &b, &skipped);
    fputs(buf_str(&a, &b), out);
    if (skipped)
      fprintf(stderr,
              "connlint: %d fix%s left out of the diff (same statement as another fix); apply "
              "it and run again\n",
              skipped, skipped == 1 ? "" : "es");
    arena_free(&a);
  } else if (!o->none_analyzed) {
    TextOptions to = {
        .color = text_want_color(o->color, out),
        .quiet = o->quiet,
        .sources = &sc,
        .baselined = baselined,
    };
    text_emit(out, fl, &to);
    if (o->quiet) {
      to.color = text_want_color(o->color, stderr);
      text_emit_notes(stderr, fl, &to);
    }
  }
  srccache_free(&sc);

  if (fflush(out) != 0 || ferror(out)) rc = -1;
  if (out != stdout && fclose(out) != 0) rc = -1;
  if (tmp) {
    if (rc == 0 && rename(tmp, o->output) != 0) rc = -1;
    if (rc != 0) unlink(tmp);
    free(tmp);
  }
  if (rc != 0) {
    snprintf(err, (size_t)errlen, "%s: writing the report failed",
             o->output ? o->output : "stdout");
    return -1;
  }
  return status;
}
