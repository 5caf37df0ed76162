/*
 * The transfer releasing both mutexes, in reverse order, on the
 * insufficient-funds path as well.
 */
#include <pthread.h>

struct account {
  pthread_mutex_t mu;
  long balance;
};

int transfer(struct account *from, struct account *to, long amount) {
  struct account *first = from < to ? from : to;
  struct account *second = from < to ? to : from;
  pthread_mutex_lock(&first->mu);
  pthread_mutex_lock(&second->mu);
  int rc = -1;
  if (from->balance >= amount) {
    from->balance -= amount;
    to->balance += amount;
    rc = 0;
  }
  pthread_mutex_unlock(&second->mu);
  pthread_mutex_unlock(&first->mu);
  return rc;
}
