/*
 * confirm.c - `connlint confirm`: runs the user's command per finding with
 * its fault plan armed, or reads recorded events, and sets the verdicts.
 *
 * Each run gets its own directory (run-N under the confirm directory) for
 * the runtime's events and the command's output, its own process group (a
 * run that outlives its timeout is killed whole), and the environment
 * CONNLINT_RT_OUT=run-N CONNLINT_CONFIRM=<fingerprint>. Up to `jobs` runs
 * go at once. The directory is kept: the evidence names the run, and its
 * output.log and events are there to read.
 */
#include "confirm.h"

#include "confirm_int.h"
#include "fingerprint.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int confirm_parse_args(ConfirmOptions *o, int *argc, char **argv, char *err, int errlen) {
  int out = 1;
  for (int i = 1; i < *argc; i++) {
    const char *s = argv[i];
    const char **slot = strcmp(s, "--run") == 0           ? &o->run
                        : strcmp(s, "--events") == 0      ? &o->events
                        : strcmp(s, "--confirm-dir") == 0 ? &o->dir
                                                          : NULL;
    if (strcmp(s, "--") == 0) { /* compiler flags follow: keep them all */
      while (i < *argc)
        argv[out++] = argv[i++];
      break;
    }
    if (slot || strcmp(s, "--timeout") == 0) {
      if (i + 1 >= *argc) {
        snprintf(err, (size_t)errlen, "confirm: %s needs a value", s);
        return -1;
      }
      if (slot) {
        *slot = argv[++i];
      } else {
        char *end;
        long t = strtol(argv[++i], &end, 10);
        if (*end || t <= 0 || t > 86400) {
          snprintf(err, (size_t)errlen, "confirm: --timeout wants seconds (1..86400), not '%s'",
                   argv[i]);
          return -1;
        }
        o->timeout = (int)t;
      }
      continue;
    }
    argv[out++] = argv[i];
  }
  *argc = out;
  argv[out] = NULL;
  o->on = true;
  if (!o->run == !o->events) {
    snprintf(err, (size_t)errlen,
             "confirm: give --run CMD (run it per finding) or --events DIR (read recorded "
             "events), one of the two");
    return -1;
  }
  if (o->timeout <= 0) o->timeout = 300;
  return 0;
}

static bool checked(const Finding *f) {
  return (f->kind == FIND_LEAK || f->kind == FIND_LOCK_HELD) && f->fingerprint;
}

typedef struct Run {
  const Finding *f;
  const char *dir;
  pid_t pid;
  double deadline;
  int status; /* exit code, or -1 timed out, -2 could not start */
} Run;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static pid_t start(const ConfirmOptions *o, Run *r) {
  mkdir(r->dir, 0755);
  pid_t pid = fork();
  if (pid > 0) setpgid(pid, pid); /* both sides: no window where a kill misses */
  if (pid != 0) return pid;
  setpgid(0, 0);
  char log[PATH_MAX];
  snprintf(log, sizeof log, "%s/output.log", r->dir);
  int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int nul = open("/dev/null", O_RDONLY);
  if (fd >= 0) {
    dup2(fd, 1);
    dup2(fd, 2);
  }
  if (nul >= 0) dup2(nul, 0);
  setenv("CONNLINT_RT_OUT", r->dir, 1);
  setenv("CONNLINT_CONFIRM", r->f->fingerprint, 1);
  execl("/bin/sh", "sh", "-c", o->run, (char *)NULL);
  _exit(127);
}

/* Runs every run, `jobs` at a time, each within the timeout. */
static void run_all(const ConfirmOptions *o, Run *runs, int n) {
  int jobs = o->jobs > 0 ? o->jobs : 1, next = 0, active = 0;
  while (next < n || active > 0) {
    while (active < jobs && next < n) {
      Run *r = &runs[next++];
      r->pid = start(o, r);
      r->deadline = now() + o->timeout;
      if (r->pid < 0)
        r->status = -2;
      else
        active++;
    }
    int st;
    pid_t pid = waitpid(-1, &st, WNOHANG);
    if (pid > 0) {
      for (int i = 0; i < next; i++)
        if (runs[i].pid == pid) {
          runs[i].status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
          runs[i].pid = 0;
          active--;
        }
      continue;
    }
    for (int i = 0; i < next; i++)
      if (runs[i].pid > 0 && now() > runs[i].deadline) {
        kill(-runs[i].pid, SIGKILL);
        kill(runs[i].pid, SIGKILL);
        waitpid(runs[i].pid, &st, 0);
        runs[i].pid = 0;
        runs[i].status = -1;
        active--;
      }
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
  }
}

static void set_verdict(FindingList *fl, Finding *f, const char *v, const char *ev) {
  f->confirmation = arena_strdup(&fl->arena, v);
  f->confirm_evidence = arena_strdup(&fl->arena, ev);
}

int confirm_findings(FindingList *fl, const ConfirmOptions *o, char *err, int errlen) {
  fingerprints_assign(fl);
  Arena a;
  arena_init(&a);
  if (o->events) {
    const char **files;
    int n = event_files(&a, o->events, &files);
    if (n < 0) {
      snprintf(err, (size_t)errlen, "confirm: cannot read events directory %s: %s", o->events,
               strerror(errno));
      arena_free(&a);
      return -1;
    }
    for (int i = 0; i < fl->findings.len; i++) {
      Finding *f = fl->findings.data[i];
      if (!checked(f)) continue;
      const char *v, *ev;
      verdict_of(&a, f, files, n,
                 arena_printf(&a, "recorded events (%d process%s in %s)", n, n == 1 ? "" : "es",
                              o->events),
                 &v, &ev);
      set_verdict(fl, f, v, ev);
    }
    arena_free(&a);
    return 0;
  }

  char tmpl[PATH_MAX];
  const char *dir = o->dir;
  if (dir) {
    mkdir(dir, 0755);
  } else {
    const char *tmp = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(tmpl, sizeof tmpl, "%s/connlint-confirm-XXXXXX", tmp);
    dir = mkdtemp(tmpl);
  }
  struct stat sb;
  if (!dir || stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
    snprintf(err, (size_t)errlen, "confirm: cannot create a directory for the runs (%s)",
             o->dir ? o->dir : "TMPDIR");
    arena_free(&a);
    return -1;
  }
  Run *runs = ARENA_ARRAY(&a, Run, fl->findings.len + 1);
  int n = 0;
  for (int i = 0; i < fl->findings.len; i++) {
    Finding *f = fl->findings.data[i];
    if (!checked(f)) continue;
    runs[n].f = f;
    runs[n].dir = arena_printf(&a, "%s/run-%d", dir, n + 1);
    n++;
  }
  run_all(o, runs, n);
  for (int i = 0; i < n; i++) {
    Run *r = &runs[i];
    const char *status = r->status == -1   ? arena_printf(&a, "timed out after %ds", o->timeout)
                         : r->status == -2 ? "could not start"
                                           : arena_printf(&a, "exit %d", r->status);
    const char *label = arena_printf(&a, "run %d (%s, %s)", i + 1, r->dir, status);
    const char **files;
    int nf = event_files(&a, r->dir, &files);
    const char *v, *ev;
    verdict_of(&a, r->f, files, nf < 0 ? 0 : nf, label, &v, &ev);
    set_verdict(fl, (Finding *)r->f, v, ev);
  }
  arena_free(&a);
  return 0;
}
