//===- Refusal.h - why a rewrite is not made --------------------------------===//
//
// Every analysis that can object to a rewrite says so with one value: the
// reason the finding gives ("not rewritten: <reason>"), and, when the code
// shows it somewhere, that place and a note to attach there. Actions hand it
// to FindingBuilder::refuse unchanged, so that a reason found deep in an
// analysis reaches the user with its place. RefusalOr<T> is a plan or the
// refusal that stands in its place.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/Twine.h"

#include <cassert>
#include <optional>
#include <string>

namespace pitfix {

/// Why a rewrite cannot be made, or no objection (an empty Reason).
struct Refusal {
  /// What the finding says after "not rewritten: ".
  std::string Reason;
  /// Where the code shows it; invalid when nowhere in particular.
  clang::SourceLocation Place;
  /// The note reported at Place; empty for none.
  std::string Note;

  Refusal() = default;
  /// A reason, and optionally the place that shows it with its note.
  Refusal(const llvm::Twine &Reason, clang::SourceLocation Place = {},
          const llvm::Twine &Note = "")
      : Reason(Reason.str()), Place(Place), Note(Note.str()) {}

  /// True when there is an objection.
  explicit operator bool() const { return !Reason.empty(); }
  /// True when a note is to be shown at Place.
  bool hasNote() const { return Place.isValid() && !Note.empty(); }
};

/// A value of type T (a plan, a slot, a spelling) or the refusal that
/// explains why there is none.
template <class T> class RefusalOr {
public:
  RefusalOr(T V) : Value(std::move(V)) {}
  RefusalOr(Refusal R) : Why(std::move(R)) {
    assert(Why && "a RefusalOr without a value needs a reason");
  }

  /// True when there is a value.
  explicit operator bool() const { return Value.has_value(); }
  T &operator*() { return *Value; }
  const T &operator*() const { return *Value; }
  T *operator->() { return &*Value; }
  const T *operator->() const { return &*Value; }
  /// Why there is no value (empty when there is one).
  const Refusal &refusal() const { return Why; }

private:
  std::optional<T> Value;
  Refusal Why;
};

} // namespace pitfix
