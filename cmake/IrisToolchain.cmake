# Compiler settings and the third-party packages every target may use.

# ccache: hits across checkouts need a common base dir and no cwd in the hash
# (TOOLCHAIN.md: with -g it hashes the cwd otherwise). scripts/lib/build.sh
# exports CCACHE_BASEDIR / CCACHE_NOHASHDIR; here we only launch it.
find_program(IRIS_CCACHE ccache)
if(IRIS_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${IRIS_CCACHE})
endif()

# IRIS_SANITIZE=address,undefined builds everything with those sanitizers.
set(IRIS_SANITIZE "" CACHE STRING "Comma-separated sanitizers (address,undefined)")
if(IRIS_SANITIZE)
  # -O1 -g1 (after the build type's -O2 -g, so they win): line tables are enough for sanitizer
  # reports, and the instrumented tree builds in far less time on 2 cores.
  add_compile_options(-fsanitize=${IRIS_SANITIZE} -fno-omit-frame-pointer -O1 -g1)
  add_link_options(-fsanitize=${IRIS_SANITIZE})
endif()

# Our own code is warning-free; generated code opts out with iris_relax_warnings().
set(IRIS_WARNINGS -Wall -Wextra -Wpedantic -Werror)
if(IRIS_SANITIZE)
  # GCC 12's flow analysis gives false maybe-uninitialized reports inside libstdc++ (std::regex,
  # std::function) once sanitizer instrumentation is added; the normal build keeps the check.
  list(APPEND IRIS_WARNINGS -Wno-maybe-uninitialized)
endif()
function(iris_strict target)
  target_compile_options(${target} PRIVATE ${IRIS_WARNINGS})
endfunction()

find_package(Protobuf REQUIRED)
foreach(p gRPC prometheus-cpp nlohmann_json spdlog GTest absl)
  find_package(${p} CONFIG REQUIRED)
endforeach()
find_package(OpenSSL REQUIRED)
find_package(CURL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
foreach(m libpistache libpqxx hiredis libsodium)
  pkg_check_modules(${m} REQUIRED IMPORTED_TARGET ${m})
endforeach()

# Debian's libpqxx 6.4 lacks PQXX_HAVE_OPTIONAL: std::optional params need it.
add_library(iris_pqxx INTERFACE)
target_link_libraries(iris_pqxx INTERFACE PkgConfig::libpqxx)
target_compile_definitions(iris_pqxx INTERFACE PQXX_HAVE_OPTIONAL=1)

# iris_library(NAME SOURCES ... DEPS ...): a static library of ours, strict warnings,
# includes rooted at the repository so headers read "libs/status/status.hpp".
function(iris_library name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${A_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${A_DEPS})
  iris_strict(${name})
endfunction()

# iris_executable(NAME SOURCES ... DEPS ...)
function(iris_executable name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${A_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ${A_DEPS})
  iris_strict(${name})
endfunction()
