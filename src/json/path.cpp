#include "json/path.hpp"

#include "json/pointer.hpp"
#include "util/decimal.hpp"

namespace caw {

void Path::append_to(std::string& out) const {
  if (parent_) parent_->append_to(out);
  switch (kind_) {
    case Kind::Root: break;
    case Kind::Text: out.append(key_.data(), key_.size()); break;
    case Kind::Key: append_pointer_segment(out, key_); break;
    case Kind::Index:
      out += '/';
      append_decimal(out, index_);
      break;
  }
}

}  // namespace caw
