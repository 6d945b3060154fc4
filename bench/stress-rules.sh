#!/bin/bash
# Writes benchmark-only rules to DIR, to time how the matching pass grows
# with the number of rules:
#
#   bench/stress-rules.sh DIR
#   bench/run.sh --pitfix-arg=--rules-dir=DIR
#
# The matchers have the shapes of the catalogue's rules (spawn expressions
# under loops, blocking calls under a guard, descendants of function
# definitions, vocabulary name lists and regexes). They borrow the
# name-guard action, which finds none of its bindings in their matches and
# so reports nothing: only the matching is timed.
set -euo pipefail
DIR=${1:?usage: stress-rules.sh DIR}
mkdir -p "$DIR"
i=0
while IFS= read -r m; do
  i=$((i + 1))
  cat > "$DIR/sharing-stress-$i.yaml" <<EOF
id: sharing-stress-$i
family: sharing
severity: warning
summary: benchmark-only rule $i
seed: "bench/stress-rules.sh"
description: |
  Benchmark-only rule: times the matcher, reports nothing.
match: |
  $m
action: name-guard
message: "benchmark-only rule"
EOF
done <<'EOF'
expr(spawnExpr, hasAncestor(stmt(anyOf(forStmt(), cxxForRangeStmt(), whileStmt(), doStmt())))).bind("spawn")
expr(spawnExpr).bind("spawn")
lambdaExpr(hasAncestor(expr(spawnExpr))).bind("lambda")
callExpr(callee(functionDecl(blockingFunctions)), hasAncestor(compoundStmt(has(declStmt(hasSingleDecl(varDecl(hasType(guardType)))))))).bind("call")
cxxMemberCallExpr(callee(cxxMethodDecl(signalMethods)), on(hasType(namedDecl(signalClasses)))).bind("sig")
varDecl(hasType(guardType)).bind("v")
cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName("lock", "unlock"))), on(hasType(namedDecl(mutexClasses)))).bind("m")
callExpr(callee(functionDecl(lockFunctions))).bind("c")
cxxConstructExpr(hasType(namedDecl(blockingStreamClasses))).bind("s")
functionDecl(isDefinition(), hasDescendant(expr(spawnExpr))).bind("f")
compoundStmt(hasParent(lambdaExpr())).bind("b")
declRefExpr(to(varDecl(hasType(guardType)))).bind("r")
EOF
echo "$DIR: $i rules"
