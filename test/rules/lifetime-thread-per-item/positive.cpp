// RUN: %check_fix %s lifetime-thread-per-item %t -- -std=c++20
// A thread of its own for each connection, line or element of input.
#include <cstdio>
#include <future>
#include <iostream>
#include <map>
#include <pthread.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <vector>

void handle(int client);
void process(const std::string &line);
int compute(int v);
void *run(void *arg);

// The classic server: a detached thread per accepted connection.
void serve(int listener) {
  while (true) {
    int client = accept(listener, nullptr, nullptr);
    if (client < 0)
      continue;
    std::thread(handle, client).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a new thread is started for each connection that 'accept' accepts: the input decides how many threads run at once [lifetime-thread-per-item]
    // CHECK-MESSAGES: :[[@LINE-5]]:18: note: each iteration accepts a connection: the clients decide how many threads run
    // CHECK-MESSAGES: :[[@LINE-7]]:3: note: run the items on a thread pool, or on a fixed number of workers (std::thread::hardware_concurrency()) that take them from a queue
  }
}

// accept in the loop condition.
void serve_cond(int listener, std::vector<std::thread> &threads) {
  int fd;
  while ((fd = accept(listener, nullptr, nullptr)) >= 0)
    threads.emplace_back(handle, fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a new thread is started for each connection that 'accept' accepts
  // CHECK-MESSAGES: :[[@LINE-3]]:16: note: each iteration accepts
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: run the items on a thread pool
}

// A thread per line read.
void per_line(std::vector<std::thread> &threads) {
  std::string line;
  while (std::getline(std::cin, line))
    threads.emplace_back(process, line);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a new thread is started for each item that 'std::getline' reads
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: each iteration reads another item: the input decides how many threads run
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: run the items on a thread pool
}

// A thread per word read from a stream.
void per_word(std::istream &in) {
  std::string word;
  while (in >> word)
    std::thread([word] { process(word); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a new thread is started for each item that 'operator>>' reads
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: each iteration reads
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: run the items on a thread pool
}

// A thread per element of a container handed in.
void per_element(const std::vector<std::string> &files) {
  std::vector<std::thread> threads;
  for (const std::string &f : files)
    threads.emplace_back(process, f);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a new thread is started for each element of 'files'
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: the loop visits every element of 'files', whose size nothing here bounds
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: run the items on a thread pool
  for (std::thread &t : threads)
    t.join();
}

// An index loop bounded by the container's size, with std::async.
int per_index(const std::vector<int> &values) {
  std::vector<std::future<int>> results;
  for (size_t i = 0; i < values.size(); ++i)
    results.push_back(std::async(std::launch::async, compute, values[i]));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: a new thread (std::async with std::launch::async) is started for each element of 'values'
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: the loop visits every element of 'values'
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: run the items on a thread pool
  int sum = 0;
  for (auto &r : results)
    sum += r.get();
  return sum;
}

// An iterator loop over a map member, with std::jthread.
struct Registry {
  std::map<int, std::string> entries;
  std::vector<std::jthread> running;
  void start_all() {
    for (auto it = entries.begin(); it != entries.end(); ++it)
      running.push_back(std::jthread(process, it->second));
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: a new thread is started for each element of 'entries'
    // CHECK-MESSAGES: :[[@LINE-3]]:43: note: the loop visits every element of 'entries'
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: run the items on a thread pool
  }
};

// pthread_create per request read from a socket.
void per_request(int sock, std::vector<pthread_t> &ids) {
  char buf[512];
  while (recv(sock, buf, sizeof buf, 0) > 0) {
    pthread_t id;
    pthread_create(&id, nullptr, run, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: a new thread ('pthread_create') is started for each item that 'recv' reads
    // CHECK-MESSAGES: :[[@LINE-4]]:10: note: each iteration reads
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: run the items on a thread pool
    ids.push_back(id);
  }
}
