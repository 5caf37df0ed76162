# Locates libclang (C API) from LLVM 17 or newer. Prefers the newest
# llvm-config found; CONNLINT_LLVM_CONFIG overrides the search.
set(_llvm_configs llvm-config-21 llvm-config-20 llvm-config-19 llvm-config-18 llvm-config-17 llvm-config)
if(CONNLINT_LLVM_CONFIG)
  set(_llvm_configs ${CONNLINT_LLVM_CONFIG})
endif()
find_program(LLVM_CONFIG NAMES ${_llvm_configs}
  PATHS /usr/lib/llvm-21/bin /usr/lib/llvm-20/bin /usr/lib/llvm-19/bin /usr/lib/llvm-18/bin /usr/lib/llvm-17/bin)
if(NOT LLVM_CONFIG)
  message(FATAL_ERROR "llvm-config (LLVM 17 or newer) not found: run scripts/bootstrap.sh, "
                      "or pass -DCONNLINT_LLVM_CONFIG=/path/to/llvm-config")
endif()
execute_process(COMMAND ${LLVM_CONFIG} --version OUTPUT_VARIABLE LLVM_VERSION OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${LLVM_CONFIG} --includedir OUTPUT_VARIABLE LLVM_INCLUDE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${LLVM_CONFIG} --libdir OUTPUT_VARIABLE LLVM_LIB_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX MATCH "^[0-9]+" LLVM_MAJOR "${LLVM_VERSION}")
if(LLVM_MAJOR LESS 17)
  message(FATAL_ERROR "LLVM ${LLVM_VERSION} is too old: connlint needs libclang 17 or newer")
endif()
find_library(LIBCLANG_LIBRARY NAMES clang clang-${LLVM_MAJOR} PATHS ${LLVM_LIB_DIR} NO_DEFAULT_PATH)
if(NOT LIBCLANG_LIBRARY OR NOT EXISTS ${LLVM_INCLUDE_DIR}/clang-c/Index.h)
  message(FATAL_ERROR "libclang ${LLVM_MAJOR} headers or library missing: install libclang-${LLVM_MAJOR}-dev")
endif()
# clang's builtin headers (stddef.h, stdarg.h) live under the resource dir.
file(GLOB _resdirs ${LLVM_LIB_DIR}/clang/*)
list(SORT _resdirs)
list(REVERSE _resdirs)
set(LIBCLANG_RESOURCE_DIR "")
foreach(_d ${_resdirs})
  if(EXISTS ${_d}/include/stddef.h)
    set(LIBCLANG_RESOURCE_DIR ${_d})
    break()
  endif()
endforeach()
message(STATUS "libclang ${LLVM_VERSION}: ${LIBCLANG_LIBRARY} (resource dir ${LIBCLANG_RESOURCE_DIR})")
add_library(LibClang::LibClang UNKNOWN IMPORTED)
set_target_properties(LibClang::LibClang PROPERTIES
  IMPORTED_LOCATION ${LIBCLANG_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${LLVM_INCLUDE_DIR})
