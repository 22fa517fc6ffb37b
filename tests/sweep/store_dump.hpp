// Everything a sweep stored, as text in a fixed order, except the wall-clock seconds: two stores
// of the same sweep must dump the same, whatever the threads, ranks or interruptions.
#pragma once
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

namespace landbridge::sweep::testing {

inline std::string dump_store(const std::filesystem::path& db_path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::string out;
  auto collect = [](void* text, int columns, char** values, char**) {
    auto& s = *static_cast<std::string*>(text);
    for (int i = 0; i < columns; ++i) s += std::string(values[i] != nullptr ? values[i] : "NULL") + "|";
    s += "\n";
    return 0;
  };
  for (const char* sql : {"SELECT sample, disruptions, states, quote(perceived_cost_usd), quote(logistics_cost_usd), quote(freight_charges_usd), "
                          "quote(co2_tonnes), quote(served_teu), quote(rail_teu), quote(rail_share), quote(avg_days), quote(unserved_teu), "
                          "iterations, converged, quote(worst_gap) FROM samples ORDER BY sample",
                          "SELECT sample, element, quote(start_day), quote(end_day), quote(severity) FROM sample_disruptions ORDER BY sample, element",
                          "SELECT sample, country, quote(transit_teu) FROM sample_countries ORDER BY sample, country",
                          "SELECT element, rank, quote(closed_perceived_cost_delta_usd) FROM criticality ORDER BY element"}) {
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql, collect, &out, &error), SQLITE_OK) << (error != nullptr ? error : "");
    sqlite3_free(error);
  }
  sqlite3_close(db);
  return out;
}

}  // namespace landbridge::sweep::testing
