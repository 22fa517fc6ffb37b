// io/network_geojson.hpp: reads and validates a network folder (nodes.geojson + links.geojson),
// the format of docs/network-format.md.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/input_error.hpp"
#include "network/model.hpp"

namespace landbridge::io {

// All the problems found in one load (at most max_reported are kept); what() joins them with
// newlines, the first one being the base InputError.
class ValidationErrors : public InputError {
 public:
  explicit ValidationErrors(std::vector<InputError> errors, std::size_t total);
  [[nodiscard]] const std::vector<InputError>& errors() const { return errors_; }
  [[nodiscard]] std::size_t total() const { return total_; }
  [[nodiscard]] const char* what() const noexcept override { return message_.c_str(); }
  static constexpr std::size_t max_reported = 20;

 private:
  std::string message_;
  std::vector<InputError> errors_;
  std::size_t total_;
};

// Loads DIR/nodes.geojson and DIR/links.geojson. Throws InputError (a missing file, bad JSON) or
// ValidationErrors (bad features); never returns a network that breaks the format's rules.
[[nodiscard]] network::Network load_network(const std::filesystem::path& folder);

// The same from the two files' texts (for tests and fuzzing); the file names are for messages only.
[[nodiscard]] network::Network parse_network(std::string_view nodes_text, std::string_view links_text,
                                             const std::string& nodes_file, const std::string& links_file);

// The embedded default network's folder (data/eurasia), located from LANDBRIDGE_DATA environment
// variable, then next to the executable's source tree as configured at build time.
[[nodiscard]] std::filesystem::path default_network_folder();

}  // namespace landbridge::io
