// scenario/detail/rule_reader.hpp: reading rule tables from TOML with errors naming file, line and
// key; shared by scenario files and risk models (src/sweep/), whose elements embed scenario rules.
#pragma once
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "common/input_error.hpp"
#include "scenario/scenario.hpp"

namespace landbridge::scenario::detail {

inline std::string line_of(const toml::node& node) {
  const auto& source = node.source();
  return source.begin.line > 0 ? fmt::format("line {}", source.begin.line) : std::string();
}

// Reads one rule table, checking every key against what its kind accepts.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string file, std::string key)
      : table_(table), file_(std::move(file)), key_(std::move(key)) {}

  [[noreturn]] void fail(const toml::node& node, const std::string& field, const std::string& problem) const {
    throw InputError(file_, line_of(node), field, problem);
  }
  [[noreturn]] void fail_table(const std::string& problem) const { throw InputError(file_, line_of(table_), key_, problem); }

  std::string field(std::string_view name) const { return fmt::format("{}.{}", key_, name); }

  const toml::node* get(std::string_view name) {
    used_.insert(std::string(name));
    return table_.get(name);
  }

  std::optional<double> number(std::string_view name, double low, double high) {
    const toml::node* node = get(name);
    if (node == nullptr) return std::nullopt;
    const auto value = node->value<double>();
    if (!value || !node->is_number()) fail(*node, field(name), "expected a number");
    if (!(*value >= low && *value <= high)) fail(*node, field(name), fmt::format("expected a number in [{}, {}], got {}", low, high, *value));
    return value;
  }

  std::optional<std::string> text(std::string_view name) {
    const toml::node* node = get(name);
    if (node == nullptr) return std::nullopt;
    if (!node->is_string()) fail(*node, field(name), "expected a string");
    return node->value<std::string>();
  }

  // A string or an array of strings; `name` and its plural both accepted ("link", "links").
  std::vector<std::string> list(std::string_view name, std::string_view plural = {}) {
    std::vector<std::string> out;
    for (std::string_view n : {name, plural}) {
      if (n.empty()) continue;
      const toml::node* node = get(n);
      if (node == nullptr) continue;
      if (node->is_string()) {
        out.push_back(*node->value<std::string>());
      } else if (const toml::array* array = node->as_array()) {
        for (const toml::node& item : *array) {
          if (!item.is_string()) fail(item, field(n), "expected strings in the array");
          out.push_back(*item.value<std::string>());
        }
        if (array->empty()) fail(*node, field(n), "empty list");
      } else {
        fail(*node, field(n), "expected a string or an array of strings");
      }
    }
    return out;
  }

  std::optional<bool> boolean(std::string_view name) {
    const toml::node* node = get(name);
    if (node == nullptr) return std::nullopt;
    if (!node->is_boolean()) fail(*node, field(name), "expected true or false");
    return node->value<bool>();
  }

  // `what`: how the message names the table ("rule": "in a [close] rule").
  void reject_unknown(std::string_view what = "rule") const {
    for (const auto& [k, v] : table_) {
      if (!used_.contains(std::string(k.str()))) {
        fail(v, field(k.str()), fmt::format("unknown key \"{}\" in a [{}] {}", k.str(), key_.substr(0, key_.find('[')), what));
      }
    }
  }

  const toml::table& table() const { return table_; }

 private:
  const toml::table& table_;
  std::string file_, key_;
  std::set<std::string> used_;
};

// A top-level string value ("name", "title" ...), or InputError naming file, line and key.
inline std::string string_value(const toml::node& node, const std::string& file, const std::string& key) {
  if (!node.is_string()) throw InputError(file, line_of(node), key, "expected a string");
  return *node.value<std::string>();
}

// An array of strings ("sources"); with `single_allowed` a lone string is a one-item list.
inline std::vector<std::string> string_list(const toml::node& node, const std::string& file, const std::string& key,
                                            bool single_allowed) {
  if (single_allowed && node.is_string()) return {*node.value<std::string>()};
  const toml::array* array = node.as_array();
  if (array == nullptr)
    throw InputError(file, line_of(node), key, single_allowed ? "expected a string or an array of strings" : "expected an array of strings");
  std::vector<std::string> out;
  for (const toml::node& item : *array) {
    if (!item.is_string()) throw InputError(file, line_of(item), key, "expected an array of strings");
    out.push_back(*item.value<std::string>());
  }
  return out;
}

// The selector keys of [[close]] and [[change]] (link, crossing, node, passage, country, border,
// border_with, corridor, mode and their plurals) into rule.select.
void read_selector(TableReader& in, Rule& rule);

// One rule table of the given kind; `key` names it in messages ("close[2]").
[[nodiscard]] Rule read_rule(RuleKind kind, const toml::table& table, const std::string& file, const std::string& key);

}  // namespace landbridge::scenario::detail
