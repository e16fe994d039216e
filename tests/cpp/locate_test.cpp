#include <gtest/gtest.h>

#include "json/locate.hpp"
#include "json/pointer.hpp"

namespace caw {
namespace {

TEST(Locate, FindsValuesByPointer) {
  const std::string text = "{\n  \"a\": [1, {\"b/c\": \"x\", \"t~\": 2}],\n  \"é\": true\n}";
  auto at = [&](const std::string& p) {
    auto pos = locate_pointer(text, p);
    EXPECT_TRUE(pos.has_value()) << p;
    return pos ? std::make_pair(pos->line, pos->column) : std::make_pair(0u, 0u);
  };
  EXPECT_EQ(at(""), std::make_pair(1u, 1u));
  EXPECT_EQ(at("/a"), std::make_pair(2u, 8u));
  EXPECT_EQ(at("/a/0"), std::make_pair(2u, 9u));
  EXPECT_EQ(at("/a/1/b~1c"), std::make_pair(2u, 20u));
  EXPECT_EQ(at("/a/1/t~0"), std::make_pair(2u, 31u));
  EXPECT_EQ(at("/\xc3\xa9"), std::make_pair(3u, 8u));  // columns count code points
}

TEST(Locate, MissingMembersResolveToTheirParent) {
  const std::string text = "{\"automation\": {\"steps\": [{\"action\": \"send\"}]}}";
  auto pos = locate_pointer(text, "/automation/steps/0/template");
  ASSERT_TRUE(pos.has_value());
  EXPECT_EQ(pos->column, 27u);
}

TEST(Locate, DuplicateKeysResolveToTheLastOne) {
  auto pos = locate_pointer("{\"a\": 1,\n\"a\": 2}", "/a");
  ASSERT_TRUE(pos.has_value());
  EXPECT_EQ(pos->line, 2u);
  EXPECT_EQ(pos->column, 6u);
}

TEST(Locate, EscapedKeysAreDecoded) {
  auto pos = locate_pointer(R"({"\u0061\/b": 1})", "/a~1b");
  ASSERT_TRUE(pos.has_value());
  EXPECT_EQ(pos->column, 15u);
}

TEST(Locate, MalformedTextNeverCrashes) {
  for (const char* text : {"", "{", "[[[", "{\"a\":", "{\"a\" 1}", "\"unterminated", "{\"a\":[1,}"}) {
    (void)locate_pointer(text, "/a/0/b");
  }
  SUCCEED();
}

TEST(Pointer, EscapesSegments) {
  EXPECT_EQ(child_pointer("/x", "a/b~c"), "/x/a~1b~0c");
  EXPECT_EQ(child_pointer("", std::size_t{3}), "/3");
}

}  // namespace
}  // namespace caw
