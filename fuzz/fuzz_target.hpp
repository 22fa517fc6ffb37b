// fuzz/fuzz_target.hpp: what every fuzz target shares: the entry-point macro, the input format for
// parsers that read several files, and the check for what an accepted input promises.
//
// A target is one .cpp holding LANDBRIDGE_FUZZ_TARGET(name) { ... }. Built with clang and
// -DLANDBRIDGE_LIBFUZZER it is libFuzzer's LLVMFuzzerTestOneInput; built otherwise (gcc, the replay
// test in tests/fuzz/) it registers itself under its name so one program can run every target.
// Contract of a target: bad input must end in landbridge::InputError, which the target catches;
// any other exception, a crash, a sanitizer report or a broken check (check()) is a finding.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace landbridge::fuzz {

using TargetFunction = int (*)(const std::uint8_t* data, std::size_t size);

// Every target linked into this program, by name (used by the replay test).
[[nodiscard]] std::map<std::string, TargetFunction>& registered_targets();

struct Registration {
  Registration(const char* name, TargetFunction function) { registered_targets()[name] = function; }
};

// The line that separates the files of a multi-file input (nodes + links, net + trips, ...).
inline constexpr std::string_view file_separator = "\n#--next-file--#\n";

// Splits an input into exactly `count` parts at the first count - 1 separators; missing parts are empty.
[[nodiscard]] std::vector<std::string_view> split_files(std::string_view input, std::size_t count);

// A property every accepted input must have; aborts with the message if it does not (a finding).
void check(bool condition, const char* what);

}  // namespace landbridge::fuzz

#ifdef LANDBRIDGE_LIBFUZZER
#define LANDBRIDGE_FUZZ_TARGET(name)                                                              \
  static int landbridge_fuzz_##name(const std::uint8_t* data, std::size_t size);                  \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {             \
    return landbridge_fuzz_##name(data, size);                                                    \
  }                                                                                               \
  static int landbridge_fuzz_##name(const std::uint8_t* data, std::size_t size)
#else
#define LANDBRIDGE_FUZZ_TARGET(name)                                                              \
  static int landbridge_fuzz_##name(const std::uint8_t* data, std::size_t size);                  \
  static const ::landbridge::fuzz::Registration landbridge_fuzz_registration_##name(#name,        \
                                                                                 landbridge_fuzz_##name); \
  static int landbridge_fuzz_##name(const std::uint8_t* data, std::size_t size)
#endif
