#include "rewrite/Template.h"

#include <gtest/gtest.h>

using namespace pitfix;

TEST(Template, HolesAreReplacedOnceAndOtherBracesStay) {
  EXPECT_EQ(expandTemplate("auto {name} = [&] { {call}; };",
                           {{"name", "g"}, {"call", "wg.Done()"}}),
            "auto g = [&] { wg.Done(); };");
  // `{{name}}` is a brace around a hole; replaced text is not rescanned.
  EXPECT_EQ(expandTemplate("x{{name}};", {{"name", "{call}"}, {"call", "no"}}),
            "x{{call}};");
  EXPECT_EQ(expandTemplate("{unknown}", {{"name", "n"}}), "{unknown}");
}

TEST(Template, LinesAreTrimmedAndBlankLinesDropped) {
  std::vector<std::string> L = templateLines("a;  \n\n  b;\n");
  ASSERT_EQ(L.size(), 2u);
  EXPECT_EQ(L[0], "a;");
  EXPECT_EQ(L[1], "  b;");
}
