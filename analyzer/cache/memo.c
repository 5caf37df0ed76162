/*
 * memo.c - file digests remembered from one cache session to the next.
 *
 * A language server opens the cache for every analysis of a buffer, and
 * every analysis checks each unit's entry against the unit's file and the
 * headers it included: hundreds of files read and digested per keystroke,
 * nearly all of them unchanged. A CacheMemo keeps each file's digest with
 * what stat(2) said when it was read (device, inode, size, modification
 * and change times); while stat still says the same, the file is not read
 * again. A file changed in the last two seconds is read every time: its
 * next change could keep the same times (the racy-git problem).
 *
 * It stays bounded: cache_memo_sweep, called after each analysis, drops
 * every file that analysis did not ask about, so the memo holds at most the
 * files one analysis reads (the compile database's units and their
 * headers), and a file that leaves the database leaves the memo.
 */
#include "cache_int.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

typedef struct MemoFile {
  const char *path;
  dev_t dev;
  ino_t ino;
  off_t size;
  struct timespec mtime, ctime;
  Digest d;
  bool used; /* asked about since the last sweep */
} MemoFile;

struct CacheMemo {
  Arena arena;
  Map files; /* path -> MemoFile * */
  Vec all;   /* MemoFile * */
  long hits; /* digests taken without reading the file */
};

CacheMemo *cache_memo_new(void) {
  CacheMemo *m = calloc(1, sizeof *m);
  if (m) arena_init(&m->arena);
  return m;
}

void cache_memo_delete(CacheMemo *m) {
  if (!m) return;
  arena_free(&m->arena);
  free(m);
}

int cache_memo_size(const CacheMemo *m) {
  return m ? m->all.len : 0;
}

long cache_memo_hits(const CacheMemo *m) {
  return m ? m->hits : 0;
}

static bool same_time(struct timespec a, struct timespec b) {
  return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

bool memo_stat(const char *path, MemoStat *st) {
  struct stat s;
  if (stat(path, &s) != 0 || !S_ISREG(s.st_mode)) return false;
  *st = (MemoStat){s.st_dev, s.st_ino, s.st_size, s.st_mtim, s.st_ctim};
  return true;
}

bool memo_get(CacheMemo *m, const char *path, const MemoStat *st, Digest *out) {
  MemoFile *f = map_get(&m->files, str_hash(path), path, str_eq);
  if (!f) return false;
  f->used = true;
  if (f->dev != st->dev || f->ino != st->ino || f->size != st->size ||
      !same_time(f->mtime, st->mtime) || !same_time(f->ctime, st->ctime))
    return false;
  *out = f->d;
  m->hits++;
  return true;
}

void memo_put(CacheMemo *m, const char *path, const MemoStat *st, Digest d) {
  if (time(NULL) - st->mtime.tv_sec < 2 || time(NULL) - st->ctime.tv_sec < 2) return;
  MemoFile *f = map_get(&m->files, str_hash(path), path, str_eq);
  if (!f) {
    f = ARENA_NEW(&m->arena, MemoFile);
    f->path = arena_strdup(&m->arena, path);
    map_put(&m->arena, &m->files, str_hash(f->path), f->path, f, str_eq);
    vec_push(&m->arena, &m->all, f);
  }
  f->dev = st->dev;
  f->ino = st->ino;
  f->size = st->size;
  f->mtime = st->mtime;
  f->ctime = st->ctime;
  f->d = d;
  f->used = true;
}

void cache_memo_sweep(CacheMemo *m) {
  if (!m) return;
  Arena a;
  arena_init(&a);
  Map files = {0};
  Vec all = {0};
  for (int i = 0; i < m->all.len; i++) {
    const MemoFile *old = m->all.data[i];
    if (!old->used) continue;
    MemoFile *f = ARENA_NEW(&a, MemoFile);
    *f = *old;
    f->path = arena_strdup(&a, old->path);
    f->used = false;
    map_put(&a, &files, str_hash(f->path), f->path, f, str_eq);
    vec_push(&a, &all, f);
  }
  arena_free(&m->arena);
  m->arena = a;
  m->files = files;
  m->all = all;
}
