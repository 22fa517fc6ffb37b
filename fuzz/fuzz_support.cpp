// fuzz/fuzz_support.cpp: the helpers of fuzz_target.hpp.
#include "fuzz_target.hpp"

#include <cstdio>
#include <cstdlib>

namespace landbridge::fuzz {

std::map<std::string, TargetFunction>& registered_targets() {
  static std::map<std::string, TargetFunction> targets;
  return targets;
}

std::vector<std::string_view> split_files(std::string_view input, std::size_t count) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < count) {
    const std::size_t at = input.find(file_separator);
    if (at == std::string_view::npos) break;
    parts.push_back(input.substr(0, at));
    input.remove_prefix(at + file_separator.size());
  }
  parts.push_back(input);
  parts.resize(count);
  return parts;
}

void check(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::abort();
}

}  // namespace landbridge::fuzz
