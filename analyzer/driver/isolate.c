/*
 * isolate.c - parsing each unit in a forked child with limits (isolate.h).
 *
 * Before forking, the parent maps one block of shared memory with a slot per
 * job. The child for job i unmaps every other slot, caps its address space
 * (RLIMIT_AS: the cap plus what it already has plus the big stack), points
 * its front end at slot i and parses there; everything the Unit holds is in
 * the slot (the arena's region), or in the connlint binary and the job list,
 * which the fork left at the same addresses. The parent forks up to -j
 * children from its only thread, and waits on their pidfds until the
 * nearest deadline; a child past its deadline is killed.
 *
 * Why a process and not a thread: a thread cannot be stopped inside libclang,
 * and a crash or an out-of-memory abort in a thread ends the whole run.
 * Forking costs about a millisecond per unit (see docs/robustness.md).
 *
 * The stack: libclang parses on a thread of its own with clang's 8 MiB; its
 * recursive-descent parser spends about 1.5 KiB per nesting level, so 5,400
 * nested `if`s overflow it. LIBCLANG_NOTHREADS makes it parse on our thread,
 * which gets BIG_STACK (512 MiB of address space, touched only as deep
 * nesting needs it): deep enough for more than 100,000 levels, which no real
 * code comes near. Deeper input crashes the child, which is a note.
 */
#define _GNU_SOURCE
#include "isolate.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1 /* ASan reserves terabytes of shadow: no RLIMIT_AS */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* The start of every slot: what the child tells the parent. */
typedef struct SlotHead {
  ArenaRegion region; /* the rest of the slot */
  Unit *unit;
  FrontendStatus status;
  int done; /* the child got to the end */
  char why[512];
} SlotHead;

struct Isolate {
  unsigned char *base;
  size_t slot; /* bytes per job */
  size_t size;
  int njobs;
};

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- Big stacks ----------------------------------------------------------- */

typedef struct Thunk {
  void (*fn)(void *);
  void *arg;
} Thunk;

/* A stack for the signal handlers of this thread: a stack overflow leaves
   none to run connlint's crash handler on (main.c), and the process would
   die of the signal instead of exiting 3 with a message. */
void thread_altstack(bool on) {
  static _Thread_local void *mem; /* this thread's own: no shared state */
  stack_t ss = {0};
  if (on && !mem && (mem = malloc(SIGSTKSZ * 4))) {
    ss.ss_sp = mem;
    ss.ss_size = SIGSTKSZ * 4;
    sigaltstack(&ss, NULL);
  } else if (!on && mem) {
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    free(mem);
    mem = NULL;
  }
}

static void *thunk_run(void *p) {
  Thunk *t = p;
  thread_altstack(true);
  t->fn(t->arg);
  thread_altstack(false);
  return NULL;
}

void run_on_big_stack(void (*fn)(void *), void *arg, size_t stack) {
  Thunk t = {fn, arg};
  pthread_attr_t at;
  pthread_t th;
  bool ok = pthread_attr_init(&at) == 0;
  if (ok && pthread_attr_setstacksize(&at, stack) == 0 &&
      pthread_create(&th, &at, thunk_run, &t) == 0) {
    pthread_join(th, NULL);
  } else {
    fn(arg);
  }
  if (ok) pthread_attr_destroy(&at);
}

/* ---- The child ------------------------------------------------------------ */

typedef struct ChildWork {
  const Job *job;
  SlotHead *head;
  bool parse_only;
} ChildWork;

static void child_parse(void *p) {
  ChildWork *w = p;
  Frontend *fe = frontend_new();
  frontend_set_parse_only(fe, w->parse_only);
  frontend_set_region(fe, &w->head->region);
  w->head->status = frontend_parse(fe, w->job->file, w->job->args, w->job->nargs, w->job->dir,
                                   &w->head->unit, w->head->why, (int)sizeof w->head->why);
  /* The index is not disposed: the process ends now and takes it along. */
  w->head->done = 1;
}

static size_t address_space_now(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  unsigned long pages = 0;
  if (f) {
    if (fscanf(f, "%lu", &pages) != 1) pages = 0;
    fclose(f);
  }
  return (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
}

static void child_main(Isolate *iso, int i, const Job *job, const IsolateOptions *o, int errfd) {
  prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive an interrupted run */
  unsigned char *mine = iso->base + iso->slot * (size_t)i;
  if (mine > iso->base) munmap(iso->base, (size_t)(mine - iso->base));
  size_t after = iso->size - iso->slot * (size_t)(i + 1);
  if (after) munmap(mine + iso->slot, after);
  /* libclang's messages (an out-of-memory report) go to the parent. */
  if (errfd >= 0) dup2(errfd, 2);
  /* A crash is the parent's to explain: die of the signal, without a core. */
  int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
  for (size_t k = 0; k < sizeof fatal / sizeof fatal[0]; k++)
    signal(fatal[k], SIG_DFL);
  struct rlimit core = {0, 0};
  setrlimit(RLIMIT_CORE, &core);
  if (o->mem_limit && !UNDER_ASAN) {
    size_t cap = address_space_now() + BIG_STACK + o->mem_limit;
    struct rlimit as = {cap, cap};
    setrlimit(RLIMIT_AS, &as);
  }
  setenv("LIBCLANG_NOTHREADS", "1", 1);
  /* A crash or out-of-memory abort must end the child, which the parent
     then explains; recovering would leave libclang in an unknown state. */
  setenv("LIBCLANG_DISABLE_CRASH_RECOVERY", "1", 1);
  SlotHead *head = (SlotHead *)mine;
  ChildWork w = {job, head, o->parse_only};
  run_on_big_stack(child_parse, &w, BIG_STACK);
  _exit(0); /* no atexit handlers, no leak check: the parent owns the result */
}

/* ---- The parent ----------------------------------------------------------- */

typedef struct Run {
  pid_t pid;
  int pidfd; /* -1: poll by waitpid */
  int errfd; /* memfd holding the child's stderr, or -1 */
  int job;
  double deadline;
  bool killed;
} Run;

static void slot_init(Isolate *iso, int i) {
  SlotHead *h = (SlotHead *)(iso->base + iso->slot * (size_t)i);
  memset(h, 0, sizeof *h);
  h->region.base = (unsigned char *)h;
  h->region.size = iso->slot;
  h->region.off = sizeof *h;
}

static void cut(Parsed *p) {
  p->unit = NULL;
  p->status = FE_PARSE_FAIL;
  p->cut = true;
}

/* What the child's stderr says, first line only. */
static void read_err(int fd, char *buf, size_t len) {
  buf[0] = '\0';
  if (fd < 0) return;
  ssize_t n = pread(fd, buf, len - 1, 0);
  buf[n > 0 ? n : 0] = '\0';
  char *nl = strchr(buf, '\n');
  if (nl) *nl = '\0';
}

static void finish(Isolate *iso, Run *r, const JobList *jl, const IsolateOptions *o, Parsed *out) {
  int st = 0;
  while (waitpid(r->pid, &st, 0) < 0 && errno == EINTR) {
  }
  SlotHead *h = (SlotHead *)(iso->base + iso->slot * (size_t)r->job);
  Parsed *p = &out[r->job];
  const char *file = jl->jobs[r->job].file;
  char err[256];
  read_err(r->errfd, err, sizeof err);
  if (r->killed) {
    cut(p);
    snprintf(p->why, sizeof p->why,
             "'%s' took longer than the time limit (%g s, --timeout) to parse; skipped", file,
             o->timeout);
  } else if (WIFEXITED(st) && WEXITSTATUS(st) == 0 && h->done) {
    p->unit = h->unit;
    p->status = h->status;
    memcpy(p->why, h->why, sizeof p->why);
  } else if (strstr(err, "out of memory") || strstr(err, "Allocation failed") ||
             strstr(err, "bad_alloc")) {
    cut(p);
    snprintf(p->why, sizeof p->why,
             "'%s' needed more than the memory cap (%zu MiB, --memory-limit) to parse; skipped",
             file, o->mem_limit >> 20);
  } else if (WIFSIGNALED(st)) {
    cut(p);
    snprintf(p->why, sizeof p->why, "the parser crashed on '%s' (signal %d, %s); skipped", file,
             WTERMSIG(st), strsignal(WTERMSIG(st)));
  } else {
    cut(p);
    snprintf(p->why, sizeof p->why, "parsing '%s' failed (exit status %d%s%s); skipped", file,
             WIFEXITED(st) ? WEXITSTATUS(st) : -1, err[0] ? ": " : "", err);
  }
  if (r->pidfd >= 0) close(r->pidfd);
  if (r->errfd >= 0) close(r->errfd);
}

static bool spawn(Isolate *iso, Run *r, int i, const JobList *jl, const IsolateOptions *o) {
  slot_init(iso, i);
  r->job = i;
  r->killed = false;
  r->errfd = memfd_create("connlint-stderr", MFD_CLOEXEC);
  fflush(NULL); /* nothing buffered is written twice */
  pid_t pid = fork();
  if (pid < 0) {
    if (r->errfd >= 0) close(r->errfd);
    return false;
  }
  if (pid == 0) child_main(iso, i, &jl->jobs[i], o, r->errfd);
  r->pid = pid;
  r->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
  r->deadline = o->timeout > 0 ? now() + o->timeout : 0;
  return true;
}

/* In-process parsing (--in-process, or when the shared block cannot be
   mapped): worker threads with big stacks, as before isolation, without
   limits. */
typedef struct Local {
  const JobList *jl;
  const IsolateOptions *o;
  Parsed *out;
  atomic_int next;
} Local;

static void *local_worker(void *p) {
  Local *l = p;
  thread_altstack(true);
  Frontend *fe = frontend_new();
  frontend_set_parse_only(fe, l->o->parse_only);
  for (;;) {
    int i = atomic_fetch_add(&l->next, 1);
    if (i >= l->jl->njobs) break;
    if (l->o->skip && l->o->skip[i]) continue;
    const Job *j = &l->jl->jobs[i];
    Parsed *r = &l->out[i];
    r->status = frontend_parse(fe, j->file, j->args, j->nargs, j->dir, &r->unit, r->why,
                               (int)sizeof r->why);
  }
  frontend_delete(fe);
  thread_altstack(false);
  return NULL;
}

static void parse_in_process(const JobList *jl, const IsolateOptions *o, Parsed *out) {
  Local l = {jl, o, out, 0};
  int n = o->jobs > 0 ? o->jobs : 1;
  pthread_t *t = calloc((size_t)n, sizeof *t);
  bool *started = calloc((size_t)n, sizeof *started);
  pthread_attr_t at;
  bool attr = pthread_attr_init(&at) == 0 && pthread_attr_setstacksize(&at, BIG_STACK) == 0;
  int nstarted = 0;
  for (int i = 0; t && started && i < n; i++)
    nstarted += started[i] = pthread_create(&t[i], attr ? &at : NULL, local_worker, &l) == 0;
  if (nstarted == 0) local_worker(&l);
  for (int i = 0; t && started && i < n; i++)
    if (started[i]) pthread_join(t[i], NULL);
  if (attr) pthread_attr_destroy(&at);
  free(started);
  free(t);
}

Isolate *isolate_parse(const JobList *jl, const IsolateOptions *o, Parsed *out) {
  Isolate *iso = calloc(1, sizeof *iso);
  if (!iso) return NULL;
  iso->njobs = jl->njobs;
  /* A slot is address space, not memory: pages exist once written. Halve
     it until the whole block fits where the system lets us map it. */
  void *m = MAP_FAILED;
  size_t slot = (size_t)1 << 30;
  while (!o->in_process && jl->njobs > 0 && slot >= ((size_t)16 << 20)) {
    if ((uint64_t)slot * (uint64_t)jl->njobs <= ((uint64_t)1 << 45)) {
      m = mmap(NULL, slot * (size_t)jl->njobs, PROT_READ | PROT_WRITE,
               MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      if (m != MAP_FAILED) break;
    }
    slot /= 2;
  }
  if (m == MAP_FAILED) {
    parse_in_process(jl, o, out);
    return iso;
  }
  iso->base = m;
  iso->slot = slot;
  iso->size = slot * (size_t)jl->njobs;

  int n = o->jobs > 0 ? o->jobs : 1;
  Run *runs = calloc((size_t)n, sizeof *runs);
  struct pollfd *pf = calloc((size_t)n, sizeof *pf);
  int running = 0, next = 0;
  while (next < jl->njobs || running > 0) {
    while (running < n && next < jl->njobs) {
      int i = next++;
      if (o->skip && o->skip[i]) continue;
      if (spawn(iso, &runs[running], i, jl, o)) {
        running++;
      } else {
        char e[128];
        snprintf(e, sizeof e, "%s", strerror(errno));
        snprintf(out[i].why, sizeof out[i].why,
                 "could not start a process to parse '%s': %s; skipped", jl->jobs[i].file, e);
        out[i].status = FE_PARSE_FAIL;
        out[i].cut = true;
      }
    }
    if (running == 0) continue;
    /* Wait for a child to end or the nearest deadline. */
    double t = now(), wake = 0;
    bool pollable = true;
    for (int k = 0; k < running; k++) {
      pf[k] = (struct pollfd){.fd = runs[k].pidfd, .events = POLLIN};
      if (runs[k].pidfd < 0) pollable = false;
      if (runs[k].deadline > 0 && !runs[k].killed && (wake == 0 || runs[k].deadline < wake))
        wake = runs[k].deadline;
    }
    int ms = wake > 0 ? (int)((wake - t) * 1000.0) + 1 : -1;
    if (!pollable && (ms < 0 || ms > 5)) ms = 5;
    if (ms < 0 && wake > 0) ms = 0;
    poll(pf, (nfds_t)running, ms);
    t = now();
    for (int k = 0; k < running;) {
      Run *r = &runs[k];
      if (r->deadline > 0 && t >= r->deadline && !r->killed) {
        kill(r->pid, SIGKILL);
        r->killed = true;
      }
      bool ended;
      if (r->pidfd >= 0) {
        struct pollfd q = {.fd = r->pidfd, .events = POLLIN};
        ended = poll(&q, 1, 0) > 0;
      } else {
        siginfo_t si;
        memset(&si, 0, sizeof si);
        ended = waitid(P_PID, (id_t)r->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
                si.si_pid == r->pid;
      }
      if (ended) {
        finish(iso, r, jl, o, out);
        runs[k] = runs[--running];
      } else {
        k++;
      }
    }
  }
  free(pf);
  free(runs);
  return iso;
}

void isolate_delete(Isolate *iso) {
  if (!iso) return;
  if (iso->base) munmap(iso->base, iso->size);
  free(iso);
}
