// io/csv.hpp: RFC 4180 CSV split into records, keeping line numbers for error messages.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace landbridge::io {

struct CsvRecord {
  int line = 0;                     // 1-based line where the record starts
  std::vector<std::string> fields;  // empty for an empty line
};

// Splits CSV text: fields separated by ',', optionally quoted with '"' ("" inside quotes is a
// quote); LF or CRLF line ends; a UTF-8 byte-order mark at the start is skipped; spaces are kept.
// Throws InputError(file, "line L", "", ...) for a quote that is never closed or text after a
// closing quote.
[[nodiscard]] std::vector<CsvRecord> split_csv(std::string_view text, const std::string& file);

// Reads a whole file; throws InputError naming it when it cannot be opened.
[[nodiscard]] std::string read_text_file(const std::string& path);

}  // namespace landbridge::io
