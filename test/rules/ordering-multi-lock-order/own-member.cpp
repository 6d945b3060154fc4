// RUN: %check_fix %s ordering-multi-lock-order %t -- -std=c++17
// The same mutex member of two objects: the order depends on the caller
// only when the caller can choose both objects.
#include <mutex>

struct Sample {
  std::mutex init_mu;
  Sample *dead = nullptr;
};

// A recorder's graveyard (a member of the recorder, by value) and a sample
// it is given or finds: every function takes the graveyard first, and no
// caller can pass the graveyard (absl's SampleRecorder::PushDead, PopDead).
class Recorder {
public:
  void PushDead(Sample *sample) {
    std::lock_guard<std::mutex> graveyard_lock(graveyard_.init_mu);
    std::lock_guard<std::mutex> sample_lock(sample->init_mu);
    sample->dead = graveyard_.dead;
    graveyard_.dead = sample;
  }
  Sample *PopDead() {
    std::lock_guard<std::mutex> graveyard_lock(graveyard_.init_mu);
    Sample *sample = graveyard_.dead;
    if (sample == &graveyard_)
      return nullptr;
    std::lock_guard<std::mutex> sample_lock(sample->init_mu);
    graveyard_.dead = sample->dead;
    sample->dead = nullptr;
    return sample;
  }

private:
  Sample graveyard_;
};

// The object itself and another of its type: a.merge(b) and b.merge(a)
// take the two mutexes in opposite orders.
class Account {
public:
  void merge(Account &other) {
    std::lock_guard<std::mutex> mine(mu_);
    std::lock_guard<std::mutex> theirs(other.mu_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'other.mu_' is locked while 'mu_' is held; lock them together with std::scoped_lock [ordering-multi-lock-order]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'mu_' is locked first here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the order depends on the caller: both are 'mu_' of two objects; another call can pass the objects the other way round
    balance_ += other.balance_;
    other.balance_ = 0;
  }

private:
  std::mutex mu_;
  long balance_ = 0;
};
