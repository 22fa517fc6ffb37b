// server/query_string.hpp: the target of an HTTP request split into its path and its decoded query
// parameters (application/x-www-form-urlencoded, as browsers and curl send them).
#pragma once
#include <map>
#include <string>
#include <string_view>

namespace landbridge::server {

// "%41" -> "A". A '%' not followed by two hex digits is kept as it is ("%zz" stays "%zz", "50%"
// stays "50%"): such a value is then reported back by the API instead of being refused unread.
// With `plus_is_space`, '+' means ' ' (query strings); in a path it is a '+'.
[[nodiscard]] std::string percent_decode(std::string_view text, bool plus_is_space);

// "a=1&b=x+y&a=2" -> {a: 1, a: 2, b: "x y"}: every name=value pair, decoded, in order; repeated names
// are kept (avoid_country=BY&avoid_country=LT). A pair without '=' has an empty value; empty pairs
// ("&&") are skipped.
[[nodiscard]] std::multimap<std::string, std::string> parse_query(std::string_view query);

struct Target {
  std::string path;  // percent-decoded, '+' kept
  std::multimap<std::string, std::string> params;
};

// "/v1/route?from=A&to=B" -> {"/v1/route", {from: A, to: B}}; the query starts at the first '?'.
[[nodiscard]] Target parse_target(std::string_view target);

}  // namespace landbridge::server
