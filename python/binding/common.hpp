// python/binding/common.hpp: what the parts of the Python binding share: a loaded network with its
// router, the per-thread query on it, and how options are named in error messages.
#pragma once
#include <pybind11/pybind11.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "network/model.hpp"
#include "routing/route_options.hpp"
#include "routing/router.hpp"

namespace landbridge::python {

namespace py = pybind11;

// A network and its router, loaded once and never changed: shared by every Python thread.
struct LoadedNetwork {
  std::filesystem::path folder;
  network::Network network;
  std::unique_ptr<routing::Router> router;  // on `network`; this object never moves (held by shared_ptr)
  std::uint64_t id = 0;                     // unique per load, for the per-thread query slot
};
// Shared by the Python object and every result computed on it; never changed after loading.
using NetworkPtr = std::shared_ptr<LoadedNetwork>;

// Loads and validates a network folder; throws InputError / io::ValidationErrors as the CLI reports them.
[[nodiscard]] NetworkPtr load_network(const std::filesystem::path& folder);

// The calling thread's query object on this network (each thread routes with its own, as the
// HTTP server does; the Router is shared read-only).
[[nodiscard]] routing::RouterQuery& query_for(const LoadedNetwork& network);

// Options as the Python keywords spell them ("avoid_countries"), for InputError fields.
[[nodiscard]] const routing::OptionNames& keyword_names();

void bind_network(py::module_& m);
void bind_freight(py::module_& m);
void bind_traffic(py::module_& m);

}  // namespace landbridge::python
