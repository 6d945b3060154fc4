#include "bank/account.h"

namespace bank {

// Two transfers in opposite directions can deadlock.
void transfer(Account &from, Account &to, long amount) {
  std::lock_guard<std::mutex> lock_from(from.mu);
  std::lock_guard<std::mutex> lock_to(to.mu);
  from.balance -= amount;
  to.balance += amount;
}

} // namespace bank
