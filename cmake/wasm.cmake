# Two WebAssembly modules over caw_core:
# - dist/caw_validate.wasm: the main entry's validate-only module (bindings/validate + common),
#   plain C exports, no JS glue, loaded by js/validate/ (see the end of this file);
# - dist/courier_automations.{mjs,wasm}: the ./dry-run entry's module (bindings/dry_run + common),
#   Embind + plain C exports, with Emscripten's ES module factory.
file(GLOB CAW_BINDING_SOURCES CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/bindings/dry_run/*.cpp"
  "${CMAKE_CURRENT_SOURCE_DIR}/bindings/common/*.cpp")
add_executable(courier_automations ${CAW_BINDING_SOURCES})
target_link_libraries(courier_automations PRIVATE caw_core)
set_target_properties(courier_automations PROPERTIES
  SUFFIX ".mjs"
  RUNTIME_OUTPUT_DIRECTORY "${CAW_DIST_DIR}")

# Size knobs (measured in bench/results/size-knobs.md, reproduced by bench/size-knobs.sh):
# LTO -2.5 KB gz of wasm; closure on the glue -2.7 KB gz of JS; TEXTDECODER=2 and the trimmed
# INCOMING_MODULE_JS_API -0.2 KB. emmalloc would save another 2.2 KB but costs ~11% speed: not used.
option(CAW_WASM_LTO "Link-time optimization of the wasm build" ON)
set(CAW_CLOSURE_COMPILER "${CMAKE_CURRENT_SOURCE_DIR}/node_modules/.bin/google-closure-compiler"
  CACHE FILEPATH "google-closure-compiler 20220104 (the npm devDependency), for --closure 1")
if(EXISTS "${CAW_CLOSURE_COMPILER}")
  set(_closure_default ON)
else()
  set(_closure_default OFF)
endif()
option(CAW_WASM_CLOSURE "Run Closure Compiler (ADVANCED) over the JS glue" ${_closure_default})
if(CAW_WASM_LTO)
  target_compile_options(caw_core PUBLIC -flto)
  target_link_options(courier_automations PRIVATE -flto)
endif()
set(_launcher_env NODE_PATH=/usr/share/nodejs)
if(CAW_WASM_CLOSURE)
  # Debian's emscripten looks for a `closure-compiler` binary; EM_CLOSURE_COMPILER points it at npm's.
  list(APPEND _launcher_env "EM_CLOSURE_COMPILER=${CAW_CLOSURE_COMPILER}")
  target_link_options(courier_automations PRIVATE --closure 1)
endif()

# Embind without RTTI needs unbound type names off.
target_compile_definitions(caw_core PUBLIC EMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0)
target_compile_options(caw_core PUBLIC -fno-rtti)

set(_exported_functions "_malloc,_free")
file(STRINGS "${CMAKE_CURRENT_SOURCE_DIR}/bindings/dry_run/exports.txt" _c_exports REGEX "^_")
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
  # Only what js/runtime.js passes; every other Module.* hook is compiled out.
  "-sINCOMING_MODULE_JS_API=[wasmBinary,instantiateWasm,locateFile]"
  # Every supported runtime has TextDecoder: no JS fallback for UTF-8 decoding.
  "-sTEXTDECODER=2"
  "-sASSERTIONS=0"
  $<$<CONFIG:Release>:-O3>)

# Emscripten 3.1.6's JS optimizer needs Debian's acorn: NODE_PATH for the link step only.
set_target_properties(courier_automations PROPERTIES
  CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;${_launcher_env}")

# ---------------------------------------------------------------- the validate-only module
# A standalone .wasm (no Emscripten JS): its exports are named in the source (export_name), its
# few imports are stubbed by the loader. Measured sizes and the knobs tried: docs/validator.md.
file(GLOB CAW_VALIDATE_BINDING_SOURCES CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/bindings/validate/*.cpp"
  "${CMAKE_CURRENT_SOURCE_DIR}/bindings/common/*.cpp")
add_executable(caw_validate ${CAW_VALIDATE_BINDING_SOURCES})
target_link_libraries(caw_validate PRIVATE caw_core)
set_target_properties(caw_validate PROPERTIES
  SUFFIX ".wasm"
  RUNTIME_OUTPUT_DIRECTORY "${CAW_DIST_DIR}"
  CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")
if(CAW_WASM_LTO)
  target_link_options(caw_validate PRIVATE -flto)
endif()
target_link_options(caw_validate PRIVATE
  --no-entry
  -fno-exceptions
  -fno-rtti
  "-sSTANDALONE_WASM=1"
  "-sFILESYSTEM=0"
  "-sALLOW_MEMORY_GROWTH=1"
  "-sINITIAL_MEMORY=1MB"
  "-sTOTAL_STACK=256KB"
  # emmalloc: ~2 KB gz smaller than dlmalloc; a warm validate of a clean payload allocates nothing.
  "-sMALLOC=emmalloc"
  "-sASSERTIONS=0"
  "-sEXPORTED_FUNCTIONS=_caw_debug_trap"
  $<$<CONFIG:Release>:-O3>)
