// dry_run_tool SCENARIO.json [OPTIONS_JSON]: prints the trace (or the report) of a dry run,
// byte for byte what the wasm build returns. Exit 0 on a trace, 1 on a refused scenario.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "simulate/dry_run.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: dry_run_tool SCENARIO.json [OPTIONS_JSON]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const caw::sim::DryRunOutcome out = caw::sim::dry_run(text.str(), argc > 2 ? argv[2] : "");
  std::fwrite(out.text.data(), 1, out.text.size(), stdout);
  return out.ok ? 0 : 1;
}
