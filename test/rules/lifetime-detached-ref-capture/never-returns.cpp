// RUN: %check_fix %s lifetime-detached-ref-capture %t -- -std=c++17
// A function that cannot return once it has spawned keeps its locals alive
// for as long as the detached work runs: no finding. Where a path still
// leaves (a loop with a break, a local of an inner block), the locals can
// die first and the finding stays.
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

void run(const std::string &name, int id) {}
[[noreturn]] void fatal(const char *why);
bool poll_once();

void serve_forever(int port) {
  std::string name = "server";
  std::thread([&] { run(name, port); }).detach();
  for (;;)
    std::this_thread::sleep_for(std::chrono::seconds(1));
}

void spin_forever() {
  int id = 7;
  std::thread t([&] { run("spin", id); });
  t.detach();
  while (true) {
    if (!poll_once())
      std::this_thread::yield();
  }
}

void ends_in_noreturn() {
  int id = 3;
  std::thread([&] { run("last", id); }).detach();
  fatal("work started, shutting down");
}

void every_path_ends_the_process(bool failed) {
  int id = 4;
  std::thread([&] { run("report", id); }).detach();
  if (failed)
    std::abort();
  else
    std::exit(0);
}

// A break leaves the loop, and the function returns.
void loop_with_an_exit() {
  int id = 5;
  std::thread([&] { run("until", id); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: detached work uses 'id' by reference and may outlive it [lifetime-detached-ref-capture]
  for (;;) {
    if (!poll_once())
      break;
  }
}

// Only one branch ends the process.
void one_branch_exits(bool failed) {
  int id = 6;
  std::thread([&] { run("maybe", id); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: detached work uses 'id' by reference
  if (failed)
    std::abort();
}

// The local dies at the end of its block, before the endless loop.
void inner_block_local() {
  {
    int id = 8;
    std::thread([&] { run("block", id); }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: detached work uses 'id' by reference
  }
  for (;;)
    std::this_thread::sleep_for(std::chrono::seconds(1));
}
