// python/binding/module.cpp: the extension module landbridge._landbridge: bad input as
// landbridge.InputError (a ValueError carrying the CLI's message), and the parts of the binding.
#include <pybind11/pybind11.h>

#include <atomic>

#include "common.hpp"
#include "common/input_error.hpp"
#include "io/network_geojson.hpp"

namespace landbridge::python {

NetworkPtr load_network(const std::filesystem::path& folder) {
  static std::atomic<std::uint64_t> next_id{1};
  auto loaded = std::make_shared<LoadedNetwork>();
  loaded->folder = folder;
  loaded->network = io::load_network(folder);
  loaded->router = std::make_unique<routing::Router>(loaded->network);
  loaded->id = next_id++;
  return loaded;
}

routing::RouterQuery& query_for(const LoadedNetwork& network) {
  // One slot per thread, as src/server/api.cpp keeps them: a thread that last routed on another
  // network gets a new query (ids are never reused, so a slot never points at a dead router's query).
  struct Slot {
    std::uint64_t owner = 0;
    std::unique_ptr<routing::RouterQuery> query;
  };
  thread_local Slot slot;
  if (slot.owner != network.id || !slot.query) {
    slot.query = std::make_unique<routing::RouterQuery>(*network.router);
    slot.owner = network.id;
  }
  return *slot.query;
}

const routing::OptionNames& keyword_names() {
  static const routing::OptionNames names = [] {
    routing::OptionNames n;
    n.optimize = "optimize", n.value_of_time = "value_of_time", n.co2_price = "co2_price", n.alternatives = "alternatives";
    n.avoid_country = "avoid_countries", n.avoid_passage = "avoid_passages", n.avoid_mode = "avoid_modes";
    n.avoid_node = "avoid_nodes", n.avoid_link = "avoid_links", n.mode = "modes";
    n.from = "from_", n.to = "to";
    return n;
  }();
  return names;
}

}  // namespace landbridge::python

PYBIND11_MODULE(_landbridge, m) {
  namespace py = pybind11;
  using landbridge::InputError;
  m.doc() = "landbridge's C++ engine; use the `landbridge` package, which wraps this module";

  // The exception type lives as long as the module (never freed: it outlives the interpreter's
  // finalization otherwise, and a static py::object would be released after it).
  static PyObject* input_error = PyErr_NewExceptionWithDoc(
      "landbridge.InputError",
      "Bad input (a file, an option, a place name): the message is the command line's; the attributes "
      "file, place, field and problem hold its parts (empty when not applicable).",
      PyExc_ValueError, nullptr);
  m.attr("InputError") = py::handle(input_error);
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const InputError& e) {
      // Messages quote what the user gave, which need not be UTF-8.
      auto text = [](const std::string& s) {
        return py::reinterpret_steal<py::str>(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace"));
      };
      py::object instance = py::reinterpret_borrow<py::object>(input_error)(text(e.what()));
      instance.attr("file") = text(e.file());
      instance.attr("place") = text(e.place());
      instance.attr("field") = text(e.field());
      instance.attr("problem") = text(e.problem());
      PyErr_SetObject(input_error, instance.ptr());
    }
  });

  m.def("compiled_data_folder", [] { return std::string(LANDBRIDGE_DATA_DIR); },
        "The data folder (eurasia/, scenarios/, risk/, geo/) of the source tree this module was built from");
  landbridge::python::bind_network(m);
  landbridge::python::bind_freight(m);
  landbridge::python::bind_traffic(m);
}
