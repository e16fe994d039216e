# The WebAssembly module: bindings/ (Embind + plain C exports) over caw_core.
# Output: dist/courier_automations.mjs (ES module factory) + dist/courier_automations.wasm.
file(GLOB CAW_BINDING_SOURCES CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/bindings/*.cpp")
add_executable(courier_automations ${CAW_BINDING_SOURCES})
target_link_libraries(courier_automations PRIVATE caw_core)
set_target_properties(courier_automations PROPERTIES
  SUFFIX ".mjs"
  RUNTIME_OUTPUT_DIRECTORY "${CAW_DIST_DIR}")

# Embind without RTTI needs unbound type names off.
target_compile_definitions(caw_core PUBLIC EMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0)
target_compile_options(caw_core PUBLIC -fno-rtti)

set(_exported_functions "_malloc,_free")
file(STRINGS "${CMAKE_CURRENT_SOURCE_DIR}/bindings/exports.txt" _c_exports REGEX "^_")
foreach(fn IN LISTS _c_exports)
  string(APPEND _exported_functions ",${fn}")
endforeach()

target_link_options(courier_automations PRIVATE
  -lembind
  -fno-exceptions
  -fno-rtti
  "-sMODULARIZE=1"
  "-sEXPORT_ES6=1"
  "-sEXPORT_NAME=createCourierModule"
  # Every runtime gets a tiny entry file in js/ that finds the .wasm itself (see js/runtime/).
  "-sENVIRONMENT=web,worker"
  # No eval / new Function: the package must run under CSP script-src 'self' 'wasm-unsafe-eval' and in workerd.
  "-sDYNAMIC_EXECUTION=0"
  "-sFILESYSTEM=0"
  "-sALLOW_MEMORY_GROWTH=1"
  "-sINITIAL_MEMORY=4MB"
  "-sTOTAL_STACK=1MB"
  "-sEXPORTED_FUNCTIONS=${_exported_functions}"
  "-sINCOMING_MODULE_JS_API=[wasmBinary,instantiateWasm,locateFile,print,printErr,onAbort]"
  "-sASSERTIONS=0"
  $<$<CONFIG:Release>:-O3>)

# Emscripten 3.1.6's JS optimizer needs Debian's acorn: NODE_PATH for the link step only.
set_target_properties(courier_automations PROPERTIES
  CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")
