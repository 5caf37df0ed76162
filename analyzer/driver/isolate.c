/*
 * isolate.c - parsing units in worker processes with limits (isolate.h).
 *
 * Before forking, the parent maps one block of shared memory with a slot per
 * job, so every slot is at the same address in the parent and in every
 * worker. It then forks -j workers from its only thread (phase 1 runs before
 * any other thread exists) and hands each a job index at a time over a
 * socket; the worker parses job i with its front end pointed at slot i and
 * answers with one byte. Everything the Unit holds is in the slot (the
 * arena's region), or in the connlint binary and the job list, which the
 * fork left at the same addresses: the parent reads the IR as is.
 *
 * The parent waits on the sockets until the nearest deadline, and every
 * 20 ms reads each busy worker's private resident memory (/proc/PID/statm).
 * A worker past its unit's deadline or over the memory cap is killed, and so
 * is a worker that dies by itself (a crash); its unit gets a note saying
 * which, and a new worker takes the next job. Workers live for the whole
 * phase, so libclang's start-up and the fork are paid once per worker, not
 * once per unit (measured in docs/robustness.md).
 *
 * Why processes and not threads: a thread cannot be stopped inside libclang,
 * and a crash or an out-of-memory abort in a thread ends the whole run.
 *
 * The stack: libclang parses on a thread of its own with clang's 8 MiB; its
 * recursive-descent parser spends about 1.5 KiB per nesting level, so 5,400
 * nested `if`s overflow it. LIBCLANG_NOTHREADS makes it parse on our thread,
 * which gets BIG_STACK (512 MiB of address space, touched only as deep
 * nesting needs it): deep enough for more than 100,000 levels of nested
 * statements, far beyond what the time limit lets clang parse anyway.
 */
#define _GNU_SOURCE
#include "isolate.h"

#include <errno.h>
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
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The start of every slot: what the worker tells the parent about the job. */
typedef struct SlotHead {
  ArenaRegion region; /* the rest of the slot */
  Parsed parsed;
  int done; /* the worker got to the end of the job */
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

/* ---- The worker ----------------------------------------------------------- */

typedef struct WorkerCtx {
  Isolate *iso;
  const JobList *jl;
  const ParseHooks *h;
  int fd;
} WorkerCtx;

static SlotHead *slot_head(Isolate *iso, int i) {
  return (SlotHead *)(iso->base + iso->slot * (size_t)i);
}

static bool io_full(int fd, void *buf, size_t n, bool writing) {
  char *p = buf;
  while (n > 0) {
    /* MSG_NOSIGNAL: a peer that died is an error here, not a SIGPIPE. */
    ssize_t k = writing ? send(fd, p, n, MSG_NOSIGNAL) : read(fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    p += k;
    n -= (size_t)k;
  }
  return true;
}

static void worker_loop(void *p) {
  WorkerCtx *w = p;
  void *fronts = w->h->worker_new(w->h->ctx);
  int i;
  while (io_full(w->fd, &i, sizeof i, false)) {
    if (i < 0 || i >= w->jl->njobs) break;
    SlotHead *h = slot_head(w->iso, i);
    w->h->parse(fronts, i, &h->region, &h->parsed);
    h->done = 1;
    char done = 1;
    if (!io_full(w->fd, &done, 1, true)) break;
  }
  /* The front ends are not deleted: the process ends now and takes them. */
}

static void worker_main(WorkerCtx *w) {
  prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive an interrupted run */
  /* A crash is the parent's to explain: die of the signal, without a core. */
  int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
  for (size_t k = 0; k < sizeof fatal / sizeof fatal[0]; k++)
    signal(fatal[k], SIG_DFL);
  struct rlimit core = {0, 0};
  setrlimit(RLIMIT_CORE, &core);
  setenv("LIBCLANG_NOTHREADS", "1", 1);
  /* A crash must end the worker, which the parent then explains; recovering
     would leave libclang in an unknown state. */
  setenv("LIBCLANG_DISABLE_CRASH_RECOVERY", "1", 1);
  run_on_big_stack(worker_loop, w, BIG_STACK);
  _exit(0); /* no atexit handlers, no leak check: the parent owns the results */
}

/* ---- The parent ----------------------------------------------------------- */

typedef struct Worker {
  pid_t pid; /* 0: none running */
  int fd;
  int job; /* -1: idle */
  double deadline;
} Worker;

static void slot_init(Isolate *iso, int i) {
  SlotHead *h = slot_head(iso, i);
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

static bool spawn(Isolate *iso, Worker *ws, int n, int k, const JobList *jl, const ParseHooks *h) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return false;
  fflush(NULL); /* nothing buffered is written twice */
  pid_t pid = fork();
  if (pid < 0) {
    close(sv[0]);
    close(sv[1]);
    return false;
  }
  if (pid == 0) {
    /* Other workers must see end-of-file when the parent closes their
       sockets, so this one keeps no copy of them. */
    for (int m = 0; m < n; m++)
      if (m != k && ws[m].pid > 0) close(ws[m].fd);
    close(sv[0]);
    WorkerCtx w = {iso, jl, h, sv[1]};
    worker_main(&w);
  }
  close(sv[1]);
  ws[k] = (Worker){.pid = pid, .fd = sv[0], .job = -1};
  return true;
}

/* Ends worker k (killing it unless it is gone already) and says why its job,
   if it had one, did not finish. */
static void retire(Worker *w, const char *reason, const JobList *jl, const IsolateOptions *o,
                   Parsed *out) {
  if (reason) kill(w->pid, SIGKILL);
  close(w->fd);
  int st = 0;
  while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR) {
  }
  if (w->job >= 0) {
    Parsed *p = &out[w->job];
    const char *file = jl->jobs[w->job].file;
    cut(p);
    if (reason && strcmp(reason, "time") == 0)
      snprintf(p->why, sizeof p->why,
               "'%s' took longer than the time limit (%g s, --timeout) to parse; skipped", file,
               o->timeout);
    else if (reason)
      snprintf(p->why, sizeof p->why,
               "'%s' needed more than the memory cap (%zu MiB, --memory-limit) to parse; skipped",
               file, o->mem_limit >> 20);
    else if (WIFSIGNALED(st))
      snprintf(p->why, sizeof p->why, "the parser crashed on '%s' (signal %d, %s); skipped", file,
               WTERMSIG(st), strsignal(WTERMSIG(st)));
    else
      snprintf(p->why, sizeof p->why, "the parser ended early on '%s' (exit status %d); skipped",
               file, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  }
  w->pid = 0;
  w->job = -1;
}

/* Private resident memory of a process: resident minus shared pages (the
   slots it wrote are shared, libclang's heap is not). */
static size_t private_rss(pid_t pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
  FILE *f = fopen(path, "r");
  unsigned long size = 0, res = 0, shared = 0;
  if (f) {
    if (fscanf(f, "%lu %lu %lu", &size, &res, &shared) != 3) res = shared = 0;
    fclose(f);
  }
  return (res > shared ? res - shared : 0) * (size_t)sysconf(_SC_PAGESIZE);
}

/* In-process parsing (--in-process, or when the shared block cannot be
   mapped): worker threads with big stacks, as before isolation, without
   limits. */
typedef struct Local {
  const JobList *jl;
  const IsolateOptions *o;
  const ParseHooks *h;
  Parsed *out;
  atomic_int next;
} Local;

static void *local_worker(void *p) {
  Local *l = p;
  thread_altstack(true);
  void *fronts = l->h->worker_new(l->h->ctx);
  for (;;) {
    int i = atomic_fetch_add(&l->next, 1);
    if (i >= l->jl->njobs) break;
    if (l->o->skip && l->o->skip[i]) continue;
    l->h->parse(fronts, i, NULL, &l->out[i]);
  }
  l->h->worker_delete(fronts);
  thread_altstack(false);
  return NULL;
}

static void parse_in_process(const JobList *jl, const IsolateOptions *o, const ParseHooks *h,
                             Parsed *out) {
  Local l = {jl, o, h, out, 0};
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

Isolate *isolate_parse(const JobList *jl, const IsolateOptions *o, const ParseHooks *h,
                       Parsed *out) {
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
    parse_in_process(jl, o, h, out);
    return iso;
  }
  iso->base = m;
  iso->slot = slot;
  iso->size = slot * (size_t)jl->njobs;

  int n = o->jobs > 0 ? o->jobs : 1;
  if (n > jl->njobs) n = jl->njobs;
  Worker *ws = calloc((size_t)n, sizeof *ws);
  struct pollfd *pf = calloc((size_t)n, sizeof *pf);
  int *who = calloc((size_t)n, sizeof *who);
  if (!ws || !pf || !who) {
    fputs("connlint: internal error: out of memory\n", stderr);
    exit(3);
  }
  for (int k = 0; k < n; k++)
    ws[k].job = -1;
  int next = 0, busy = 0;
  for (;;) {
    /* Hand out jobs to idle workers, starting workers as needed. */
    for (int k = 0; k < n; k++) {
      while (ws[k].job < 0 && next < jl->njobs) {
        int i = next++;
        if (o->skip && o->skip[i]) continue;
        if (ws[k].pid == 0 && !spawn(iso, ws, n, k, jl, h)) {
          cut(&out[i]);
          snprintf(out[i].why, sizeof out[i].why,
                   "could not start a process to parse '%s': %s; skipped", jl->jobs[i].file,
                   strerror(errno));
          continue;
        }
        slot_init(iso, i);
        ws[k].job = i;
        ws[k].deadline = o->timeout > 0 ? now() + o->timeout : 0;
        busy++;
        if (!io_full(ws[k].fd, &i, sizeof i, true)) {
          busy--;
          retire(&ws[k], NULL, jl, o, out); /* it died before taking the job */
        }
      }
    }
    if (busy == 0) break;
    /* Wait for an answer, the nearest deadline, or the next memory check. */
    double t = now(), wake = 0;
    int np = 0;
    for (int k = 0; k < n; k++) {
      if (ws[k].job < 0) continue;
      pf[np] = (struct pollfd){.fd = ws[k].fd, .events = POLLIN};
      who[np++] = k;
      if (ws[k].deadline > 0 && (wake == 0 || ws[k].deadline < wake)) wake = ws[k].deadline;
    }
    int ms = wake > 0 ? (int)((wake - t) * 1000.0) + 1 : -1;
    if (ms < 0 && wake > 0) ms = 0;
    if (o->mem_limit && (ms < 0 || ms > 20)) ms = 20;
    poll(pf, (nfds_t)np, ms);
    t = now();
    for (int q = 0; q < np; q++) {
      Worker *w = &ws[who[q]];
      if (pf[q].revents & (POLLIN | POLLHUP | POLLERR)) {
        char done = 0;
        SlotHead *sh = slot_head(iso, w->job);
        if (io_full(w->fd, &done, 1, false) && sh->done) {
          out[w->job] = sh->parsed;
          w->job = -1;
          /* A worker keeps what its allocator did not give back; one holding
             half the cap starts afresh, so the cap stays about one unit. */
          if (o->mem_limit && private_rss(w->pid) > o->mem_limit / 2) retire(w, NULL, jl, o, out);
        } else {
          retire(w, NULL, jl, o, out); /* crashed */
        }
        busy--;
      } else if (w->deadline > 0 && t >= w->deadline) {
        retire(w, "time", jl, o, out);
        busy--;
      } else if (o->mem_limit && private_rss(w->pid) > o->mem_limit) {
        retire(w, "memory", jl, o, out);
        busy--;
      }
    }
  }
  for (int k = 0; k < n; k++)
    if (ws[k].pid > 0) retire(&ws[k], NULL, jl, o, out); /* idle: closing ends it */
  free(who);
  free(pf);
  free(ws);
  return iso;
}

void isolate_delete(Isolate *iso) {
  if (!iso) return;
  if (iso->base) munmap(iso->base, iso->size);
  free(iso);
}
