// common/input_error.hpp: the one exception type for bad user input, carrying where it was found.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace landbridge {

// Bad input from a file, a flag or a request. what() is the full one-line message:
//   "<file>: <place>: field \"<field>\": <problem>"  (parts that are empty are left out)
// place is e.g. "line 17", "feature 3" or "line 4, column 2".
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::string place, std::string field, std::string problem);

  const std::string& file() const { return file_; }
  const std::string& place() const { return place_; }
  const std::string& field() const { return field_; }
  const std::string& problem() const { return problem_; }

  // The same error with the file (and place, if still empty) filled in, for loops that catch
  // a low-level error and add where it happened.
  [[nodiscard]] InputError located(const std::string& file, const std::string& place) const;

 private:
  std::string file_, place_, field_, problem_;
};

// Exit codes used by the command-line tool (STYLE.md section 4).
enum ExitCode : int { exit_ok = 0, exit_usage = 1, exit_bad_input = 2, exit_internal = 3 };

}  // namespace landbridge
