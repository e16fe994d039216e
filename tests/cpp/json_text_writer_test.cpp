#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "json/dump.hpp"
#include "json/text_writer.hpp"
#include "test_util.hpp"

namespace caw {
namespace {

std::string nlohmann_dump(const nlohmann::json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(TextWriter, NumbersAsNlohmannWritesThem) {
  const nlohmann::json values[] = {
      0,
      -0.0,
      0.0,
      1,
      -1,
      1.5,
      -2.25,
      1e300,
      1e-300,
      5e-324,
      0.1,
      1.0 / 3,
      100.0,
      1e21,
      123456789012345678.0,
      std::numeric_limits<std::int64_t>::min(),
      std::numeric_limits<std::int64_t>::max(),
      std::numeric_limits<std::uint64_t>::max(),
      std::numeric_limits<double>::max(),
      std::numeric_limits<double>::lowest(),
      true,
      false,
      nullptr,
  };
  for (const nlohmann::json& v : values) EXPECT_EQ(dump_json(v), nlohmann_dump(v)) << nlohmann_dump(v);
  // Not JSON numbers: nlohmann writes null, and so does the writer.
  EXPECT_EQ(dump_json(std::nan("")), "null");
  EXPECT_EQ(dump_json(std::numeric_limits<double>::infinity()), "null");
  std::mt19937_64 rng(11);
  for (int n = 0; n < 20000; ++n) {
    const std::uint64_t bits = rng();
    double d = 0;
    std::memcpy(&d, &bits, sizeof d);
    const nlohmann::json v = d;
    ASSERT_EQ(dump_json(v), nlohmann_dump(v)) << bits;
    const nlohmann::json i = static_cast<std::int64_t>(bits);
    ASSERT_EQ(dump_json(i), nlohmann_dump(i)) << bits;
  }
}

TEST(TextWriter, DocumentsAsNlohmannDumpsThem) {
  std::vector<nlohmann::json> docs = {
      nlohmann::json::object(),
      nlohmann::json::array(),
      nlohmann::json::parse(R"({"b":[1,{},[],"x\n",{"z":null,"a":[true,false]}],"a":"\u2028","":{"k":[[]]}})"),
  };
  for (const auto& f : test::fixtures("valid")) docs.push_back(nlohmann::json::parse(test::read_file(f)));
  for (const nlohmann::json& doc : docs) {
    for (int indent : {-1, 0, 2, 4}) EXPECT_EQ(dump_json(doc, indent), nlohmann_dump(doc, indent)) << indent;
  }
}

TEST(TextWriter, FieldsInTheCallersOrder) {
  std::string out = "x=";
  TextWriter w(out, 2);
  w.begin_object();
  w.key("z");
  w.string("last \"first\"");
  w.key("a");
  w.begin_array();
  w.value(1);
  w.string("");
  w.end_array();
  w.key("e");
  w.begin_object();
  w.end_object();
  w.end_object();
  EXPECT_EQ(out, "x={\n  \"z\": \"last \\\"first\\\"\",\n  \"a\": [\n    1,\n    \"\"\n  ],\n  \"e\": {}\n}");
}

TEST(TextWriter, InvalidUtf8InKeysAndValuesIsRepaired) {
  nlohmann::json j;
  j[std::string("k\xFF")] = std::string("v\xE2\x82");
  EXPECT_EQ(dump_json(j), "{\"k\xEF\xBF\xBD\":\"v\xEF\xBF\xBD\"}");
  EXPECT_EQ(dump_json(j), nlohmann_dump(j));
}

}  // namespace
}  // namespace caw
