// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
// POSIX threads: pthread_create starts its routine on another thread, and
// pthread_join waits for it. Two workers that increment a counter race; a
// counter that the main thread reads only after joining does not.
#include <cstdio>
#include <pthread.h>

long hits = 0;

void *count_hits(void *) {
  for (int i = 0; i < 1000; ++i)
    ++hits;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'hits' is written by spawned work with no lock held, and the same work is spawned more than once
  // CHECK-MESSAGES: :[[@LINE+8]]:3: note: it is spawned again here
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: fixed
  return nullptr;
}

int main() {
  pthread_t a, b;
  pthread_create(&a, nullptr, count_hits, nullptr);
  pthread_create(&b, nullptr, count_hits, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
  std::printf("%ld\n", hits);
  return 0;
}

// One worker, joined before the result is read: no race.
long total = 0;

void *sum(void *) {
  for (int i = 0; i < 10; ++i)
    total += i;
  return nullptr;
}

long run_one() {
  pthread_t t;
  pthread_create(&t, nullptr, sum, nullptr);
  pthread_join(t, nullptr);
  return total;
}

// Every write holds the mutex.
pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
long guarded = 0;

void *count_guarded(void *) {
  for (int i = 0; i < 1000; ++i) {
    pthread_mutex_lock(&mu);
    ++guarded;
    pthread_mutex_unlock(&mu);
  }
  return nullptr;
}

long run_guarded() {
  pthread_t a, b;
  pthread_create(&a, nullptr, count_guarded, nullptr);
  pthread_create(&b, nullptr, count_guarded, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
  return guarded;
}
