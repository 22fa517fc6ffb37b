// disrupt/report_assets.hpp: the disruption report's page template and script, embedded at build
// time (src/scenario/embed.cmake: web/report/src/disrupt.{html,js} -> a generated .cpp). Empty when
// the build had no Node.js/npm.
#pragma once
#include <string_view>

namespace landbridge::disrupt::detail {

[[nodiscard]] std::string_view disrupt_template();
[[nodiscard]] std::string_view disrupt_script();

}  // namespace landbridge::disrupt::detail
