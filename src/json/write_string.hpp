#pragma once
#include <string>
#include <string_view>

namespace caw {

// Appends `text` (UTF-8) as a JSON string literal, escaped exactly as JSON.stringify escapes the
// string TextDecoder reads from the same bytes: \" \\ \b \f \n \r \t, other control characters as
// \u00xx (lowercase hex), everything else unchanged (U+2028/2029 and DEL included). Each
// ill-formed UTF-8 subpart becomes one U+FFFD, so the output is always valid JSON. The only JSON
// string writer of the core: reports, traces, the model and dump_json all come through here.
void append_json_string(std::string& out, std::string_view text);

}  // namespace caw
