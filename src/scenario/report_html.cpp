#include "scenario/report_html.hpp"

#include <string_view>

#include "scenario/report_assets.hpp"

namespace landbridge::scenario {

namespace {

void replace_once(std::string& text, std::string_view marker, std::string_view with) {
  const auto at = text.find(marker);
  if (at != std::string::npos) text.replace(at, marker.size(), with);
}

// JSON inside <script type="application/json">: '<' only occurs in strings, where \u003c is the same.
std::string script_safe(const std::string& json_text) {
  std::string out;
  out.reserve(json_text.size());
  for (char c : json_text) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

}  // namespace

bool report_assets_available() { return !detail::report_script().empty(); }

std::string report_html(const nlohmann::ordered_json& summary, const nlohmann::ordered_json& flows,
                        const std::string& countries_geojson) {
  std::string page(detail::report_template());
  if (page.empty()) {
    page = "<!doctype html><meta charset=\"utf-8\"><title>landbridge comparison</title>"
           "<p>This build has no report page (Node.js and npm were missing when it was built); the data follows.</p>"
           "<pre id=\"data\">__LANDBRIDGE_REPORT_DATA__</pre>";
  }
  std::string script(detail::report_script());
  for (std::size_t at = script.find("</script"); at != std::string::npos; at = script.find("</script", at)) script.replace(at, 2, "<\\/");
  nlohmann::ordered_json data = {{"summary", summary}, {"flows", flows}};
  std::string data_text = script_safe(data.dump());
  if (!countries_geojson.empty()) {
    // Inline the shapes as they are (already JSON), without parsing them again.
    data_text.pop_back();
    data_text += ",\"countries\":" + script_safe(countries_geojson) + "}";
  }
  replace_once(page, "/*__LANDBRIDGE_REPORT_SCRIPT__*/", script);
  replace_once(page, "__LANDBRIDGE_REPORT_DATA__", data_text);
  return page;
}

}  // namespace landbridge::scenario
