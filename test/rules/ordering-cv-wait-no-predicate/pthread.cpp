// RUN: %check_fix %s ordering-cv-wait-no-predicate %t -- -std=c++17
// pthread_cond_wait takes no predicate: the `if` becomes `while`, the loop
// the predicate overload would run.
#include <pthread.h>

pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ready_cond = PTHREAD_COND_INITIALIZER;
int ready;

void *announce(void *) {
  pthread_mutex_lock(&mu);
  ready = 1;
  pthread_cond_signal(&ready_cond);
  pthread_mutex_unlock(&mu);
  return nullptr;
}

void await_ready() {
  pthread_mutex_lock(&mu);
  if (!ready) // woken by announce()
    pthread_cond_wait(&ready_cond, &mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pthread_cond_wait(&ready_cond, &mu)' waits without a predicate and runs once under 'if': a spurious or stolen wake-up runs on while '!ready' still holds
  pthread_mutex_unlock(&mu);
}

int main() {
  pthread_t t;
  pthread_create(&t, nullptr, announce, nullptr);
  await_ready();
  pthread_join(t, nullptr);
}
