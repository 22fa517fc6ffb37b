// io/json_text.hpp: JSON text to a document, with errors that name the line and column.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace landbridge::io {

// Parses JSON text (a UTF-8 byte-order mark at the start is skipped). `file` names it in messages,
// `expected` says what it should hold ("a GeoJSON FeatureCollection"). Throws
// InputError(file, "line L, column C", "", "not valid JSON: ...") for syntax errors and numbers out
// of a double's range, and InputError(file, "", "", "the file is empty; expected ...") for no text.
[[nodiscard]] nlohmann::json parse_json_text(std::string_view text, const std::string& file, std::string_view expected);

}  // namespace landbridge::io
