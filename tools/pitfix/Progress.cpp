//===- Progress.cpp -------------------------------------------------------===//
#include "Progress.h"

#include "llvm/Support/Process.h"

using namespace llvm;

namespace pitfix {

Progress::Progress(bool Enabled)
    : Active(Enabled && sys::Process::StandardErrIsDisplayed()) {}

void Progress::update(size_t Done, size_t Total, const std::string &File) {
  if (!Active)
    return;
  std::string Count = std::to_string(Done), All = std::to_string(Total);
  if (Count.size() < All.size())
    Count.insert(0, All.size() - Count.size(), ' ');
  std::string Line = "[" + Count + "/" + All + "] " + File;
  unsigned Columns = sys::Process::StandardErrColumns();
  if (Columns > 1 && Line.size() >= Columns)
    Line = Line.substr(0, Columns - 1);
  // Carriage return and "erase to end of line": redraw in place.
  errs() << "\r\x1b[K" << Line;
  errs().flush();
  Drawn = true;
}

void Progress::clear() {
  if (!Drawn)
    return;
  errs() << "\r\x1b[K";
  errs().flush();
  Drawn = false;
}

} // namespace pitfix
