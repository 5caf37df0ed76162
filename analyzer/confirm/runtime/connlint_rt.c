/*
 * connlint_rt.c - the runtime of instrumented builds (see connlint_rt.h).
 *
 * This is the one file in connlint with process-wide mutable state, because
 * it lives inside the user's program: the table of resources acquired at
 * instrumented sites and not yet released, the event file, and counters.
 * One mutex guards all of it, so the hooks are thread-safe; events go out
 * with one write() each on an O_APPEND descriptor, so a crash loses at most
 * the event being written. A forked child writes its own file.
 *
 * The table holds live resources only: a release removes its entry, so it
 * grows with what the program holds, not with what it did. Events are few
 * too: the first acquisition at each site, each leak point that finds a
 * resource held (and the first that finds it gone), each release of a
 * resource a leak point saw held, and per-site counts at exit. An entry a leak
 * point saw held stays until it is released (the release is then a
 * hand-over: someone else owned it) or the process ends.
 *
 * Fault injection is libfiu's: the instrumented call asks fiu_fail() about
 * its point, and start-up enables "connlint/FP/ *" for each armed finding.
 * The runtime never writes to stdout or stderr unless CONNLINT_RT_OUT is "-"
 * (stderr, asked for).
 */
/* fiu.h turns every libfiu call into a no-op unless this is defined. */
#define FIU_ENABLE 1

#include "connlint_rt.h"

#include <errno.h>
#include <fcntl.h>
#include <fiu-control.h>
#include <fiu.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

enum { ST_LIVE, ST_LEAKED };

typedef struct Held {
  const char *site; /* string literals of the instrumented units */
  const char *fam;
  long long val;
  long frame;
  int scoped;
  int state;
  const char *fp; /* ST_LEAKED: the finding whose leak point saw it */
  struct Held *next;
} Held;

/* Per acquisition site: how often it ran and how often a leak point found
   its resource gone. Only the first acquisition is an event; the counts go
   out at exit, so a hot loop costs no write per turn. */
typedef struct Site {
  const char *site;
  unsigned long acquired, gone;
  struct Site *next;
} Site;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static Site *sites;
static int recording; /* CONNLINT_RT_OUT was set */
static char out_dir[PATH_MAX];
static int out_fd = -1;
static pid_t out_pid;
static unsigned long seq;
static long frames;
static Held *held;

static long long value_of(const void *v, unsigned long n) {
  if (!v) return 0;
  switch (n) {
  case 1: return *(const signed char *)v;
  case 2: return *(const short *)v;
  case 4: return *(const int *)v;
  case 8: return *(const long long *)v;
  }
  long long x = 0;
  memcpy(&x, v, n < sizeof x ? n : sizeof x);
  return x;
}

/* Appends s as a JSON string. */
static size_t put_str(char *buf, size_t len, size_t cap, const char *s) {
  if (len < cap) buf[len++] = '"';
  for (; s && *s && len + 7 < cap; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') {
      buf[len++] = '\\';
      buf[len++] = (char)c;
    } else if (c < 0x20) {
      len += (size_t)snprintf(buf + len, cap - len, "\\u%04x", c);
    } else {
      buf[len++] = (char)c;
    }
  }
  if (len < cap) buf[len++] = '"';
  return len;
}

/* Opens this process's event file; called with mu held. */
static int event_fd(void) {
  pid_t pid = getpid();
  if (out_fd >= 0 && out_pid == pid) return out_fd;
  if (out_fd >= 0 && out_fd != 2) close(out_fd); /* the parent's, inherited by fork */
  out_pid = pid;
  if (strcmp(out_dir, "-") == 0) return out_fd = 2;
  char path[PATH_MAX + 32];
  snprintf(path, sizeof path, "%s/rt-%ld.jsonl", out_dir, (long)pid);
  out_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  return out_fd;
}

/* Writes one event: `head` is the event's fields after "ev", already JSON. */
static void emit(const char *ev, const char *fields) {
  char line[4096];
  int n = snprintf(line, sizeof line, "{\"ev\":\"%s\",\"seq\":%lu,\"pid\":%ld%s%s}\n", ev, seq++,
                   (long)getpid(), fields[0] ? "," : "", fields);
  if (n <= 0) return;
  if ((size_t)n >= sizeof line) { /* cut: keep it one valid line */
    n = snprintf(line, sizeof line, "{\"ev\":\"%s\",\"seq\":%lu,\"truncated\":true}\n", ev, seq);
  }
  int fd = event_fd();
  if (fd < 0) return;
  ssize_t w = write(fd, line, (size_t)n);
  (void)w;
}

/* The site's counters (created on first use); called with mu held. */
static Site *site_get(const char *site) {
  for (Site *t = sites; t; t = t->next)
    if (t->site == site || strcmp(t->site, site) == 0) return t;
  Site *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->site = site;
  t->next = sites;
  sites = t;
  return t;
}

static void arm(const char *list) {
  char fp[256];
  while (list && *list) {
    const char *end = strchr(list, ',');
    size_t len = end ? (size_t)(end - list) : strlen(list);
    if (len > 0 && len < sizeof fp - 16) {
      char point[300];
      memcpy(fp, list, len);
      fp[len] = 0;
      snprintf(point, sizeof point, "connlint/%s/*", fp);
      fiu_enable(point, 1, NULL, 0);
    }
    list = end ? end + 1 : NULL;
  }
}

static void start_once(void) {
  fiu_init(0);
  const char *dir = getenv("CONNLINT_RT_OUT");
  const char *armed = getenv("CONNLINT_CONFIRM");
  if (armed) arm(armed);
  if (!dir || !*dir || strlen(dir) >= sizeof out_dir) return;
  strcpy(out_dir, dir);
  pthread_mutex_lock(&mu);
  recording = 1;
  char f[512];
  size_t n = 0;
  n = (size_t)snprintf(f, sizeof f, "\"armed\":");
  n = put_str(f, n, sizeof f - 1, armed ? armed : "");
  f[n] = 0;
  emit("start", f);
  pthread_mutex_unlock(&mu);
}

static pthread_once_t started = PTHREAD_ONCE_INIT;

/* Instrumented units register from their own constructors, which may run
   before this one: whichever comes first starts the runtime. */
__attribute__((constructor)) static void rt_start(void) {
  pthread_once(&started, start_once);
}

/* At exit, a descriptor a leak point saw held that is closed now was
   released by code the instrumenter did not see (a library): not a leak. */
__attribute__((destructor)) static void rt_stop(void) {
  if (!recording) return;
  pthread_mutex_lock(&mu);
  for (Held *h = held; h; h = h->next) {
    if (h->state != ST_LEAKED || strcmp(h->fam, "fd") != 0) continue;
    if (fcntl((int)h->val, F_GETFD) == -1 && errno == EBADF) {
      char f[1024];
      size_t n = (size_t)snprintf(f, sizeof f, "\"val\":%lld,\"unseen\":true,\"after\":", h->val);
      n = put_str(f, n, sizeof f - 1, h->fp);
      n += (size_t)snprintf(f + n, sizeof f - n, ",\"fam\":");
      n = put_str(f, n, sizeof f - 1, h->fam);
      f[n] = 0;
      emit("rel", f);
    }
  }
  for (Site *t = sites; t; t = t->next) {
    char f[2048];
    size_t n = (size_t)snprintf(f, sizeof f, "\"acquired\":%lu,\"gone\":%lu,\"site\":", t->acquired,
                                t->gone);
    n = put_str(f, n, sizeof f - 1, t->site);
    f[n] = 0;
    emit("count", f);
  }
  emit("exit", "");
  pthread_mutex_unlock(&mu);
}

int connlint_rt_fault(const char *point, int err) {
  if (!fiu_fail(point)) return 0;
  if (recording) {
    char f[1024];
    size_t n = (size_t)snprintf(f, sizeof f, "\"point\":");
    n = put_str(f, n, sizeof f - 1, point);
    f[n] = 0;
    pthread_mutex_lock(&mu);
    emit("fault", f);
    pthread_mutex_unlock(&mu);
  }
  errno = err;
  return 1;
}

long connlint_rt_enter(void) {
  return __atomic_add_fetch(&frames, 1, __ATOMIC_RELAXED);
}

/* The value's entry, most recent first; *prev gets the link to it. */
static Held *find(const char *fam, long long val, Held ***prev) {
  for (Held **p = &held; *p; p = &(*p)->next)
    if ((*p)->val == val && strcmp((*p)->fam, fam) == 0) {
      if (prev) *prev = p;
      return *p;
    }
  return NULL;
}

static void event_rel(const Held *h, const char *how) {
  char f[2048];
  size_t n = (size_t)snprintf(f, sizeof f, "\"val\":%lld,\"fam\":", h->val);
  n = put_str(f, n, sizeof f - 1, h->fam);
  n += (size_t)snprintf(f + n, sizeof f - n, ",\"site\":");
  n = put_str(f, n, sizeof f - 1, h->site);
  if (h->state == ST_LEAKED) {
    n += (size_t)snprintf(f + n, sizeof f - n, ",\"after\":");
    n = put_str(f, n, sizeof f - 1, h->fp);
  }
  if (how) n += (size_t)snprintf(f + n, sizeof f - n, ",\"%s\":true", how);
  f[n] = 0;
  emit("rel", f);
}

void connlint_rt_acq(long frame, const char *site, const char *fam, int scoped, const void *v,
                     unsigned long n) {
  if (!recording) return;
  long long val = value_of(v, n);
  pthread_mutex_lock(&mu);
  Held **prev = NULL;
  Held *old = find(fam, val, &prev);
  if (old) { /* the value came back: its holder let go where we did not see */
    event_rel(old, "reused");
    *prev = old->next;
    free(old);
  }
  Held *h = calloc(1, sizeof *h);
  if (h) {
    *h = (Held){site, fam, val, frame, scoped, ST_LIVE, NULL, held};
    held = h;
  }
  Site *t = site_get(site);
  if (t && t->acquired++ > 0) {
    pthread_mutex_unlock(&mu);
    return;
  }
  char f[2048];
  size_t k = (size_t)snprintf(f, sizeof f, "\"val\":%lld,\"frame\":%ld,\"scoped\":%d,\"fam\":", val,
                              frame, scoped);
  k = put_str(f, k, sizeof f - 1, fam);
  k += (size_t)snprintf(f + k, sizeof f - k, ",\"site\":");
  k = put_str(f, k, sizeof f - 1, site);
  f[k] = 0;
  emit("acq", f);
  pthread_mutex_unlock(&mu);
}

void connlint_rt_rel(const char *fam, const void *v, unsigned long n) {
  if (!recording) return;
  long long val = value_of(v, n);
  pthread_mutex_lock(&mu);
  Held **prev = NULL;
  Held *h = find(fam, val, &prev);
  if (h) {
    if (h->state == ST_LEAKED) event_rel(h, NULL); /* a hand-over: the verdict needs it */
    *prev = h->next;
    free(h);
  }
  pthread_mutex_unlock(&mu);
}

void connlint_rt_at(long frame, const char *fp, const char *site, const char *point,
                    const void *ret, unsigned long n) {
  if (!recording) return;
  long long rv = value_of(ret, n);
  pthread_mutex_lock(&mu);
  char f[3072];
  size_t k = (size_t)snprintf(f, sizeof f, "\"frame\":%ld,\"fp\":", frame);
  k = put_str(f, k, sizeof f - 1, fp);
  k += (size_t)snprintf(f + k, sizeof f - k, ",\"site\":");
  k = put_str(f, k, sizeof f - 1, site);
  k += (size_t)snprintf(f + k, sizeof f - k, ",\"point\":");
  k = put_str(f, k, sizeof f - 1, point);
  int scoped = 0, nheld = 0;
  k += (size_t)snprintf(f + k, sizeof f - k, ",\"held\":[");
  for (Held *h = held; h && k + 64 < sizeof f; h = h->next) {
    if (h->frame != frame || h->state != ST_LIVE || strcmp(h->site, site) != 0) continue;
    scoped |= h->scoped;
    if (ret && !h->scoped && h->val == rv) {
      /* returned to the caller: handed over, not leaked */
      continue;
    }
    h->state = ST_LEAKED;
    h->fp = fp;
    k += (size_t)snprintf(f + k, sizeof f - k, "%s%lld", nheld++ ? "," : "", h->val);
  }
  if (nheld == 0) { /* released (or returned) before the leak point: counted */
    Site *t = site_get(site);
    if (t && t->gone++ > 0) {
      pthread_mutex_unlock(&mu);
      return;
    }
  }
  k += (size_t)snprintf(f + k, sizeof f - k, "],\"scoped\":%d", scoped);
  if (ret) k += (size_t)snprintf(f + k, sizeof f - k, ",\"returned\":%lld", rv);
  f[k < sizeof f ? k : sizeof f - 1] = 0;
  emit("at", f);
  pthread_mutex_unlock(&mu);
}

void connlint_rt_unit(const char *const *list) {
  rt_start();
  if (!recording) return;
  char f[4000];
  size_t n = (size_t)snprintf(f, sizeof f, "\"sites\":[");
  for (int i = 0; list[i] && n + 8 < sizeof f; i++) {
    if (i) f[n++] = ',';
    n = put_str(f, n, sizeof f - 4, list[i]);
  }
  f[n++] = ']';
  f[n] = 0;
  pthread_mutex_lock(&mu);
  emit("sites", f);
  pthread_mutex_unlock(&mu);
}
