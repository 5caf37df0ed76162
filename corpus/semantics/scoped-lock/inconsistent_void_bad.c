/*
 * A session table's expiry sweep returns early when another sweep is
 * running, with the table lock still held; the normal path unlocks. The
 * function returns nothing, so its caller cannot tell the two returns
 * apart: held on one and not on the other is an inconsistent return, one
 * finding at the lock call.
 */
#include <pthread.h>
#include <time.h>

struct session {
  struct session *next;
  time_t expires;
};

struct sessions {
  pthread_mutex_t lock;
  int sweeping;
  struct session *head;
};

void session_free(struct session *s);

void sessions_expire(struct sessions *t, time_t now) {
  pthread_mutex_lock(&t->lock); // expect: connlint-lock-not-released
  if (t->sweeping) return;
  t->sweeping = 1;
  struct session **pp = &t->head;
  while (*pp) {
    struct session *s = *pp;
    if (s->expires <= now) {
      *pp = s->next;
      session_free(s);
    } else {
      pp = &s->next;
    }
  }
  t->sweeping = 0;
  pthread_mutex_unlock(&t->lock);
}
