/*
 * The pause entry point decides on a global flag instead of its argument:
 * whether it returns holding the hang lock depends on state the caller
 * does not pass and cannot see in the (void) result. The two returns of
 * the same kind disagree: one finding at the lock call.
 */
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t worker_hang_lock = PTHREAD_MUTEX_INITIALIZER;
static bool maintenance_mode;

void notify_workers(int how);

void pause_if_needed(int how) {
  if (maintenance_mode) {
    pthread_mutex_lock(&worker_hang_lock); // expect: connlint-lock-not-released
    notify_workers(how);
    return;
  }
  notify_workers(how);
}
