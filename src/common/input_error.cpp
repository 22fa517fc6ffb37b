#include "common/input_error.hpp"

namespace landbridge {
namespace {

std::string compose(const std::string& file, const std::string& place, const std::string& field,
                    const std::string& problem) {
  std::string message;
  auto append = [&message](const std::string& part) {
    if (part.empty()) return;
    if (!message.empty()) message += ": ";
    message += part;
  };
  append(file);
  append(place);
  if (!field.empty()) append("field \"" + field + "\"");
  append(problem);
  return message;
}

}  // namespace

InputError::InputError(std::string file, std::string place, std::string field, std::string problem)
    : std::runtime_error(compose(file, place, field, problem)),
      file_(std::move(file)),
      place_(std::move(place)),
      field_(std::move(field)),
      problem_(std::move(problem)) {}

InputError InputError::located(const std::string& file, const std::string& place) const {
  return InputError(file_.empty() ? file : file_, place_.empty() ? place : place_, field_, problem_);
}

}  // namespace landbridge
