//===- Progress.h - the progress line of a batch run ----------------------===//
#pragma once

#include "llvm/Support/raw_ostream.h"

#include <string>

namespace pitfix {

/// Draws "[ 37/412] src/net/conn.cc" on one line of stderr, rewritten in
/// place as translation units finish, when stderr is a terminal (never in
/// logs or pipes). The line is cleared before anything else is printed.
class Progress {
public:
  /// \p Enabled false draws nothing (e.g. --quiet).
  explicit Progress(bool Enabled);
  ~Progress() { clear(); }

  /// Shows that \p Done of \p Total units are finished, the last \p File.
  void update(size_t Done, size_t Total, const std::string &File);
  /// Erases the line.
  void clear();

private:
  bool Active;
  bool Drawn = false;
};

} // namespace pitfix
