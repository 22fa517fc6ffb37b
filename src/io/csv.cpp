#include "io/csv.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "common/text.hpp"

namespace landbridge::io {

std::vector<CsvRecord> split_csv(std::string_view text, const std::string& file) {
  text = without_byte_order_mark(text);
  std::vector<CsvRecord> records;
  std::size_t pos = 0;
  int line = 1;
  while (pos < text.size()) {
    CsvRecord record;
    record.line = line;
    bool end_of_record = false;
    // An empty line (LF or CRLF) is a record without fields.
    if (text[pos] == '\n' || (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n')) {
      pos += text[pos] == '\r' ? 2 : 1;
      ++line;
      records.push_back(std::move(record));
      continue;
    }
    while (!end_of_record) {
      std::string field;
      if (pos < text.size() && text[pos] == '"') {
        const int opened_on = line;
        ++pos;
        while (true) {
          if (pos >= text.size()) throw InputError(file, fmt::format("line {}", opened_on), "", "a quoted field is never closed");
          const char c = text[pos++];
          if (c == '"') {
            if (pos < text.size() && text[pos] == '"') {
              field += '"';
              ++pos;
            } else {
              break;
            }
          } else {
            if (c == '\n') ++line;
            field += c;
          }
        }
        if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
          throw InputError(file, fmt::format("line {}", line), "", "text after a closing quote");
        }
      } else {
        while (pos < text.size() && text[pos] != ',' && text[pos] != '\n' &&
               !(text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n')) {
          field += text[pos++];
        }
      }
      record.fields.push_back(std::move(field));
      if (pos >= text.size()) {
        end_of_record = true;
      } else if (text[pos] == ',') {
        ++pos;
      } else {
        pos += text[pos] == '\r' ? 2 : 1;
        ++line;
        end_of_record = true;
      }
    }
    records.push_back(std::move(record));
  }
  return records;
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "", "", "cannot open the file (does it exist?)");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace landbridge::io
