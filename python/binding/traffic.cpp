// python/binding/traffic.cpp: road traffic assignment on a TNTP network (`landbridge traffic`). Link
// flows and costs come back as numpy arrays over the result's own vectors, without a copy.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "assignment/assign.hpp"
#include "assignment/output.hpp"
#include "assignment/tntp.hpp"
#include "common.hpp"
#include "common/input_error.hpp"

namespace landbridge::python {
namespace {

namespace asg = landbridge::assignment;

struct TrafficOptions {
  std::string method = "bush", objective = "ue", vdf = "bpr";
  double gap = 1e-4;
  std::int64_t max_iterations = 100000;
  double max_seconds = 3600;
  std::int64_t threads = 1;
  std::optional<double> toll_factor, distance_factor;
  asg::VdfChoice vdf_choice;
};

struct TrafficRun {
  asg::AssignmentProblem problem;
  asg::AssignmentOptions options;
  asg::AssignmentResult result;
  std::string summary_json;  // = landbridge traffic --format json, without the links
};

template <typename T>
T pick(const std::map<std::string, T>& choices, const std::string& value, const char* keyword) {
  const auto found = choices.find(value);
  if (found != choices.end()) return found->second;
  std::string names;
  for (const auto& [name, unused] : choices) names += (names.empty() ? "" : ", ") + name;
  throw InputError("", "", keyword, fmt::format("expected one of {}, got \"{}\"", names, value));
}

// The checks of `landbridge traffic` (app/traffic_command.cpp), named as the Python keywords.
void check(const TrafficOptions& o) {
  if (!(o.gap > 0)) throw InputError("", "", "gap", fmt::format("expected a number > 0, got {}", o.gap));
  if (!(o.max_seconds > 0)) throw InputError("", "", "max_seconds", fmt::format("expected a number > 0, got {}", o.max_seconds));
  if (o.max_iterations < 1 || o.max_iterations > std::numeric_limits<std::uint32_t>::max()) {
    throw InputError("", "", "max_iterations", fmt::format("expected a whole number >= 1, got {}", o.max_iterations));
  }
  for (const auto& [keyword, factor] : {std::pair{"toll_factor", o.toll_factor}, std::pair{"distance_factor", o.distance_factor}}) {
    if (factor && !(*factor >= 0 && std::isfinite(*factor))) {
      throw InputError("", "", keyword, fmt::format("expected a number >= 0, got {}", *factor));
    }
  }
  if (o.threads < 1 || o.threads > 1024) {
    throw InputError("", "", "threads", fmt::format("expected a whole number from 1 to 1024, got {}", o.threads));
  }
}

TrafficRun traffic(const std::filesystem::path& tntp_dir, const TrafficOptions& config) {
  check(config);
  static const std::map<std::string, asg::VdfKind> vdfs = {
      {"bpr", asg::VdfKind::bpr}, {"conical", asg::VdfKind::conical}, {"akcelik", asg::VdfKind::akcelik}};
  static const std::map<std::string, asg::Method> methods = {{"aon", asg::Method::all_or_nothing},
                                                             {"fw", asg::Method::frank_wolfe},
                                                             {"cfw", asg::Method::conjugate_frank_wolfe},
                                                             {"bfw", asg::Method::biconjugate_frank_wolfe},
                                                             {"bush", asg::Method::bush}};
  static const std::map<std::string, asg::Objective> objectives = {{"ue", asg::Objective::user_equilibrium},
                                                                   {"so", asg::Objective::system_optimum}};
  asg::VdfChoice vdf = config.vdf_choice;
  vdf.kind = pick(vdfs, config.vdf, "vdf");
  TrafficRun run;
  run.options.method = pick(methods, config.method, "method");
  run.options.objective = pick(objectives, config.objective, "objective");
  run.options.relative_gap = config.gap;
  run.options.max_iterations = static_cast<std::uint32_t>(config.max_iterations);
  run.options.max_seconds = config.max_seconds;
  run.options.threads = static_cast<unsigned>(config.threads);

  py::gil_scoped_release unlocked;
  asg::TntpNetwork network = asg::read_tntp_directory(tntp_dir);
  if (config.toll_factor) network.problem.toll_factor = *config.toll_factor;
  if (config.distance_factor) network.problem.distance_factor = *config.distance_factor;
  try {
    asg::apply_vdf(network.problem, vdf);
  } catch (const InputError& e) {  // the library names the command's flags: "--akcelik-j" is akcelik_j here
    std::string keyword = e.field().substr(e.field().starts_with("--") ? 2 : 0);
    for (char& c : keyword) if (c == '-') c = '_';
    throw InputError(e.file(), e.place(), keyword, e.problem());
  }
  run.result = asg::assign(network.problem, run.options);
  if (run.result.status == asg::AssignmentStatus::unroutable_demand) {
    throw InputError(network.trips_file.string(), "", "", asg::unroutable_problem(run.result.unroutable));
  }
  asg::OutputLabels labels;  // named as the command names it: the folder's name
  labels.network = tntp_dir.filename().string();
  if (labels.network.empty()) labels.network = tntp_dir.parent_path().filename().string();
  run.summary_json = asg::to_json(run.result, network.problem, run.options, labels, false).dump();
  run.problem = std::move(network.problem);
  return run;
}

// A read-only numpy view of a vector owned by the run; the array keeps the run alive.
template <typename T>
py::array_t<T> view(const std::vector<T>& values, const py::object& owner) {
  py::array_t<T> array(static_cast<py::ssize_t>(values.size()), values.data(), owner);
  array.attr("setflags")(py::arg("write") = false);
  return array;
}

}  // namespace

void bind_traffic(py::module_& m) {
  py::class_<TrafficRun>(m, "TrafficRun", "A traffic assignment's result")
      .def_property_readonly("summary_json", [](const TrafficRun& r) { return r.summary_json; })
      .def_property_readonly("link_flow", [](const py::object& self) { return view(self.cast<const TrafficRun&>().result.link_flow, self); })
      .def_property_readonly("link_cost", [](const py::object& self) { return view(self.cast<const TrafficRun&>().result.link_cost, self); })
      .def_property_readonly("tail", [](const py::object& self) { return view(self.cast<const TrafficRun&>().problem.tail, self); })
      .def_property_readonly("head", [](const py::object& self) { return view(self.cast<const TrafficRun&>().problem.head, self); });
  m.def("traffic", [](const std::filesystem::path& tntp_dir, std::string method, std::string objective, double gap,
                      std::int64_t max_iterations, double max_seconds, std::int64_t threads, std::optional<double> toll_factor,
                      std::optional<double> distance_factor, std::string vdf, double conical_alpha, double akcelik_j,
                      double akcelik_period, double time_units_per_hour) {
    TrafficOptions options;
    options.method = std::move(method), options.objective = std::move(objective), options.vdf = std::move(vdf);
    options.gap = gap, options.max_iterations = max_iterations, options.max_seconds = max_seconds, options.threads = threads;
    options.toll_factor = toll_factor, options.distance_factor = distance_factor;
    options.vdf_choice.conical_alpha = conical_alpha, options.vdf_choice.akcelik_j = akcelik_j;
    options.vdf_choice.akcelik_period_hours = akcelik_period, options.vdf_choice.time_units_per_hour = time_units_per_hour;
    return traffic(tntp_dir, options);
  });
}

}  // namespace landbridge::python
