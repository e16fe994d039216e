// A deliberate trap, so tests can check what the JS layer does when the instance dies
// (js/runtime.js replaces it; tests/js/reliability/instance-replaced.test.js). Nothing in the
// package calls it; it costs a few bytes.
#include <emscripten/emscripten.h>

#include <cstdlib>

extern "C" {

// kind 0: `unreachable` (what abort() and a failed allocation under -fno-exceptions end in).
// kind 1: allocates 64 MB blocks until malloc fails at the memory ceiling, then traps, as an
// unbounded allocation would.
EMSCRIPTEN_KEEPALIVE void caw_debug_trap(int kind) {
  if (kind == 1) {
    for (;;) {
      void* p = std::malloc(64u * 1024 * 1024);
      if (p == nullptr) break;
      static_cast<volatile char*>(p)[0] = 1;
    }
  }
  __builtin_trap();
}

}  // extern "C"
