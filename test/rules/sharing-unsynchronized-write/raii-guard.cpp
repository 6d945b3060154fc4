// RUN: %check_fix %s sharing-unsynchronized-write %t -- -std=c++17
// A project's RAII guard that no list names (btop's thread_lock): its
// constructor locks the mutex it is given and leaves it locked, its
// destructor unlocks. Writes in its scope are under the lock. A class that
// locks and unlocks in its constructor holds nothing afterwards.
#include <pthread.h>
#include <string>
#include <vector>

class thread_lock {
  pthread_mutex_t &pt_mutex;

public:
  int status;
  explicit thread_lock(pthread_mutex_t &mtx) : pt_mutex(mtx) {
    status = pthread_mutex_lock(&pt_mutex);
  }
  ~thread_lock() {
    if (status == 0)
      pthread_mutex_unlock(&pt_mutex);
  }
};

// Registers itself under the lock, then lets it go.
class registration {
public:
  explicit registration(pthread_mutex_t &mtx) : mtx_(mtx) {
    pthread_mutex_lock(&mtx_);
    ++count;
    pthread_mutex_unlock(&mtx_);
  }
  ~registration() {
    pthread_mutex_lock(&mtx_);
    --count;
    pthread_mutex_unlock(&mtx_);
  }
  static int count;

private:
  pthread_mutex_t &mtx_;
};
int registration::count = 0;

pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
std::string output;
int frames = 0;
int drawn = 0;

void *runner(void *) {
  thread_lock lck(mtx);
  output.clear();
  output += "frame";
  ++frames;
  return nullptr;
}

void *drawer(void *) {
  registration r(mtx);
  ++drawn;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'drawn' is written by spawned work with no lock held
  return nullptr;
}

void start() {
  pthread_t a, b, c, d;
  pthread_create(&a, nullptr, runner, nullptr);
  pthread_create(&b, nullptr, runner, nullptr);
  pthread_create(&c, nullptr, drawer, nullptr);
  pthread_create(&d, nullptr, drawer, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
  pthread_join(c, nullptr);
  pthread_join(d, nullptr);
}
