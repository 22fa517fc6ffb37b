// access/report_assets.hpp: the access report's page template and script, embedded at build time
// (src/scenario/embed.cmake: web/report/src/access.{html,js} -> a generated .cpp). Empty when the
// build had no Node.js/npm.
#pragma once
#include <string_view>

namespace landbridge::access::detail {

[[nodiscard]] std::string_view access_template();
[[nodiscard]] std::string_view access_script();

}  // namespace landbridge::access::detail
