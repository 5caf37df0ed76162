/*
 * Calls through function pointers: what each function-pointer variable may
 * hold (the dump's `holds`), and what a call through a pointer is looked up
 * by (`through var/path/member`). Both front ends must give the same IR
 * (tests/tsfront/agree.txt). Declared as `(*name)(params)`, through a
 * typedef of a pointer to a function, and as a pointer to a typedef of a
 * function type; stored by initializer and by assignment, as `f`, `&f`, a
 * cast, either side of `?:`, NULL; made unknown by storing a parameter, a
 * call's result, or taking the address.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef void (*hook_fn)(int);
typedef int close_fn(int);

struct hooks {
  void *(*alloc)(size_t n);
  void (*release)(void *p);
};

struct server {
  struct hooks *hooks;
  int fd;
};

static void log_plain(int fd) {
  fprintf(stderr, "fd %d\n", fd);
}

static void log_quiet(int fd) {
  (void)fd;
}

static hook_fn on_open = log_plain;
static close_fn *closer = &close;
static void (*on_free)(void *) = (void (*)(void *))free;
void (*exported_hook)(int) = NULL;
static void (*from_param)(int);
static void (*addressed)(int) = log_quiet;
static hook_fn pick(int quiet);

void configure(int quiet, void (*given)(int)) {
  on_open = quiet ? log_quiet : &log_plain;
  from_param = given;
  hook_fn *where = &addressed;
  *where = pick(quiet);
}

static hook_fn pick(int quiet) {
  return quiet ? log_quiet : log_plain;
}

int serve(struct server *srv, const char *path) {
  int (*shut)(int) = close;
  int fd = open(path, 0);
  if (fd < 0) return -1;
  on_open(fd);
  (*from_param)(fd);
  addressed(fd);
  char *buf = srv->hooks->alloc(64);
  if (!buf) {
    shut(fd);
    return -1;
  }
  srv->hooks->release(buf);
  on_free(NULL);
  closer(fd);
  return 0;
}
