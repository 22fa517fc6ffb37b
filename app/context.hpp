// app/context.hpp: what every subcommand shares: loading the network named by --network (or the
// embedded default) and writing results to stdout or an --out file.
#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "network/model.hpp"

namespace landbridge::app {

// The network folder: --network if given, else the embedded data/eurasia.
[[nodiscard]] std::filesystem::path network_folder(const std::string& network_option);

// Loads and validates; throws InputError / io::ValidationErrors.
[[nodiscard]] network::Network load_network_option(const std::string& network_option);

// Writes to stdout when `out_path` is empty, else atomically to the file.
void emit(const std::string& text, const std::string& out_path);

}  // namespace landbridge::app
