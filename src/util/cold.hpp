#pragma once

// Marks a function that runs only when something is wrong (building a problem's message, a
// syntax error, a duplicate key). Kept out of line, it stays out of the hot loops' code and, in
// the wasm module, is compiled by the engine only on the first call that needs it.
#if defined(__GNUC__) || defined(__clang__)
#define CAW_COLD [[gnu::cold, gnu::noinline]]
#else
#define CAW_COLD
#endif
