// Native timing of validate_text and the scanner alone (not a test): bench/native/validate_native <file>...
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "validate_dom.hpp"
#include "validate/validate.hpp"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    const std::string text = s.str();
    for (caw::Level level : {caw::Level::Courier, caw::Level::Schema}) {
      const int n = text.size() > 100000 ? 50 : 20000;
      auto t0 = std::chrono::steady_clock::now();
      std::size_t sink = 0;
      for (int k = 0; k < n; ++k) sink += caw::validate_text(text, level).warnings().size();
      auto t1 = std::chrono::steady_clock::now();
      for (int k = 0; k < n; ++k) sink += caw::oracle::validate_text_dom(text, level).warnings().size();
      auto t2 = std::chrono::steady_clock::now();
      const double fast = std::chrono::duration<double, std::micro>(t1 - t0).count() / n;
      const double dom = std::chrono::duration<double, std::micro>(t2 - t1).count() / n;
      std::printf("%s %s bytes=%zu validate_text=%.2fus (%.0f MB/s) dom=%.2fus sink=%zu\n", argv[i],
                  std::string(caw::level_name(level)).c_str(), text.size(), fast, text.size() / fast, dom, sink);
    }
  }
}
