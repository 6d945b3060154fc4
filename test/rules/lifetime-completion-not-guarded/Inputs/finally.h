// A stand-in for gsl::finally, for the configured-guard test.
#pragma once
namespace gsl {
template <class F> struct final_action {
  F f;
  ~final_action() { f(); }
};
template <class F> final_action<F> finally(F f) { return {f}; }
} // namespace gsl
