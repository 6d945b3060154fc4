//===- CompileDatabase.h - a compile_commands.json checked with positions -===//
#pragma once

#include "llvm/Support/Error.h"

#include <map>
#include <string>

namespace pitfix {

/// Where each file of a compile database is listed: canonical path of the
/// file -> "<database>:<line>:<col>" of its first entry (its first key).
using DatabaseEntries = std::map<std::string, std::string>;

/// Checks `compile_commands.json` in \p Dir before Clang loads it, so that
/// what is wrong with it is said at its line and column instead of Clang's
/// unlocated message or, later, "the file does not compile": JSON syntax,
/// the shape (an array of objects with "directory", "file" and "command" or
/// "arguments"), an empty database, a relative "directory" (it would be
/// taken relative to wherever pitfix runs). Returns where each file is
/// listed; an empty map when \p Dir has no compile_commands.json (Clang's
/// loader then says what it finds there).
llvm::Expected<DatabaseEntries> checkCompileDatabase(llvm::StringRef Dir);

} // namespace pitfix
