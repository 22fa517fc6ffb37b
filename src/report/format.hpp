// report/format.hpp: numbers for people (thousands separators) and for JSON (fixed decimals).
#pragma once
#include <string>
#include <string_view>

namespace landbridge::report {

// 12345.678 with 1 decimal -> "12,345.7"; negative numbers keep their sign.
[[nodiscard]] std::string with_thousands(double value, int decimals);

// value rounded to `decimals` places, for JSON output that should not print 0.30000000000000004.
[[nodiscard]] double rounded(double value, int decimals);

// A CSV field: quoted (with "" for ") when it holds a comma, quote or line end.
[[nodiscard]] std::string csv_field(const std::string& text);

// A self-contained report page: `page_template` with its script marker replaced by `script` (with
// "</script" escaped) and its data marker by `data_json` (with '<' as \u003c, safe inside
// <script type="application/json">). An empty template gives a plain page showing the data.
[[nodiscard]] std::string fill_report_page(std::string_view page_template, std::string_view script, const std::string& data_json,
                                           std::string_view title);

}  // namespace landbridge::report
