# nlohmann/json 3.11 from Debian (nlohmann-json3-dev).
# Under Emscripten, find_package would add -isystem /usr/include and drag host glibc headers
# into the wasm sysroot, so only the nlohmann/ folder is exposed, through a build-tree symlink.
add_library(caw_nlohmann INTERFACE)
if(EMSCRIPTEN)
  find_path(CAW_NLOHMANN_ROOT nlohmann/json.hpp PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
  set(_inc "${CMAKE_CURRENT_BINARY_DIR}/nlohmann-include")
  file(MAKE_DIRECTORY "${_inc}")
  file(CREATE_LINK "${CAW_NLOHMANN_ROOT}/nlohmann" "${_inc}/nlohmann" SYMBOLIC)
  target_include_directories(caw_nlohmann SYSTEM INTERFACE "${_inc}")
else()
  find_package(nlohmann_json 3.11 REQUIRED)
  target_link_libraries(caw_nlohmann INTERFACE nlohmann_json::nlohmann_json)
endif()
