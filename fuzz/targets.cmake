# fuzz/targets.cmake: the fuzz targets and what each one needs. Included by fuzz/CMakeLists.txt (the
# libFuzzer programs, clang) and tests/fuzz/CMakeLists.txt (the replay test, any compiler).
# To add a target: write fuzz/<name>.cpp around LANDBRIDGE_FUZZ_TARGET(<name>), add <name> to the
# list with its libraries (and extra sources, if any), and put seed files in fuzz/corpus/<name>/.
set(LANDBRIDGE_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
set(LANDBRIDGE_FUZZ_TARGETS
  network_geojson tntp_net tntp_trips tntp_flow tntp_node demand_csv freight_parameters scenario_toml http_api risk_model access_csv)

set(LANDBRIDGE_FUZZ_LIBS_network_geojson landbridge::io)
set(LANDBRIDGE_FUZZ_LIBS_tntp_net landbridge::assignment)
set(LANDBRIDGE_FUZZ_LIBS_tntp_trips landbridge::assignment)
set(LANDBRIDGE_FUZZ_LIBS_tntp_flow landbridge::assignment)
set(LANDBRIDGE_FUZZ_LIBS_tntp_node landbridge::assignment)
set(LANDBRIDGE_FUZZ_LIBS_demand_csv landbridge::freight)
set(LANDBRIDGE_FUZZ_LIBS_freight_parameters landbridge::freight)
# toml++ is Debian's compiled library: libFuzzer sees our checks on top of it, not into its parser.
set(LANDBRIDGE_FUZZ_LIBS_scenario_toml landbridge::scenario)
set(LANDBRIDGE_FUZZ_LIBS_http_api landbridge::server landbridge::freight)
set(LANDBRIDGE_FUZZ_LIBS_risk_model landbridge::sweep)
set(LANDBRIDGE_FUZZ_LIBS_access_csv landbridge::access)

# Targets that parse against the embedded Eurasia network (fuzz/fixtures.hpp).
set(LANDBRIDGE_FUZZ_WITH_FIXTURES demand_csv scenario_toml http_api risk_model access_csv)
