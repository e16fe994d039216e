#include "json/text_writer.hpp"

#include <array>
#include <cmath>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "json/write_string.hpp"
#include "util/decimal.hpp"

namespace caw {

void TextWriter::key(std::string_view k) {
  separator();
  append_json_string(out_, k);
  out_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
}

void TextWriter::string(std::string_view s) {
  element();
  append_json_string(out_, s);
}

void TextWriter::value(const nlohmann::json& v) {
  if (v.is_object()) {
    begin_object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      key(it.key());
      value(it.value());
    }
    end_object();
  } else if (v.is_array()) {
    begin_array();
    for (const nlohmann::json& item : v) value(item);
    end_array();
  } else if (v.is_string()) {
    string(v.get_ref<const std::string&>());
  } else {
    element();
    scalar(v);
  }
}

// Numbers as nlohmann's serializer writes them: integers in decimal, doubles as the shortest text
// that reads back the same (its own to_chars, with ".0" on integral values), non-finite as null.
void TextWriter::scalar(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::boolean: out_ += v.get<bool>() ? "true" : "false"; return;
    case nlohmann::json::value_t::number_unsigned: append_decimal(out_, v.get<std::uint64_t>()); return;
    case nlohmann::json::value_t::number_integer: {
      const auto i = v.get<std::int64_t>();
      if (i < 0) out_ += '-';
      append_decimal(out_, i < 0 ? 0 - static_cast<std::uint64_t>(i) : static_cast<std::uint64_t>(i));
      return;
    }
    case nlohmann::json::value_t::number_float: {
      const double d = v.get<double>();
      if (!std::isfinite(d)) break;
      std::array<char, 64> digits{};
      const char* end = nlohmann::detail::to_chars(digits.data(), digits.data() + digits.size(), d);
      out_.append(digits.data(), static_cast<std::size_t>(end - digits.data()));
      return;
    }
    default: break;  // null; binary and discarded values never come from JSON text
  }
  out_ += "null";
}

void TextWriter::element() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  separator();
}

void TextWriter::separator() {
  if (empty_.empty()) return;
  if (!empty_.back()) out_ += ',';
  empty_.back() = false;
  newline(empty_.size());
}

void TextWriter::newline(std::size_t depth) {
  if (indent_ < 0) return;
  out_ += '\n';
  out_.append(depth * static_cast<std::size_t>(indent_), ' ');
}

void TextWriter::open(char c) {
  element();
  out_ += c;
  empty_.push_back(true);
}

void TextWriter::close(char c) {
  const bool was_empty = empty_.back();
  empty_.pop_back();
  if (!was_empty) newline(empty_.size());
  out_ += c;
}

}  // namespace caw
