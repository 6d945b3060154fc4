// RUN: %check_fix %s ordering-cv-wait-no-predicate,sharing-manual-lock-unlock,lifetime-thread-not-joined %t -- -std=c++20
// The rewritten lines follow the .clang-format beside this file; the lines
// pitfix does not change keep their spelling, even where it is not the style.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <queue>
#include <thread>

std::mutex mu;
std::condition_variable cv;
std::queue<int> q;
int    total   =  0;

void push(int v) {
    {
        std::lock_guard<std::mutex> g(mu);
        q.push(v);
    }
    cv.notify_one();
}

int pop() {
    std::unique_lock<std::mutex> lk(mu);
    if (q.empty())
        cv.wait(lk);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'cv.wait(lk)' waits without a predicate
    int v = q.front();
    q.pop();
    return v;
}

int pop_for() {
    std::unique_lock<std::mutex> lk(mu);
    if (q.empty())
        cv.wait_for(lk, std::chrono::milliseconds(50));
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'cv.wait_for(lk, std::chrono::milliseconds(50))' waits without a predicate
    if (q.empty())
        return -1;
    int v = q.front();
    q.pop();
    return v;
}

void add(int n) {
    mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' is locked with lock() and unlocked by hand
    total  +=  n;
    if (total > 100)
        return;
    // CHECK-MESSAGES: :[[@LINE-1]]:9: note: 'mu' stays locked when this returns
    mu.unlock();
}

void run() {
    std::thread t([] { std::puts("hello"); });
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 't' is never joined or detached
    // CHECK-MESSAGES: :[[@LINE+1]]:1: note: its scope ends here
}
