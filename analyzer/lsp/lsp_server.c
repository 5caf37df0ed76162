/*
 * lsp_server.c - the editor session: open documents, the messages of the
 * protocol, and the worker thread that analyzes.
 *
 * The main thread reads messages and keeps each open document's latest
 * text; a change marks the document due after the debounce delay and, if
 * that document is being analyzed, raises the running analysis's cancel
 * flag (the driver stops between functions; the stale result is dropped).
 * One worker takes the document due first, analyzes a copy of its text
 * without holding the lock, and publishes the result only if the document
 * is still at the version it analyzed. A session lasts hours: documents
 * are freed on didClose, each analysis frees its own memory, and what is
 * kept per document is its text and its last diagnostics.
 */
#include "lsp_int.h"

#include "cache.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct Doc {
  char *uri, *path;
  char *text;
  size_t len;
  long version;
  long gen; /* Server.gen when the text was set: versions alone repeat
               when a document is closed and opened again */
  bool dirty;
  double due;          /* when dirty: analyze at this time */
  long analyzed;       /* gen of the diagnostics published, -1: none */
  json_t *diagnostics; /* last published */
  json_t *actions;     /* per diagnostic, its code actions */
  struct Doc *next;
} Doc;

typedef struct Server {
  const LspOptions *o;
  pthread_mutex_t mu; /* guards docs, quit, running */
  pthread_cond_t cv;
  pthread_mutex_t out_mu;
  Doc *docs;
  bool quit;
  const Doc *running; /* the document being analyzed, or NULL */
  atomic_int cancel;
  long gen;         /* counts texts set, under mu */
  Program *program; /* worker only */
  bool shutdown;    /* main thread only */
} Server;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void logf_(Server *s, const char *fmt, const char *arg) {
  if (!s->o->log) return;
  fprintf(s->o->log, fmt, arg);
  fflush(s->o->log);
}

/* ---- Documents (under mu) ------------------------------------------------ */

static Doc *doc_find(Server *s, const char *uri) {
  for (Doc *d = s->docs; d; d = d->next)
    if (strcmp(d->uri, uri) == 0) return d;
  return NULL;
}

static void doc_free(Doc *d) {
  free(d->uri);
  free(d->path);
  free(d->text);
  if (d->diagnostics) json_decref(d->diagnostics);
  if (d->actions) json_decref(d->actions);
  free(d);
}

static void doc_set_text(Server *s, Doc *d, const char *text, long version, double delay) {
  free(d->text);
  d->len = strlen(text);
  d->text = strdup(text);
  d->version = version;
  d->gen = ++s->gen;
  d->dirty = true;
  d->due = now() + delay;
  if (s->running == d) atomic_store(&s->cancel, 1);
  pthread_cond_signal(&s->cv);
}

/* ---- Publishing -------------------------------------------------------------- */

static void publish(Server *s, const char *uri, long version, json_t *diags) {
  json_t *params = json_pack("{s:s,s:O}", "uri", uri, "diagnostics", diags);
  if (version >= 0) json_object_set_new(params, "version", json_integer(version));
  rpc_write(s->o->out, &s->out_mu,
            json_pack("{s:s,s:o}", "method", "textDocument/publishDiagnostics", "params", params));
}

/* ---- The worker ------------------------------------------------------------------ */

static Doc *next_due(Server *s, double *wait) {
  Doc *best = NULL;
  for (Doc *d = s->docs; d; d = d->next)
    if (d->dirty && (!best || d->due < best->due)) best = d;
  *wait = best ? best->due - now() : -1;
  return best;
}

static void *worker(void *arg) {
  Server *s = arg;
  pthread_mutex_lock(&s->mu);
  while (!s->quit) {
    double wait;
    Doc *d = next_due(s, &wait);
    if (!d) {
      pthread_cond_wait(&s->cv, &s->mu);
      continue;
    }
    if (wait > 0) {
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      double t = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 + wait;
      ts.tv_sec = (time_t)t;
      ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
      pthread_cond_timedwait(&s->cv, &s->mu, &ts);
      continue;
    }
    /* Take a copy: the main thread may replace the text meanwhile. */
    char *uri = strdup(d->uri), *path = strdup(d->path);
    char *text = malloc(d->len + 1);
    memcpy(text, d->text, d->len + 1);
    size_t len = d->len;
    long version = d->version, gen = d->gen;
    d->dirty = false;
    s->running = d;
    atomic_store(&s->cancel, 0);
    pthread_mutex_unlock(&s->mu);
    if (s->o->log) fprintf(s->o->log, "connlint lsp: %s v%ld: analyzing\n", path, version);

    char db[4096];
    bool have_db = lsp_find_db(path, db, sizeof db);
    Analysis an;
    double t0 = now();
    int rc = lsp_analyze(uri, path, text, len, s->program, &s->cancel, &an);
    if (s->o->log)
      fprintf(s->o->log, "connlint lsp: %s v%ld: %s in %.3fs\n", path, version,
              rc ? "cancelled" : "analyzed", now() - t0);

    pthread_mutex_lock(&s->mu);
    s->running = NULL;
    Doc *cur = doc_find(s, uri);
    if (rc == 0 && cur && cur->gen == gen) {
      if (cur->diagnostics) json_decref(cur->diagnostics);
      if (cur->actions) json_decref(cur->actions);
      cur->diagnostics = an.diagnostics;
      cur->actions = an.actions;
      cur->analyzed = gen;
      publish(s, uri, version, an.diagnostics);
    } else {
      json_decref(an.diagnostics);
      json_decref(an.actions);
    }
    /* First analysis in a project, or files changed on disk: bring the
       cache up to date (unlocked, it can be slow), then analyze the open
       files again. */
    if (have_db && !s->quit && !program_ready(s->program, db)) {
      atomic_store(&s->cancel, 0); /* under mu: only quitting raises it now */
      pthread_mutex_unlock(&s->mu);
      logf_(s, "connlint lsp: refreshing the cache for %s\n", db);
      int prc = program_compute(s->program, db, s->o->log, &s->cancel);
      pthread_mutex_lock(&s->mu);
      for (Doc *o = s->docs; o && prc == 0; o = o->next)
        if (!o->dirty) {
          o->dirty = true;
          o->due = now();
        }
    }
    free(uri);
    free(path);
    free(text);
  }
  pthread_mutex_unlock(&s->mu);
  return NULL;
}

/* ---- Requests -------------------------------------------------------------------- */

static void reply(Server *s, json_t *id, json_t *result) {
  rpc_write(s->o->out, &s->out_mu, json_pack("{s:O,s:o}", "id", id, "result", result));
}

static void reply_error(Server *s, json_t *id, int code, const char *msg) {
  rpc_write(s->o->out, &s->out_mu,
            json_pack("{s:O,s:{s:i,s:s}}", "id", id ? id : json_null(), "error", "code", code,
                      "message", msg));
}

static json_t *capabilities(void) {
  return json_pack("{s:{s:{s:b,s:i,s:{s:b}},s:{s:[s]}},s:{s:s,s:s}}", "capabilities",
                   "textDocumentSync", "openClose", 1, "change", 1, "save", "includeText", 0,
                   "codeActionProvider", "codeActionKinds", "quickfix", "serverInfo", "name",
                   "connlint", "version", CONNLINT_VERSION);
}

/* The actions of the published diagnostics whose line range meets the
   requested range, if the document has not changed since. */
static json_t *code_actions(Server *s, json_t *params) {
  json_t *out = json_array();
  const char *uri =
      json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
  json_t *range = json_object_get(params, "range");
  pthread_mutex_lock(&s->mu);
  Doc *d = uri ? doc_find(s, uri) : NULL;
  if (d && d->diagnostics && d->analyzed == d->gen && range) {
    json_t *rs = json_object_get(range, "start"), *re = json_object_get(range, "end");
    for (size_t i = 0; i < json_array_size(d->diagnostics); i++) {
      json_t *dr = json_object_get(json_array_get(d->diagnostics, i), "range");
      json_t *ds = json_object_get(dr, "start"), *de = json_object_get(dr, "end");
      /* Overlap by lines: editors ask for the cursor's position. */
      long dsl = json_integer_value(json_object_get(ds, "line"));
      long del = json_integer_value(json_object_get(de, "line"));
      long rsl = json_integer_value(json_object_get(rs, "line"));
      long rel = json_integer_value(json_object_get(re, "line"));
      if (del < rsl || dsl > rel) continue;
      json_array_extend(out, json_array_get(d->actions, i));
    }
  }
  pthread_mutex_unlock(&s->mu);
  return out;
}

static void did_open(Server *s, json_t *params) {
  json_t *td = json_object_get(params, "textDocument");
  const char *uri = json_string_value(json_object_get(td, "uri"));
  const char *text = json_string_value(json_object_get(td, "text"));
  char *path = uri_to_path(uri);
  if (!uri || !text || !path) {
    free(path);
    logf_(s, "connlint lsp: didOpen of %s ignored (not a file:// document)\n", uri ? uri : "?");
    return;
  }
  pthread_mutex_lock(&s->mu);
  Doc *d = doc_find(s, uri);
  if (!d) {
    d = calloc(1, sizeof *d);
    d->uri = strdup(uri);
    d->path = path;
    d->analyzed = -1;
    d->next = s->docs;
    s->docs = d;
  } else {
    free(path);
  }
  doc_set_text(s, d, text, (long)json_integer_value(json_object_get(td, "version")), 0);
  pthread_mutex_unlock(&s->mu);
}

static void did_change(Server *s, json_t *params) {
  json_t *td = json_object_get(params, "textDocument");
  const char *uri = json_string_value(json_object_get(td, "uri"));
  json_t *changes = json_object_get(params, "contentChanges");
  /* Full sync: the last change holds the whole text. */
  json_t *last = json_array_get(changes, json_array_size(changes) - 1);
  const char *text = json_string_value(json_object_get(last, "text"));
  if (!uri || !text) return;
  pthread_mutex_lock(&s->mu);
  Doc *d = doc_find(s, uri);
  if (d)
    doc_set_text(s, d, text, (long)json_integer_value(json_object_get(td, "version")),
                 s->o->debounce_ms / 1000.0);
  pthread_mutex_unlock(&s->mu);
}

static void did_save(Server *s, json_t *params) {
  const char *uri =
      json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
  pthread_mutex_lock(&s->mu);
  Doc *d = uri ? doc_find(s, uri) : NULL;
  if (d && d->analyzed != d->gen && !d->dirty) {
    d->dirty = true;
    d->due = now();
  }
  /* The saved file is context for the other open files: they are analyzed
     again, and the cache refreshed when that finds the file changed. */
  for (Doc *o = s->docs; d && o; o = o->next)
    if (o != d && !o->dirty) {
      o->dirty = true;
      o->due = now();
    }
  pthread_cond_signal(&s->cv);
  pthread_mutex_unlock(&s->mu);
}

static void did_close(Server *s, json_t *params) {
  const char *uri =
      json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
  if (!uri) return;
  pthread_mutex_lock(&s->mu);
  for (Doc **p = &s->docs; *p; p = &(*p)->next) {
    if (strcmp((*p)->uri, uri) != 0) continue;
    Doc *d = *p;
    *p = d->next;
    if (s->running == d) {
      atomic_store(&s->cancel, 1);
      s->running = NULL;
    }
    doc_free(d);
    break;
  }
  pthread_mutex_unlock(&s->mu);
  json_t *empty = json_array();
  publish(s, uri, -1, empty);
  json_decref(empty);
}

/* Returns true when the session ends (exit). */
static bool dispatch(Server *s, json_t *msg) {
  const char *method = json_string_value(json_object_get(msg, "method"));
  json_t *id = json_object_get(msg, "id");
  json_t *params = json_object_get(msg, "params");
  if (!method) return false; /* a response to us: we send no requests */
  if (strcmp(method, "exit") == 0) return true;
  if (s->shutdown && id) {
    reply_error(s, id, -32600, "the server is shut down");
    return false;
  }
  if (strcmp(method, "initialize") == 0 && id)
    reply(s, id, capabilities());
  else if (strcmp(method, "shutdown") == 0 && id) {
    s->shutdown = true;
    reply(s, id, json_null());
  } else if (strcmp(method, "textDocument/didOpen") == 0)
    did_open(s, params);
  else if (strcmp(method, "textDocument/didChange") == 0)
    did_change(s, params);
  else if (strcmp(method, "textDocument/didSave") == 0)
    did_save(s, params);
  else if (strcmp(method, "textDocument/didClose") == 0)
    did_close(s, params);
  else if (strcmp(method, "textDocument/codeAction") == 0 && id)
    reply(s, id, code_actions(s, params));
  else if (id)
    reply_error(s, id, -32601, "method not supported by connlint");
  return false;
}

int lsp_serve(const LspOptions *o) {
  Server s;
  memset(&s, 0, sizeof s);
  s.o = o;
  pthread_mutex_init(&s.mu, NULL);
  pthread_cond_init(&s.cv, NULL);
  pthread_mutex_init(&s.out_mu, NULL);
  char note[512];
  s.program = program_new(cache_build_id(note, sizeof note));
  if (note[0]) logf_(&s, "connlint lsp: note: %s\n", note);
  pthread_t t;
  if (pthread_create(&t, NULL, worker, &s) != 0) {
    fprintf(stderr, "connlint: lsp: cannot start the analysis thread: %s\n", strerror(errno));
    program_delete(s.program);
    return 3;
  }
  bool exited = false;
  for (;;) {
    json_t *msg;
    const char *bad = NULL;
    int rc = rpc_read(o->in, &msg, &bad);
    if (rc == 0) {
      if (bad) logf_(&s, "connlint lsp: %s\n", bad);
      break;
    }
    if (rc < 0) {
      reply_error(&s, NULL, -32700, bad);
      continue;
    }
    exited = dispatch(&s, msg);
    json_decref(msg);
    if (exited) break;
  }
  pthread_mutex_lock(&s.mu);
  s.quit = true;
  atomic_store(&s.cancel, 1);
  pthread_cond_signal(&s.cv);
  pthread_mutex_unlock(&s.mu);
  pthread_join(t, NULL);
  while (s.docs) {
    Doc *d = s.docs;
    s.docs = d->next;
    doc_free(d);
  }
  program_delete(s.program);
  pthread_cond_destroy(&s.cv);
  pthread_mutex_destroy(&s.mu);
  pthread_mutex_destroy(&s.out_mu);
  return exited && s.shutdown ? 0 : 1;
}

int lsp_main(int argc, char **argv) {
  LspOptions o = {.debounce_ms = 300, .in = stdin, .out = stdout};
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--debounce") == 0 && i + 1 < argc) {
      char *end;
      long v = strtol(argv[++i], &end, 10);
      if (*end || v < 0 || v > 60000) {
        fprintf(stderr, "connlint: lsp: --debounce takes milliseconds (0-60000), not '%s'\n",
                argv[i]);
        return 2;
      }
      o.debounce_ms = (int)v;
    } else if (strcmp(argv[i], "--log") == 0) {
      o.log = stderr;
    } else if (strcmp(argv[i], "--stdio") == 0) {
      /* what VS Code's generic clients pass: stdio is the only transport */
    } else {
      fprintf(stderr,
              "connlint: lsp: unknown argument '%s'; usage: connlint lsp [--debounce MS] "
              "[--log]\n",
              argv[i]);
      return 2;
    }
  }
  return lsp_serve(&o);
}
