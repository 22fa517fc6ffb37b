# cmake/static_cli.cmake: the `landbridge` command as a statically linked executable.
#
# Why (docs/assignment.md, "Memory"): on Linux a dynamically linked C++ program peaks at about 2.9 MB
# resident before doing anything (ld.so, libc.so, libstdc++.so: the loader touches their symbol tables
# and relocations, and every page faulted in maps up to 64 KB of its neighbours). With cpp-httplib and
# OpenSSL in the same binary, `landbridge --version` peaked at 8.9 MB, more than tap-b's whole
# SiouxFalls run (2.6 MB). Linked statically, with unreferenced sections dropped (--gc-sections) and
# the code and constants a run touches placed together (symbol order, at the end of this file), only
# a little more than what runs is mapped.
#
# How: app/ compiles its sources once (an OBJECT library); the static executable links the module
# archives of its libraries' closure, walked here at configure time, with static stand-ins for the
# shared libraries in it: fmt and toml++ (Debian ships them only as shared libraries) are compiled
# from Debian's own headers (cmake/static/), glibc and libstdc++ come from libc6-dev and
# libstdc++-12-dev. A library with no known static stand-in keeps the whole command dynamic (with a
# configure message saying which). Sanitizer and fuzzer builds stay dynamic (ASan cannot link statically).

option(LANDBRIDGE_STATIC_CLI "Link the landbridge command statically (lower start-up memory)" ON)

# Sets out_var to ON when a static C++ executable can be linked here at all.
function(landbridge_static_cli_possible out_var)
  set(possible OFF)
  if(LANDBRIDGE_STATIC_CLI AND NOT LANDBRIDGE_SANITIZE AND NOT LANDBRIDGE_FUZZ AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
    include(CheckCXXSourceCompiles)
    set(CMAKE_REQUIRED_LINK_OPTIONS -static)
    set(CMAKE_REQUIRED_QUIET ON)
    check_cxx_source_compiles("#include <string>\nint main(int c, char**) { return static_cast<int>(std::string(c, 'x').size()); }"
                              LANDBRIDGE_CAN_LINK_STATIC_CXX)
    if(LANDBRIDGE_CAN_LINK_STATIC_CXX)
      set(possible ON)
    endif()
  endif()
  set(${out_var} ${possible} PARENT_SCOPE)
endfunction()

# fmt 9 compiled from Debian's headers: format-inl.h plus the explicit instantiations of fmt's own src/format.cc.
function(_landbridge_static_fmt)
  if(NOT TARGET landbridge_static_fmt)
    add_library(landbridge_static_fmt STATIC ${PROJECT_SOURCE_DIR}/cmake/static/fmt.cpp)
    target_include_directories(landbridge_static_fmt PRIVATE $<TARGET_PROPERTY:fmt::fmt,INTERFACE_INCLUDE_DIRECTORIES>)
    target_compile_options(landbridge_static_fmt PRIVATE -ffunction-sections -fdata-sections)
  endif()
endfunction()

# toml++ 3 compiled from Debian's header with the options its CMake package gives users
# (TOML_HEADER_ONLY=0 TOML_SHARED_LIB=1), so declarations and definitions agree.
function(_landbridge_static_toml)
  if(NOT TARGET landbridge_static_toml)
    add_library(landbridge_static_toml STATIC ${PROJECT_SOURCE_DIR}/cmake/static/tomlplusplus.cpp)
    target_compile_definitions(landbridge_static_toml PRIVATE TOML_HEADER_ONLY=0 TOML_SHARED_LIB=1)
    target_compile_options(landbridge_static_toml PRIVATE -ffunction-sections -fdata-sections)
  endif()
endfunction()

# Walks the link closure of LIBS. Sets out_items to the link items of a static executable (archives,
# stand-ins, system libraries) and out_deps to the targets it must be built after, or out_blocker to the
# first library that has no static stand-in (out_items is then empty). The project's own archives come
# first, third-party ones after them: code lands in the executable in that order, so the large
# archives few commands use (SQLite, toml++) sit together instead of between the modules every run
# touches (the kernel maps file pages in large blocks around each one touched: measured 0.3 MB less
# peak RSS for `landbridge assign` on SiouxFalls than with SQLite in the middle).
function(landbridge_static_link_items out_items out_deps out_blocker)
  cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
  set(queue ${ARG_LIBS})
  set(seen "")
  set(items "")
  set(third_party "")
  set(deps "")
  set(system "")
  set(blocker "")
  while(queue AND NOT blocker)
    list(POP_FRONT queue item)
    # $<LINK_ONLY:x> marks the private dependencies of static libraries; they are linked all the same.
    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" item "${item}")
    string(REGEX REPLACE "^\\$<BUILD_INTERFACE:(.*)>$" "\\1" item "${item}")
    if(item STREQUAL "" OR item IN_LIST seen)
      continue()
    endif()
    list(APPEND seen "${item}")
    if(TARGET "${item}")
      get_target_property(aliased "${item}" ALIASED_TARGET)
      if(aliased)
        list(PREPEND queue "${aliased}")
        continue()
      endif()
    endif()
    if(item STREQUAL "fmt::fmt")
      if(NOT fmt_VERSION VERSION_GREATER_EQUAL 9 OR fmt_VERSION VERSION_GREATER_EQUAL 10)
        set(blocker "fmt::fmt (version ${fmt_VERSION}; cmake/static/fmt.cpp is written for fmt 9)")
      else()
        _landbridge_static_fmt()
        list(APPEND third_party "$<TARGET_FILE:landbridge_static_fmt>")
        list(APPEND deps landbridge_static_fmt)
      endif()
    elseif(item STREQUAL "tomlplusplus::tomlplusplus")
      _landbridge_static_toml()
      list(APPEND third_party "$<TARGET_FILE:landbridge_static_toml>")
      list(APPEND deps landbridge_static_toml)
    elseif(item STREQUAL "Threads::Threads" OR item MATCHES "^(-pthread|-lpthread|pthread|dl|-ldl|m|-lm|rt|-lrt)$")
      list(APPEND system -pthread)
    elseif(item MATCHES "^(SQLite::SQLite3|PkgConfig::SQLITE3|PkgConfig::SQLite3|sqlite3|-lsqlite3)$")
      # libsqlite3-dev has the archive; it needs zlib and libm (sqlite3.pc, Libs.private).
      find_library(LANDBRIDGE_SQLITE3_ARCHIVE NAMES libsqlite3.a)
      find_library(LANDBRIDGE_Z_ARCHIVE NAMES libz.a)
      if(LANDBRIDGE_SQLITE3_ARCHIVE AND LANDBRIDGE_Z_ARCHIVE)
        list(APPEND third_party "${LANDBRIDGE_SQLITE3_ARCHIVE}" "${LANDBRIDGE_Z_ARCHIVE}")
        list(APPEND system -pthread)
      else()
        set(blocker "${item} (no libsqlite3.a or libz.a)")
      endif()
    elseif(TARGET "${item}")
      get_target_property(type "${item}" TYPE)
      get_target_property(imported "${item}" IMPORTED)
      get_target_property(interface "${item}" INTERFACE_LINK_LIBRARIES)
      if(NOT interface)
        set(interface "")
      endif()
      if(type STREQUAL "INTERFACE_LIBRARY")
        list(APPEND queue ${interface})
      elseif(type STREQUAL "STATIC_LIBRARY" AND NOT imported)
        list(APPEND items "$<TARGET_FILE:${item}>")
        list(APPEND deps "${item}")
        list(APPEND queue ${interface})
      else()
        set(blocker "${item} (${type})")
      endif()
    elseif(IS_ABSOLUTE "${item}" AND item MATCHES "\\.a$")
      list(APPEND third_party "${item}")
    else()
      set(blocker "${item}")
    endif()
  endwhile()
  if(blocker)
    set(items "")
    set(deps "")
  else()
    list(REMOVE_DUPLICATES system)
    list(APPEND items ${third_party} ${system})
  endif()
  set(${out_items} "${items}" PARENT_SCOPE)
  set(${out_deps} "${deps}" PARENT_SCOPE)
  set(${out_blocker} "${blocker}" PARENT_SCOPE)
endfunction()

# Links executable `target` (its sources already added) statically against ITEMS from
# landbridge_static_link_items. Archives go in one group, so their order does not matter.
function(landbridge_link_static target)
  cmake_parse_arguments(ARG "" "" "ITEMS;DEPENDS" ${ARGN})
  if(ARG_DEPENDS)
    add_dependencies(${target} ${ARG_DEPENDS})
  endif()
  set(archives "")
  foreach(dep ${ARG_DEPENDS})
    list(APPEND archives "$<TARGET_FILE:${dep}>")
  endforeach()
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${archives})
  target_link_libraries(${target} PRIVATE -Wl,--start-group ${ARG_ITEMS} -Wl,--end-group)
  target_link_options(${target} PRIVATE -static -Wl,--gc-sections)
  _landbridge_symbol_order(${target})
endfunction()

# Symbol order. The kernel maps an executable's pages 64 KB at a time around each page a run touches,
# so peak memory follows how many 64 KB blocks of code and constants a run touches. In link order, the
# few hundred KB `landbridge assign` runs are spread over most of the 4 MB of code (2.4 MB of it
# resident on SiouxFalls); lld places the functions and constants listed in cmake/static/symbol_order.txt
# first, in that order (written by scripts/symbol-order.sh from traces of typical commands). Without
# lld (Debian package lld) the executable is linked by the default linker in link order: the same
# program, with more memory.
function(_landbridge_symbol_order target)
  set(order_file ${PROJECT_SOURCE_DIR}/cmake/static/symbol_order.txt)
  if(NOT DEFINED CACHE{LANDBRIDGE_CAN_LINK_STATIC_LLD})
    include(CheckCXXSourceCompiles)
    set(CMAKE_REQUIRED_LINK_OPTIONS -static -fuse-ld=lld)
    set(CMAKE_REQUIRED_QUIET ON)
    check_cxx_source_compiles("#include <string>\nint main(int c, char**) { return static_cast<int>(std::string(c, 'x').size()); }"
                              LANDBRIDGE_CAN_LINK_STATIC_LLD)
  endif()
  if(LANDBRIDGE_CAN_LINK_STATIC_LLD AND EXISTS ${order_file})
    target_link_options(${target} PRIVATE -fuse-ld=lld -Wl,--symbol-ordering-file=${order_file} -Wl,--no-warn-symbol-ordering)
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${order_file})
    set_property(TARGET ${target} PROPERTY LANDBRIDGE_SYMBOL_ORDER_FILE ${order_file})  # tests/cli checks it
  else()
    message(STATUS "${target} is linked in link order (no ld.lld or no ${order_file}): more start-up memory")
  endif()
endfunction()
