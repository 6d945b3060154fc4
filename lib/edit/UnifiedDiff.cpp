//===- UnifiedDiff.cpp - Myers' O(ND) line diff ---------------------------===//
#include "edit/UnifiedDiff.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <vector>

using namespace llvm;

namespace pitfix {
namespace {

/// Splits into lines, each keeping its "\n" (the last may lack one).
std::vector<StringRef> splitLines(StringRef S) {
  std::vector<StringRef> L;
  while (!S.empty()) {
    size_t N = S.find('\n');
    if (N == StringRef::npos) {
      L.push_back(S);
      break;
    }
    L.push_back(S.take_front(N + 1));
    S = S.drop_front(N + 1);
  }
  return L;
}

enum class Op { Keep, Del, Ins };

/// The shortest edit script between A and B (Myers 1986).
std::vector<Op> diffLines(const std::vector<StringRef> &A,
                          const std::vector<StringRef> &B) {
  int N = A.size(), M = B.size(), Max = N + M;
  std::vector<int> V(2 * Max + 2, 0);
  std::vector<std::vector<int>> Trace;
  int Off = Max + 1;
  for (int D = 0; D <= Max; ++D) {
    Trace.push_back(V);
    for (int K = -D; K <= D; K += 2) {
      int X;
      if (K == -D || (K != D && V[Off + K - 1] < V[Off + K + 1]))
        X = V[Off + K + 1];
      else
        X = V[Off + K - 1] + 1;
      int Y = X - K;
      while (X < N && Y < M && A[X] == B[Y])
        ++X, ++Y;
      V[Off + K] = X;
      if (X >= N && Y >= M) {
        // Walk back through the trace.
        std::vector<Op> Ops;
        int CX = N, CY = M;
        for (int DD = D; DD > 0; --DD) {
          const std::vector<int> &PV = Trace[DD];
          int CK = CX - CY;
          int PK;
          if (CK == -DD || (CK != DD && PV[Off + CK - 1] < PV[Off + CK + 1]))
            PK = CK + 1;
          else
            PK = CK - 1;
          int PX = PV[Off + PK], PY = PX - PK;
          while (CX > PX && CY > PY) {
            Ops.push_back(Op::Keep);
            --CX, --CY;
          }
          if (CX == PX)
            Ops.push_back(Op::Ins), --CY;
          else
            Ops.push_back(Op::Del), --CX;
        }
        while (CX > 0 && CY > 0)
          Ops.push_back(Op::Keep), --CX, --CY;
        std::reverse(Ops.begin(), Ops.end());
        return Ops;
      }
    }
  }
  return {};
}

void emitLine(std::string &Out, char Tag, StringRef Line) {
  Out += Tag;
  Out += Line;
  if (!Line.ends_with("\n"))
    Out += "\n\\ No newline at end of file\n";
}

} // namespace

std::string unifiedDiff(StringRef Path, StringRef Old, StringRef New,
                        unsigned Context) {
  if (Old == New)
    return "";
  std::vector<StringRef> A = splitLines(Old), B = splitLines(New);
  std::vector<Op> Ops = diffLines(A, B);

  // Positions of each op in A and B.
  struct Item {
    Op O;
    int AI, BI;
  };
  std::vector<Item> Items;
  int AI = 0, BI = 0;
  for (Op O : Ops) {
    Items.push_back({O, AI, BI});
    if (O != Op::Ins)
      ++AI;
    if (O != Op::Del)
      ++BI;
  }

  // Relative paths get git's a/ b/ prefixes; absolute ones stay as they are.
  bool Abs = Path.starts_with("/");
  std::string Out = (Abs ? "--- " : "--- a/") + Path.str() + "\n" +
                    (Abs ? "+++ " : "+++ b/") + Path.str() + "\n";
  size_t I = 0;
  int C = Context;
  while (I < Items.size()) {
    if (Items[I].O == Op::Keep) {
      ++I;
      continue;
    }
    // A hunk: from Context lines before this change to Context lines after
    // the last change that is at most 2*Context lines away.
    size_t Start = I >= (size_t)C ? I - C : 0;
    while (Start < I && Items[Start].O != Op::Keep)
      ++Start;
    size_t End = I;
    size_t LastChange = I;
    for (size_t J = I; J < Items.size(); ++J) {
      if (Items[J].O != Op::Keep)
        LastChange = J;
      else if (J - LastChange > (size_t)2 * C)
        break;
    }
    End = std::min(Items.size(), LastChange + 1 + C);
    int ACount = 0, BCount = 0;
    for (size_t J = Start; J < End; ++J) {
      if (Items[J].O != Op::Ins)
        ++ACount;
      if (Items[J].O != Op::Del)
        ++BCount;
    }
    int AStart = Items[Start].AI + (ACount ? 1 : 0);
    int BStart = Items[Start].BI + (BCount ? 1 : 0);
    Out += "@@ -" + std::to_string(AStart) + "," + std::to_string(ACount) +
           " +" + std::to_string(BStart) + "," + std::to_string(BCount) +
           " @@\n";
    for (size_t J = Start; J < End; ++J) {
      const Item &It = Items[J];
      if (It.O == Op::Keep)
        emitLine(Out, ' ', A[It.AI]);
      else if (It.O == Op::Del)
        emitLine(Out, '-', A[It.AI]);
      else
        emitLine(Out, '+', B[It.BI]);
    }
    I = End;
  }
  return Out;
}

std::vector<TextHunk> lineHunks(StringRef Old, StringRef New) {
  std::vector<TextHunk> Out;
  if (Old == New)
    return Out;
  std::vector<StringRef> A = splitLines(Old), B = splitLines(New);
  unsigned AOff = 0;
  size_t BI = 0, AI = 0;
  bool Open = false;
  for (Op O : diffLines(A, B)) {
    if (O == Op::Keep) {
      Open = false;
      AOff += A[AI++].size();
      ++BI;
      continue;
    }
    if (!Open)
      Out.push_back({AOff, 0, ""});
    Open = true;
    if (O == Op::Del) {
      Out.back().Length += A[AI].size();
      AOff += A[AI++].size();
    } else {
      Out.back().Text += B[BI++].str();
    }
  }
  return Out;
}

} // namespace pitfix
