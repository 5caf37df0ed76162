/*
 * Moves money between two accounts, locking both in address order. When the
 * source has insufficient funds the function unlocks only the second mutex
 * and returns: the first stays held. One finding, at the first lock call;
 * `first` and `second` are different access paths, so unlocking one does
 * not release the other.
 */
#include <pthread.h>

struct account {
  pthread_mutex_t mu;
  long balance;
};

int transfer(struct account *from, struct account *to, long amount) {
  struct account *first = from < to ? from : to;
  struct account *second = from < to ? to : from;
  pthread_mutex_lock(&first->mu); // expect: connlint-lock-not-released
  pthread_mutex_lock(&second->mu);
  if (from->balance < amount) {
    pthread_mutex_unlock(&second->mu);
    return -1;
  }
  from->balance -= amount;
  to->balance += amount;
  pthread_mutex_unlock(&second->mu);
  pthread_mutex_unlock(&first->mu);
  return 0;
}
