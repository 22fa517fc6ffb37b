#include "report/format.hpp"

#include <cmath>

#include <fmt/format.h>

namespace landbridge::report {

std::string with_thousands(double value, int decimals) {
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const std::size_t point = digits.find('.');
  const std::size_t integer_end = point == std::string::npos ? digits.size() : point;
  std::string out;
  for (std::size_t i = 0; i < integer_end; ++i) {
    if (i > 0 && (integer_end - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  out += digits.substr(integer_end);
  const bool negative = value < 0 && out.find_first_not_of("0.,") != std::string::npos;
  if (negative) out.insert(out.begin(), '-');
  return out;
}

double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string fill_report_page(std::string_view page_template, std::string_view script_text, const std::string& data_json,
                             std::string_view title) {
  std::string page(page_template);
  if (page.empty()) {
    page = fmt::format("<!doctype html><meta charset=\"utf-8\"><title>{}</title>"
                       "<p>This build has no report page (Node.js and npm were missing when it was built); the data follows.</p>"
                       "<pre id=\"data\">__LANDBRIDGE_REPORT_DATA__</pre>",
                       title);
  }
  std::string script(script_text);
  for (std::size_t at = script.find("</script"); at != std::string::npos; at = script.find("</script", at)) script.replace(at, 2, "<\\/");
  // JSON inside <script type="application/json">: '<' only occurs in strings, where \u003c is the same.
  std::string safe;
  safe.reserve(data_json.size());
  for (char c : data_json) safe += c == '<' ? std::string("\\u003c") : std::string(1, c);
  const auto replace_once = [&page](std::string_view marker, const std::string& with) {
    const auto at = page.find(marker);
    if (at != std::string::npos) page.replace(at, marker.size(), with);
  };
  replace_once("/*__LANDBRIDGE_REPORT_SCRIPT__*/", script);
  replace_once("__LANDBRIDGE_REPORT_DATA__", safe);
  return page;
}

}  // namespace landbridge::report
