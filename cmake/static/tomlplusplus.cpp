// cmake/static/tomlplusplus.cpp: toml++ compiled into landbridge's static executable
// (cmake/static_cli.cmake). Debian ships it only as a shared library; toml++ builds its
// implementation in the one translation unit that defines TOML_IMPLEMENTATION.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
