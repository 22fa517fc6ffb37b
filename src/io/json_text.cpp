#include "io/json_text.hpp"

#include <fmt/format.h>

#include "common/input_error.hpp"
#include "common/text.hpp"

namespace landbridge::io {
namespace {

using json = nlohmann::json;

// nlohmann's DOM builder, but a parse error (syntax, or a number too large: out_of_range 406, which
// the plain json::parse throws without a position) is kept with its byte position instead of thrown.
class LocatingDomParser : public nlohmann::detail::json_sax_dom_parser<json> {
 public:
  explicit LocatingDomParser(json& result) : json_sax_dom_parser(result, false) {}

  template <class Exception>
  bool parse_error(std::size_t position, const std::string& /*last_token*/, const Exception& error) {
    failed_ = true;
    position_ = position;
    reason_ = error.what();
    return false;
  }

  [[nodiscard]] bool failed() const { return failed_; }
  [[nodiscard]] std::size_t position() const { return position_; }
  [[nodiscard]] const std::string& reason() const { return reason_; }

 private:
  bool failed_ = false;
  std::size_t position_ = 0;
  std::string reason_;
};

}  // namespace

json parse_json_text(std::string_view text, const std::string& file, std::string_view expected) {
  if (text.empty()) throw InputError(file, "", "", fmt::format("the file is empty; expected {}", expected));
  json result;
  LocatingDomParser builder(result);
  json::sax_parse(text.begin(), text.end(), &builder);
  if (!builder.failed()) return result;
  // Turn the byte position (1-based, the last byte read) into line and column for people.
  const std::size_t offset = std::min<std::size_t>(builder.position() == 0 ? 0 : builder.position() - 1, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') ++line, column = 1;
    else ++column;
  }
  // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while ..." -> "syntax error while ..."
  std::string reason = builder.reason();
  if (const auto pos = reason.find("syntax error"); pos != std::string::npos) {
    reason = reason.substr(pos);
  } else if (const auto end = reason.find("] "); end != std::string::npos) {
    reason = reason.substr(end + 2);
  }
  throw InputError(file, fmt::format("line {}, column {}", line, column), "", "not valid JSON: " + printable(reason));
}

}  // namespace landbridge::io
