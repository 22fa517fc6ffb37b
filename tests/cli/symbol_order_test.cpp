// The static `landbridge` is laid out by cmake/static/symbol_order.txt (cmake/static_cli.cmake): the
// code and constants typical commands touch come first, so a run maps few 64 KB blocks of the file.
// These tests catch the two ways that can silently stop working: the linker ignoring the list, and
// the list going stale as the code changes (then: scripts/symbol-order.sh BUILD_DIR).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace landbridge {
namespace {

struct Symbol {
  unsigned long long address = 0, size = 0;
  char type = '?';
};

// The executable's sized symbols by name, from nm (binutils, there wherever g++ is).
std::unordered_map<std::string, Symbol> read_symbols(const std::string& binary) {
  std::unordered_map<std::string, Symbol> symbols;
  const std::string command = "nm --defined-only --print-size " + binary;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return symbols;
  std::string text;
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
  ::pclose(pipe);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    std::string address, size, type, name;
    if (!(fields >> address >> size >> type >> name)) continue;  // unsized symbols have 3 fields
    symbols[name] = Symbol{std::stoull(address, nullptr, 16), std::stoull(size, nullptr, 16), type[0]};
  }
  return symbols;
}

std::vector<std::string> read_order() {
  std::ifstream in(LANDBRIDGE_SYMBOL_ORDER_FILE);
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) names.push_back(line);
  return names;
}

bool is_code(const Symbol& s) { return s.type == 't' || s.type == 'T' || s.type == 'W' || s.type == 'w'; }

TEST(SymbolOrder, TheListStillNamesTheProgramsCode) {
  const auto symbols = read_symbols(LANDBRIDGE_BINARY);
  ASSERT_GT(symbols.size(), 1000u) << "nm found no symbols in " << LANDBRIDGE_BINARY;
  const auto order = read_order();
  ASSERT_GT(order.size(), 500u) << LANDBRIDGE_SYMBOL_ORDER_FILE;
  std::size_t found = 0;
  for (const std::string& name : order) found += symbols.count(name);
  // Renamed or removed functions drop out of the list one by one; past a fifth, regenerate it.
  EXPECT_GE(static_cast<double>(found), 0.8 * static_cast<double>(order.size()))
      << found << " of " << order.size() << " listed symbols are in the executable: run scripts/symbol-order.sh BUILD_DIR";
}

TEST(SymbolOrder, TheListedCodeIsPlacedTogether) {
  const auto symbols = read_symbols(LANDBRIDGE_BINARY);
  unsigned long long listed_bytes = 0, low = ~0ull, high = 0, code_low = ~0ull, code_high = 0;
  for (const auto& [name, s] : symbols)
    if (is_code(s)) code_low = std::min(code_low, s.address), code_high = std::max(code_high, s.address + s.size);
  for (const std::string& name : read_order()) {
    const auto it = symbols.find(name);
    if (it == symbols.end() || !is_code(it->second)) continue;
    listed_bytes += it->second.size;
    low = std::min(low, it->second.address);
    high = std::max(high, it->second.address + it->second.size);
  }
  ASSERT_GT(listed_bytes, 0u);
  // Placed together, the listed functions span their own size plus what shares their sections (a
  // glibc object's other functions, alignment); in link order they spread over nearly all the code.
  EXPECT_LT(high - low, 2 * listed_bytes) << "listed code: " << listed_bytes << " bytes spread over " << (high - low)
                                           << " of " << (code_high - code_low) << ": was the executable linked by lld with "
                                           << LANDBRIDGE_SYMBOL_ORDER_FILE << "?";
  EXPECT_LT(high - low, (code_high - code_low) / 2);
}

}  // namespace
}  // namespace landbridge
