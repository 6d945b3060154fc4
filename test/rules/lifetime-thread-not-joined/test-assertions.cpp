// RUN: %check_fix %s lifetime-thread-not-joined %t -- -std=c++17
// A test framework's fatal assertion returns only once the test has failed:
// that path is the failure report, not a pitfall of the code under test.
// An early return of the project's own macro is still one.
#include <stdexcept>
#include <thread>

// As gtest spells them.
#define GTEST_FATAL_FAILURE_(message) return
#define ASSERT_TRUE(condition)                                                 \
  if (condition)                                                               \
    ;                                                                          \
  else                                                                         \
    GTEST_FATAL_FAILURE_("Failed")
#define ASSERT_EQ(a, b) ASSERT_TRUE((a) == (b))

bool running();
int port();
void serve();

void test_server() {
  std::thread t(serve);
  ASSERT_TRUE(running());
  ASSERT_EQ(port(), 8080);
  t.join();
}

// An exception out of a test case's body is caught and reported by the
// framework: a failure path as well.
#define TEST(suite, name) void suite##_##name##_Test()
int parse(const char *s) {
  if (!*s)
    throw std::invalid_argument("empty");
  return 1;
}

TEST(Server, Parses) {
  std::thread t(serve);
  parse("80");
  t.join();
}

#define RETURN_IF_FALSE(c)                                                     \
  if (!(c))                                                                    \
  return

void project_macro() {
  std::thread t(serve);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 't' is still joinable when the function returns early
  RETURN_IF_FALSE(running());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: returns here with 't' still joinable
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: not rewritten: std::jthread, whose destructor joins, needs C++20
  t.join();
}

// The same exception outside a test case ends the process.
void parses() {
  std::thread t(serve);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 't' is still joinable when an exception leaves its scope
  parse("80");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: {{.*}}; an exception here leaves 't' joinable
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: not rewritten: std::jthread
  t.join();
}
