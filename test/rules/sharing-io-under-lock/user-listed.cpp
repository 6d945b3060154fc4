// A project's own blocking calls, listed in its vocabulary: a free function
// by name, a method with its class.
// RUN: rm -rf %t.vocab && mkdir -p %t.vocab
// RUN: echo "names: {blockingFunctions: [http_get, 'Client::fetch']}" > %t.vocab/vocabulary.yaml
// RUN: %check_fix --pitfix-arg=--rules-dir=%t.vocab %s sharing-io-under-lock %t -- -std=c++17
#include <mutex>
#include <string>

std::string http_get(const std::string &url);
struct Client {
  std::string fetch(const std::string &key);
  std::string name() const;
};

std::mutex mu;
std::string latest;

void poll(const std::string &url) {
  std::lock_guard<std::mutex> lock(mu);
  std::string body = http_get(url);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'http_get' blocks while 'mu' is held
  latest = body;
}

void refresh(Client &client) {
  std::lock_guard<std::mutex> lock(mu);
  std::string value = client.fetch("k");
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'Client::fetch' blocks while 'mu' is held
  latest = value + client.name();
}
