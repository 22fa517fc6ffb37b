// scenario/report_assets.hpp: the report page template and its script, embedded at build time
// (cmake/embed: web/report -> a generated .cpp). Empty when the build had no Node.js/npm.
#pragma once
#include <string_view>

namespace landbridge::scenario::detail {

[[nodiscard]] std::string_view report_template();
[[nodiscard]] std::string_view report_script();

}  // namespace landbridge::scenario::detail
