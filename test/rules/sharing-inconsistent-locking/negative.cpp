// RUN: %check_fix %s sharing-inconsistent-locking %t -- -std=c++17
// Idiomatic, correct classes: nothing to report.
#include <atomic>
#include <cassert>
#include <cassert>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// Every access under the lock; a getter that returns under a guard.
class Counter {
public:
  explicit Counter(int start) : count_(start) {}
  ~Counter() { count_ = 0; }
  void add(int n) {
    std::lock_guard<std::mutex> lock(mu_);
    count_ += n;
  }
  int get() const {
    std::lock_guard<std::mutex> lock(mu_);
    return count_;
  }
  void reset() {
    mu_.lock();
    count_ = 0;
    mu_.unlock();
  }

private:
  mutable std::mutex mu_;
  int count_;
};

// Atomics, const members, and members the mutex does not guard.
class Stats {
public:
  explicit Stats(std::string name) : name_(std::move(name)) {}
  void record(long v) {
    hits_.fetch_add(1);
    std::lock_guard<std::mutex> lock(mu_);
    samples_.push_back(v);
  }
  long hits() const { return hits_.load(); }
  const std::string &name() const { return name_; }
  int limit() const { return limit_; }
  bool verbose() const { return verbose_; }
  void set_verbose(bool v) { verbose_ = v; }

private:
  std::mutex mu_;
  std::atomic<long> hits_{0};
  std::vector<long> samples_;
  const std::string name_;
  const int limit_ = 10;
  bool verbose_ = false; // never written under mu_
};

// A private helper called only with the lock held.
class Queue {
public:
  void push(int v) {
    std::lock_guard<std::mutex> lock(mu_);
    append(v);
    cv_.notify_one();
  }
  int pop() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !items_.empty(); });
    int v = items_.front();
    items_.pop_front();
    return v;
  }

private:
  void append(int v) {
    items_.push_back(v);
    ++pushed_;
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int> items_;
  long pushed_ = 0;
};

// A member written once before the thread starts.
class Worker {
public:
  void start(int id) {
    id_ = id;
    running_ = true;
    thread_ = std::thread([this] { loop(); });
  }
  void stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      running_ = false;
    }
    cv_.notify_all();
    if (thread_.joinable())
      thread_.join();
  }
  int id() const { return id_; }

private:
  void loop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (running_)
      cv_.wait(lock);
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
  bool running_ = false;
  int id_ = 0;
};

// Members touched only in the constructor and destructor besides the lock.
class Buffer {
public:
  Buffer() { init(); }
  ~Buffer() { data_.clear(); }
  void write(int v) {
    std::lock_guard<std::mutex> lock(mu_);
    data_.push_back(v);
  }

private:
  void init() { data_.reserve(64); }
  std::mutex mu_;
  std::vector<int> data_;
};

// The caller holds the lock, as the code says it.
#define REQUIRES(...) __attribute__((requires_capability(__VA_ARGS__)))
class __attribute__((capability("mutex"))) AnnotatedMutex {
public:
  void lock() __attribute__((acquire_capability())) { m_.lock(); }
  void unlock() __attribute__((release_capability())) { m_.unlock(); }
  void AssertHeld() const __attribute__((assert_capability(this))) {}

private:
  std::mutex m_;
};

class Ledger {
public:
  void add(int v) {
    std::lock_guard<AnnotatedMutex> lock(mu_);
    total_ += v;
    last_ = v;
  }
  int TotalRequiresLock() const REQUIRES(mu_) { return total_; }
  int lastLocked() const { return last_; }
  int LastAsserted() const {
    mu_.AssertHeld();
    return last_;
  }
  int total(std::unique_lock<AnnotatedMutex> &held) const { return total_; }
  // Must be called with mu_ held.
  void clear() { total_ = 0; }

private:
  mutable AnnotatedMutex mu_;
  int total_ = 0;
  int last_ = 0;
};

// A public method the class calls only with the lock held.
class Table {
public:
  void insert(int v) {
    std::lock_guard<std::mutex> lock(mu_);
    rows_.push_back(v);
    compact();
  }
  void compact() {
    if (rows_.size() > 100)
      rows_.erase(rows_.begin());
  }

private:
  std::mutex mu_;
  std::vector<int> rows_;
};

// A setup method documented to run before the object is shared.
class Server {
public:
  // Must be called before listen(); the mode cannot change after that.
  void setNonBlocking(bool on) {
    if (listening_)
      return;
    nonBlocking_ = on;
  }
  void listen() {
    std::lock_guard<std::mutex> lock(mu_);
    listening_ = true;
  }
  void close() {
    std::lock_guard<std::mutex> lock(mu_);
    listening_ = false;
  }

private:
  std::mutex mu_;
  bool listening_ = false;
  bool nonBlocking_ = false;
};

// A member made of atomics (a histogram): each access is atomic; the mutex
// only serialises the operations that touch several fields.
struct Stat {
  void add(long v) { sum_.fetch_add(v); num_.fetch_add(1); }
  void clear() { sum_.store(0); num_.store(0); }
  long sum() const { return sum_.load(); }
  std::atomic<long> sum_{0};
  std::atomic<long> num_{0};
  const int buckets_ = 8;
};

class Histogram {
public:
  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    stats_.clear();
  }
  void Add(long v) { stats_.add(v); }
  long Sum() const { return stats_.sum(); }

private:
  std::mutex mu_;
  Stat stats_;
};

// A project condition variable signalled after the lock is released.
class CondVar {
public:
  void Wait() {}
  void SignalAll() {}
};

class Stall {
public:
  void Block() {
    std::lock_guard<std::mutex> lock(mu_);
    blocked_ = true;
    cv_.Wait();
  }
  void Signal() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      blocked_ = false;
    }
    cv_.SignalAll();
  }

private:
  std::mutex mu_;
  CondVar cv_;
  bool blocked_ = false;
};

// The lock guards one field of an options struct; the others are fixed.
struct Options {
  size_t capacity = 0;
  bool split = false;
};

class Cache {
public:
  explicit Cache(Options o) : opts_(o) {}
  void SetCapacity(size_t c) {
    std::lock_guard<std::mutex> lock(mu_);
    opts_.capacity = c;
  }
  bool Split() const { return opts_.split; }

private:
  std::mutex mu_;
  Options opts_;
};

// A lock this pitfix does not know as a guard, and a mutex reached through
// a call: what is held there is not known.
class ScopedLockT {
public:
  explicit ScopedLockT(std::mutex &m) : m_(m) { m_.lock(); }
  ~ScopedLockT() { m_.unlock(); }

private:
  std::mutex &m_;
};

class Slots {
public:
  void terminate() {
    mu_.lock();
    terminating_ = true;
    mu_.unlock();
  }
  bool shutdown() {
    ScopedLockT locker(mu_);
    return terminating_;
  }
  bool stopping() {
    std::lock_guard<std::mutex> lock(self()->mu_);
    return terminating_;
  }

private:
  Slots *self() { return this; }
  std::mutex mu_;
  bool terminating_ = false;
};

// Initialisation: an assignment from another type, and a method that a
// constructor calls to fill the object, reset a lazily made member without
// the lock that guards its creation; no other thread sees the object yet.
struct Key {
  int bits = 0;
};
class Verifier {
public:
  explicit Verifier(int bits) : bits_(bits) {}
  int bits() const { return bits_; }

private:
  int bits_;
};
class Identity {
public:
  Identity() = default;
  Identity(const char *buf, std::size_t len) { fromBuffer(buf, len); }
  Identity &operator=(const Key &key) {
    key_ = key;
    delete verifier_;
    verifier_ = nullptr;
    return *this;
  }
  std::size_t fromBuffer(const char *buf, std::size_t len) {
    key_.bits = len > 0 ? buf[0] : 0;
    delete verifier_;
    verifier_ = nullptr;
    return len;
  }
  int verify() {
    std::lock_guard<std::mutex> lock(mu_);
    if (!verifier_)
      verifier_ = new Verifier(key_.bits);
    return verifier_->bits();
  }

private:
  Key key_;
  Verifier *verifier_ = nullptr;
  std::mutex mu_;
};

// A method the code confines to the thread that makes the writes: its
// reads without the lock see only that thread's own writes.
class Routers {
public:
  void add(int id) {
    std::lock_guard<std::mutex> lock(mu_);
    ids_.push_back(id);
  }
  int closest(int to) const {
    int best = -1;
    // must be called from the routers thread only
    for (int id : ids_)
      if (best < 0 || (id - to) * (id - to) < (best - to) * (best - to))
        best = id;
    return best;
  }
  // Runs only on the routers thread.
  std::size_t count() const { return ids_.size(); }

private:
  mutable std::mutex mu_;
  std::vector<int> ids_;
};

// A statistic: a getter of one scalar field of a member the lock guards.
class Gateway {
public:
  void put(int block) {
    buffered_ += block;
    sent_ += static_cast<std::size_t>(block);
  }
  std::size_t sent() const { return sent_; }

private:
  int buffered_ = 0;
  std::size_t sent_ = 0;
};
// The same read through the class's own getter of a container's count.
class SendBuffer {
public:
  void add(int chunk) {
    std::lock_guard<std::mutex> l(mu_);
    chunks_.push_back(chunk);
  }
  bool IsEmpty() const { return chunks_.empty(); }

private:
  std::mutex mu_;
  std::deque<int> chunks_;
};
class Tunnel {
public:
  void send(int block) {
    std::lock_guard<std::mutex> lock(mu_);
    gateway_.put(block);
  }
  std::size_t sent_bytes() const { return gateway_.sent(); }

private:
  std::mutex mu_;
  Gateway gateway_;
};

// A member the lock happens to cover at one write, written without it in
// most places: the mutex guards the send queue, not the status that one
// event loop drives.
class Stream {
public:
  void send(int packet) {
    std::lock_guard<std::mutex> lock(send_mu_);
    queue_.push_back(packet);
    if (queue_.size() > 64)
      status_ = 2;
  }
  void open() { status_ = 1; }
  void reset() { status_ = 3; }
  void close() { status_ = 0; }
  bool is_open() const { return status_ == 1; }

private:
  std::mutex send_mu_;
  std::deque<int> queue_;
  int status_ = 0;
};

// A member named in decltype or sizeof is neither read nor written.
class Tests {
public:
  void add(int id, int tunnel) {
    std::lock_guard<std::mutex> lock(mu_);
    tests_.push_back({id, tunnel});
  }
  int first_tunnel() {
    decltype(tests_)::value_type test{};
    std::size_t bytes = sizeof(tests_);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!tests_.empty())
        test = tests_.front();
    }
    return test.second + static_cast<int>(bytes > 0);
  }

private:
  std::mutex mu_;
  std::vector<std::pair<int, int>> tests_;
};

// Two guards in one block: the first still holds its mutex under the
// second.
class FilePool {
public:
  void open(int f) {
    std::unique_lock<std::mutex> l(mu_);
    files_.push_back(f);
  }
  void release() {
    std::unique_lock<std::mutex> l(mu_);
    std::unique_lock<std::mutex> l2(destruction_mu_);
    deferred_ = std::move(files_);
    l.unlock();
    deferred_.clear();
  }

private:
  std::mutex mu_;
  std::mutex destruction_mu_;
  std::vector<int> files_;
  std::vector<int> deferred_;
};

// Clean-up when the object stops: the workers have been joined (here or by
// the caller) when the tables are cleared without the lock.
class Requests {
public:
  void add(int id) {
    std::lock_guard<std::mutex> l(mu_);
    pending_.push_back(id);
  }
  void Stop() { pending_.clear(); }
  void shut_down() { done_.clear(); }
  void CleanUp() { pending_.clear(); }
  void record(int id) {
    std::lock_guard<std::mutex> l(mu_);
    done_.push_back(id);
  }

private:
  std::mutex mu_;
  std::vector<int> pending_;
  std::vector<int> done_;
};

// A class template whose thread is started with arguments that depend on
// the template parameter: the flag is set before the thread exists.
template <typename Keys> class KeysSupplier {
public:
  void Start() {
    running_ = true;
    thread_ = new std::thread(&KeysSupplier<Keys>::Run, this);
  }
  void Stop() {
    {
      std::unique_lock<std::mutex> l(mu_);
      running_ = false;
      cv_.notify_one();
    }
    if (thread_) {
      thread_->join();
      delete thread_;
      thread_ = nullptr;
    }
  }
  void Run() {
    std::unique_lock<std::mutex> l(mu_);
    while (running_)
      cv_.wait(l);
  }

private:
  bool running_ = false;
  std::thread *thread_ = nullptr;
  std::mutex mu_;
  std::condition_variable cv_;
};
template class KeysSupplier<int>;

// Set-up that runs once, under the lock, before the readers: the threads it
// creates are read through plain getters afterwards.
struct Reaper {
  void stop() {}
};
class Context {
public:
  void create_socket() {
    std::lock_guard<std::mutex> l(slot_sync_);
    if (starting_)
      start();
  }
  Reaper *reaper() const { return reaper_; }
  void set_priority(int p) {
    std::lock_guard<std::mutex> l(opt_sync_);
    priority_ = p;
  }
  void start_thread(std::thread &t) const {
    int p = priority_;
    t = std::thread([p] { (void)p; });
  }

private:
  void start() {
    std::lock_guard<std::mutex> l(opt_sync_);
    reaper_ = new Reaper;
    starting_ = false;
  }
  std::mutex slot_sync_;
  std::mutex opt_sync_;
  bool starting_ = true;
  Reaper *reaper_ = nullptr;
  int priority_ = 0;
};

// A single-producer single-consumer pipe that orders itself with an atomic:
// the mutex only serialises the producers; the one consumer reads without.
template <typename T> class SpscPipe {
public:
  void write(const T &v) {
    buf_[w_ % 16] = v;
    ++w_;
  }
  bool read(T *out) {
    if (r_ == w_.load())
      return false;
    *out = buf_[r_++ % 16];
    return true;
  }

private:
  T buf_[16] = {};
  std::atomic<unsigned> w_{0};
  unsigned r_ = 0;
};
class Mailbox {
public:
  void send(int cmd) {
    std::lock_guard<std::mutex> l(sync_);
    pipe_.write(cmd);
  }
  bool recv(int *cmd) { return pipe_.read(cmd); }

private:
  std::mutex sync_;
  SpscPipe<int> pipe_;
};

// The class says what its mutex protects: the client list. The open flag
// that a locked section happens to set is the output thread's own.
class HttpOutput {
public:
  void Open() {
    std::lock_guard<std::mutex> l(mutex_);
    open_ = true;
  }
  void Bind() { open_ = false; }
  bool IsOpen() const { return open_; }
  void AddClient(int c) {
    std::lock_guard<std::mutex> l(mutex_);
    clients_.push_back(c);
  }
  // Debugging checks and methods that say they do not synchronise.
  void Play() {
    assert(open_);
    (void)clients_IsEmptyUnsafe();
  }
  bool clients_IsEmptyUnsafe() const { return clients_.size() == 0; }
  void Close() {
    open_ = false;
    clients_.clear();
  }

private:
  bool open_ = false;
  std::vector<int> clients_;
  /**
   * This mutex protects the listener socket and the client list.
   */
  mutable std::mutex mutex_;
};

// A method documented as not for concurrent use with the setter, and a
// getter of one number of a member object.
struct Socket {
  int sock = -1;
};
class Registry {
public:
  void set_default(std::shared_ptr<int> p) {
    std::lock_guard<std::mutex> l(mu_);
    default_ = std::move(p);
    socket_.sock = *default_;
  }
  // Faster than default_logger(), but cannot be used concurrently with
  // set_default().
  int *get_default_raw() { return default_.get(); }
  int socket() const { return socket_.sock; }

private:
  std::mutex mu_;
  std::shared_ptr<int> default_;
  Socket socket_;
};

// A count through a project container whose own count is one field.
template <typename T> class FixedArray {
public:
  explicit FixedArray(unsigned n) : data_(new T[n]), size_(n) {}
  ~FixedArray() { delete[] data_; }
  unsigned size() const { return size_; }
  T &operator[](unsigned i) { return data_[i]; }

private:
  T *data_;
  unsigned size_;
};
class SliceBuffer {
public:
  unsigned GetCapacity() const { return slots_.size(); }
  void Put(unsigned i, int v) { slots_[i] = v; }

private:
  FixedArray<int> slots_{16};
};
class MusicBuffer {
public:
  void Allocate(unsigned i) {
    std::lock_guard<std::mutex> l(mutex_);
    buffer_.Put(i, 1);
  }
  unsigned GetSize() const { return buffer_.GetCapacity(); }

private:
  std::mutex mutex_;
  SliceBuffer buffer_;
};
