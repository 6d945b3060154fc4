// RUN: %check_fix %s ordering-sleep-as-sync %t -- -std=c++20
// Sleeps after which the spawner reads what the work writes before any
// wait: the sleep stands where the join belongs.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

int compute();

void read_before_join() {
  int result = 0;
  std::thread t([&] { result = compute(); });
  std::this_thread::sleep_for(100ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(100ms)' waits a fixed time for the work started on line 17
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the work starts here
  // CHECK-MESSAGES: :[[@LINE+3]]:23: note: this reads what the work writes, before anything waits for it
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: the work is waited for only here; wait in place of the sleep
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: not rewritten: 't' is not detached right after it is created
  std::printf("%d\n", result);
  t.join();
}

// A jthread joins at the end of the scope: too late for the read.
void jthread_read_in_scope() {
  std::vector<int> out;
  std::jthread t([&] { out.push_back(compute()); });
  std::this_thread::sleep_for(50ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(50ms)' waits a fixed time for the work started on line 31
  // CHECK-MESSAGES: :[[@LINE+2]]:24: note: this reads what the work writes, before anything waits for it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: 't' is not detached right after it is created
  std::printf("%zu\n", out.size());
}

// A method of the same class reads what the work's method writes.
class Cache {
public:
  void refresh() { entries_ = compute(); }
  int entries() const { return entries_; }

private:
  int entries_ = 0;
};

void report_after_refresh(Cache &c) {
  std::thread t(&Cache::refresh, &c);
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(10ms)' waits a fixed time for the work started on line 50
  // CHECK-MESSAGES: :[[@LINE+2]]:23: note: this reads what the work writes, before anything waits for it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: 't' is not detached right after it is created
  std::printf("%d\n", c.entries());
  t.join();
}

// The future of std::async is read only after a check of the output.
void async_output_checked() {
  std::atomic<int> done{0};
  auto f = std::async(std::launch::async, [&] { done = compute(); });
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(10ms)' waits a fixed time for the work started on line 62
  // CHECK-MESSAGES: :[[@LINE+2]]:7: note: this reads what the work writes, before anything waits for it
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: the work goes to a pool or a spawning function
  if (done.load() == 0)
    std::printf("slow\n");
  f.get();
}

// Both launch policies: the work may run on a thread of its own.
void async_or_deferred() {
  int result = 0;
  auto f = std::async(std::launch::async | std::launch::deferred,
                      [&] { result = compute(); });
  std::this_thread::sleep_for(10ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(10ms)' waits a fixed time for the work started on line 75
  // CHECK-MESSAGES: :[[@LINE+1]]:23: note: this reads what the work writes, before anything waits for it
  std::printf("%d\n", result);
  f.wait();
}

// A client request that assumes the server thread is listening by now.
#include <sys/socket.h>
#include <unistd.h>
struct EchoServer {
  void serve(int fd) {
    ::listen(fd, 16);
    int client;
    while ((client = ::accept(fd, nullptr, nullptr)) >= 0)
      ::close(client);
  }
};
int request(int fd, const sockaddr *addr, socklen_t len) {
  return ::connect(fd, addr, len);
}
void server_test(int listener, int client, const sockaddr *addr,
                 socklen_t len) {
  EchoServer s;
  std::thread t([&] { s.serve(listener); });
  std::this_thread::sleep_for(100ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(100ms)' waits a fixed time for the work started on line 101
  // CHECK-MESSAGES: :[[@LINE+2]]:12: note: this talks to the server that the work starts, which may not accept connections yet
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: 't' is not detached right after it is created
  int rc = request(client, addr, len);
  ::shutdown(listener, SHUT_RDWR);
  t.join();
  std::printf("%d\n", rc);
}

// The request comes from a client thread started after the sleep.
void server_and_client_threads(int listener, int client, const sockaddr *addr,
                               socklen_t len) {
  EchoServer s;
  std::thread srv([&] { s.serve(listener); });
  std::this_thread::sleep_for(100ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for(100ms)' waits a fixed time for the work started on line 116
  // CHECK-MESSAGES: :[[@LINE+3]]:9: note: this talks to the server that the work starts, which may not accept connections yet
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: not rewritten: 'srv' is not detached right after it is created
  std::thread cli([&] {
    if (::connect(client, addr, len) != 0)
      std::printf("refused\n");
  });
  cli.join();
  ::shutdown(listener, SHUT_RDWR);
  srv.join();
}
