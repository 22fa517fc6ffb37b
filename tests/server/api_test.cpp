// The HTTP API (docs/api.md) against a running `landbridge serve` on a free port on 127.0.0.1:
// every endpoint, every error path, malformed and oversized requests, and concurrent clients.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/server_process.hpp"
#include "support/temp_folder.hpp"

namespace landbridge {
namespace {

using nlohmann::json;

using testing::ServerProcess;

// The server for the whole suite, with small limits so the limit paths can be tested.
std::vector<std::string> suite_arguments() {
  return {"--threads", "8", "--max-body-bytes", "1024", "--max-alternatives", "5", "--max-matrix-cells", "6",
          "--header-timeout", "2", "--max-compare-scenarios", "3"};
}

struct Answer {
  int status = 0;
  std::string body, content_type, allow;
  json j;  // the body parsed, null when it is not JSON
};

class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<ServerProcess>(suite_arguments());
    ASSERT_GT(server_->port(), 0) << server_->first_line();
    // Wait for /health.
    for (int i = 0; i < 100; ++i) {
      if (get("/health").status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL() << "no answer from /health";
  }
  static void TearDownTestSuite() { server_.reset(); }

  static Answer answer_of(const httplib::Result& r) {
    Answer a;
    if (!r) return a;
    a.status = r->status;
    a.body = r->body;
    a.content_type = r->get_header_value("Content-Type");
    a.allow = r->get_header_value("Allow");
    a.j = json::parse(a.body, nullptr, false);
    if (a.j.is_discarded()) a.j = nullptr;
    return a;
  }
  static httplib::Client client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(60, 0);  // a first comparison also solves the baseline: seconds under sanitizers
    return c;
  }
  static Answer get(const std::string& target) { return answer_of(client().Get(target)); }

  // Sends raw bytes and returns everything the server answers before closing.
  static std::string raw(const std::string& request) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(server_->port()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string reply;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
      (void)!::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
      ::shutdown(fd, SHUT_WR);  // the end of the request: the server need not wait for its read timeout
      pollfd p{fd, POLLIN, 0};
      char buffer[4096];
      while (::poll(&p, 1, 5000) > 0) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        reply.append(buffer, static_cast<std::size_t>(n));
      }
    }
    ::close(fd);
    return reply;
  }

  static std::unique_ptr<ServerProcess> server_;
};
std::unique_ptr<ServerProcess> Api::server_;

// Runs the CLI and returns its stdout.
std::string cli_text(const std::string& arguments) {
  const std::string command = std::string(LANDBRIDGE_BINARY) + " " + arguments;
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  for (std::size_t n; pipe && (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  if (pipe) ::pclose(pipe);
  return out;
}

// Runs the CLI and returns its stdout parsed as JSON.
json cli_json(const std::string& arguments) { return json::parse(cli_text(arguments), nullptr, false); }

void expect_error(const Answer& a, int status, const std::string& code, const std::string& parameter, const std::string& what) {
  EXPECT_EQ(a.status, status) << what << ": " << a.body;
  ASSERT_TRUE(a.j.is_object()) << what << ": " << a.body;
  EXPECT_EQ(a.j["error"]["code"], code) << what << ": " << a.body;
  EXPECT_TRUE(a.j["error"]["message"].is_string()) << what;
  if (parameter.empty()) {
    EXPECT_FALSE(a.j["error"].contains("parameter")) << what << ": " << a.body;
  } else {
    EXPECT_EQ(a.j["error"].value("parameter", ""), parameter) << what << ": " << a.body;
  }
  EXPECT_EQ(a.content_type, "application/json") << what;
}

TEST_F(Api, HealthSaysOk) {
  const Answer a = get("/health");
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.j["status"], "ok");
  EXPECT_EQ(a.j["api"], "v1");
  EXPECT_GT(a.j["nodes"].get<int>(), 100);
  EXPECT_NE(server_->first_line().find("listening on http://127.0.0.1:"), std::string::npos) << server_->first_line();
}

TEST_F(Api, RouteIsTheSameAnswerAsTheCli) {
  const Answer a = get("/v1/route?from=Chongqing&to=Duisburg&avoid_country=BY");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.content_type, "application/json");
  EXPECT_EQ(a.j, cli_json("route Chongqing Duisburg --avoid-country BY --format json"));
  EXPECT_EQ(a.j["legs"].front()["from"], "CNCKG");
  EXPECT_EQ(a.j["legs"].back()["to"], "DEDUI");
}

TEST_F(Api, RouteTakesEveryOptionOfTheCli) {
  const Answer a = get("/v1/route?from=Xian&to=Duisburg&optimize=generalized&alternatives=3&value_of_time=5&co2_price=100"
                       "&avoid_passage=suez&avoid_mode=ferry&avoid_node=BYBRS");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.j, cli_json("route Xian Duisburg --optimize generalized --alternatives 3 --value-of-time 5 --co2-price 100 "
                          "--avoid-passage suez --avoid-mode ferry --avoid-node BYBRS --format json"));
  EXPECT_EQ(a.j["optimize"], "generalized");
  EXPECT_FALSE(a.j["alternatives"].empty());
}

TEST_F(Api, AvoidRulesMayRepeatOrUseCommas) {
  const Answer repeated = get("/v1/route?from=CNCKG&to=DEDUI&avoid_country=BY&avoid_country=LT");
  const Answer commas = get("/v1/route?from=CNCKG&to=DEDUI&avoid_country=by,%20LT");
  ASSERT_EQ(repeated.status, 200) << repeated.body;
  EXPECT_EQ(repeated.j, commas.j);
  for (const auto& c : repeated.j["countries"]) {
    EXPECT_NE(c, "BY");
    EXPECT_NE(c, "LT");
  }
}

TEST_F(Api, RouteAsGeojson) {
  const Answer a = get("/v1/route?from=Shanghai&to=Rotterdam&optimize=cost&avoid_passage=bab-el-mandeb&format=geojson");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.content_type, "application/geo+json");
  EXPECT_EQ(a.j, cli_json("route Shanghai Rotterdam --optimize cost --avoid-passage bab-el-mandeb --format geojson"));
  EXPECT_EQ(a.j["type"], "FeatureCollection");
}

TEST_F(Api, TableIsTheSameMatrixAsTheCli) {
  const Answer a = get("/v1/table?from=CNCKG,CNXIY&to=DEDUI&to=PLMAL&optimize=cost");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.j, cli_json("table --from CNCKG,CNXIY --to DEDUI,PLMAL --optimize cost --format json"));
  EXPECT_EQ(a.j["values"].size(), 2u);
  EXPECT_EQ(a.j["values"][0].size(), 2u);
  // Without `to`, the origins are the destinations too.
  EXPECT_EQ(get("/v1/table?from=CNCKG,DEDUI").j["destinations"], json({"CNCKG", "DEDUI"}));
}

TEST_F(Api, NodesSearchIgnoresDiacritics) {
  Answer a = get("/v1/nodes?search=Malaszewicze");
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_EQ(a.j["nodes"].size(), 1u);
  EXPECT_EQ(a.j["nodes"][0]["id"], "PLMAL");
  EXPECT_EQ(a.j["nodes"][0]["name"], "Małaszewicze");
  a = get("/v1/nodes");
  EXPECT_GT(a.j["nodes"].size(), 100u);
  EXPECT_EQ(get("/v1/nodes?limit=3").j["nodes"].size(), 3u);
  a = get("/v1/nodes?search=Duisbrg");
  EXPECT_TRUE(a.j["nodes"].empty());
  EXPECT_EQ(a.j["suggestions"][0]["id"], "DEDUI");
}

TEST_F(Api, NetworkListsWhatAvoidRulesCanName) {
  const Answer a = get("/v1/network");
  ASSERT_EQ(a.status, 200);
  EXPECT_NE(std::find(a.j["countries"].begin(), a.j["countries"].end(), "BY"), a.j["countries"].end());
  EXPECT_NE(std::find(a.j["passages"].begin(), a.j["passages"].end(), "suez"), a.j["passages"].end());
  EXPECT_NE(std::find(a.j["modes"].begin(), a.j["modes"].end(), "rail"), a.j["modes"].end());
}

// The route answer is written without a JSON DOM (server/route_json.hpp): its bytes must still be
// the CLI's JSON, compacted, for every kind of query.
TEST_F(Api, RouteBytesAreTheCliJsonCompacted) {
  const std::vector<std::pair<std::string, std::string>> queries = {
      {"from=Chongqing&to=Duisburg", "Chongqing Duisburg"},
      {"from=Shanghai&to=Rotterdam&optimize=cost&avoid_passage=bab-el-mandeb", "Shanghai Rotterdam --optimize cost --avoid-passage bab-el-mandeb"},
      {"from=Xian&to=Duisburg&optimize=co2&alternatives=3", "Xian Duisburg --optimize co2 --alternatives 3"},
      {"from=CNXIY&to=PLMAL&optimize=generalized&value_of_time=5&co2_price=80", "CNXIY PLMAL --optimize generalized --value-of-time 5 --co2-price 80"},
      {"from=Chongqing&to=Duisburg&avoid_country=RU,BY&alternatives=2", "Chongqing Duisburg --avoid-country RU --avoid-country BY --alternatives 2"},
      {"from=DEDUI&to=CNCKG&optimize=cost&avoid_mode=ferry", "DEDUI CNCKG --optimize cost --avoid-mode ferry"},
  };
  for (const auto& [query, arguments] : queries) {
    const Answer a = get("/v1/route?" + query);
    ASSERT_EQ(a.status, 200) << query << ": " << a.body;
    EXPECT_EQ(a.body, nlohmann::ordered_json::parse(cli_text("route " + arguments + " --format json")).dump()) << query;
  }
}

TEST_F(Api, AccessIsTheCliAnswer) {
  const Answer a = get("/v1/access?from=Great%20Stone&compare=PLLOD,HUBUD&commodity=machinery&scenario=before-2022-sanctions");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.j, cli_json("access \"Great Stone\" --compare PLLOD,HUBUD --commodity machinery --scenario before-2022-sanctions --format json"));
  EXPECT_EQ(a.j["sites"].size(), 3u);
  EXPECT_EQ(get("/v1/access?from=BYGST&format=geojson").j["type"], "FeatureCollection");
}

TEST_F(Api, AccessErrorsNameTheParameter) {
  const Answer unknown = get("/v1/access?from=Atlantis");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.j["error"]["code"], "unknown_node");
  expect_error(get("/v1/access?from=BYGST&commodity=toys"), 400, "bad_parameter", "commodity", "unknown commodity");
  expect_error(get("/v1/access?from=BYGST&scenario=../../etc/passwd"), 400, "bad_parameter", "scenario", "a path");
  expect_error(get("/v1/access?from=BYGST&scenario=no-such-scenario"), 400, "bad_parameter", "scenario", "unknown scenario");
  expect_error(get("/v1/access?from=BYGST&value=-5"), 400, "bad_parameter", "value", "negative value");
  expect_error(get("/v1/access"), 400, "missing_parameter", "from", "no site");
}

TEST_F(Api, ScenariosListTheBuiltIns) {
  const Answer a = get("/v1/scenarios");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_TRUE(a.j["compare_available"].get<bool>());
  // The names `landbridge scenarios` lists, in its order.
  std::vector<std::string> cli_names;
  const std::string listing = cli_text("scenarios");
  for (std::size_t at = listing.find('\n') + 1; at < listing.size() && listing[at] != '\n';) {
    const std::size_t end = listing.find('\n', at);
    cli_names.push_back(listing.substr(at, listing.find(' ', at) - at));
    at = end + 1;
  }
  std::vector<std::string> names;
  for (const json& s : a.j["scenarios"]) {
    names.push_back(s["name"]);
    EXPECT_FALSE(s["title"].get<std::string>().empty()) << s["name"];
    EXPECT_FALSE(s["description"].get<std::string>().empty()) << s["name"];
    EXPECT_FALSE(s["sources"].empty()) << s["name"];
    EXPECT_EQ(s["file"], s["name"].get<std::string>() + ".toml");  // no server paths in answers
    ASSERT_FALSE(s["rules"].empty()) << s["name"];
    for (const json& r : s["rules"]) {
      EXPECT_GT(r["line"].get<int>(), 0);
      EXPECT_FALSE(r["description"].get<std::string>().empty()) << s["name"] << " " << r["key"];
    }
  }
  EXPECT_EQ(names, cli_names);
  EXPECT_NE(std::find(names.begin(), names.end(), "red-sea-closure"), names.end());
}

// The answer of `landbridge compare --format json`, except where the CLI shows the file's path and
// the run's timing.
json comparable(json j) {
  for (json& s : j["scenarios"]) s.erase("file");
  for (json& r : j["rules"]) r.erase("file");
  for (const char* run : {"baseline", "scenario"}) j[run]["convergence"].erase("seconds");
  return j;
}

TEST_F(Api, CompareIsTheCliComparison) {
  const Answer a = answer_of(client().Post("/v1/compare", R"({"scenarios": ["red-sea-closure"]})", "application/json"));
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.content_type, "application/json");
  EXPECT_EQ(comparable(a.j), comparable(cli_json("compare --scenario red-sea-closure --format json")));
  EXPECT_EQ(a.j["rules"][0]["file"], "red-sea-closure.toml");
  // Rail gains when the Red Sea is closed.
  EXPECT_GT(a.j["delta"]["share_by_mode"]["rail"].get<double>(), 0);
  // Asked again: the same bytes (from the cache now).
  EXPECT_EQ(answer_of(client().Post("/v1/compare", R"({"scenarios": ["red-sea-closure"]})", "application/json")).body, a.body);
}

TEST_F(Api, CompareTakesTomlRulesAndBuiltInsInOrder) {
  const std::string rules = "name = \"no-suez\"\ntitle = \"Suez closed\"\n[[close]]\npassage = \"suez\"\n";
  // A scenario file as the body (TOML, with or without a content type).
  const Answer toml = answer_of(client().Post("/v1/compare", rules, "application/toml"));
  ASSERT_EQ(toml.status, 200) << toml.body;
  EXPECT_EQ(toml.j["scenarios"][0]["name"], "no-suez");
  EXPECT_EQ(toml.j["rules"][0]["file"], "body");
  EXPECT_EQ(toml.j["rules"][0]["line"], 3);
  EXPECT_FALSE(toml.j["delta"]["closed_links"].empty());
  EXPECT_EQ(answer_of(client().Post("/v1/compare", rules, "application/x-www-form-urlencoded")).j["scenarios"][0]["name"], "no-suez");
  // The same rules inside JSON, after a built-in: both apply, in that order.
  const json body = {{"scenarios", {"carbon-price-100", {{"toml", rules}}}}};
  const Answer both = answer_of(client().Post("/v1/compare", body.dump(), "application/json"));
  ASSERT_EQ(both.status, 200) << both.body;
  ASSERT_EQ(both.j["scenarios"].size(), 2u);
  EXPECT_EQ(both.j["scenarios"][0]["name"], "carbon-price-100");
  EXPECT_EQ(both.j["scenarios"][1]["name"], "no-suez");
  EXPECT_EQ(both.j["rules"].back()["file"], "scenarios[1]");
  EXPECT_EQ(both.j["delta"]["closed_links"], toml.j["delta"]["closed_links"]);
}

// Bad rules name their source, line and key; unknown built-ins come with suggestions.
TEST_F(Api, CompareErrorsNameTheLineAndKey) {
  const auto post = [](const std::string& body, const std::string& type = "application/toml") {
    return answer_of(client().Post("/v1/compare", body, type));
  };
  Answer a = post("name = \"x\"\n[[close]]\npassage = \"atlantis\"\n");
  expect_error(a, 400, "bad_scenario", "body", "a passage the network lacks");
  EXPECT_EQ(a.j["error"]["line"], 2);  // the rule's header
  EXPECT_EQ(a.j["error"]["key"], "close[1].passages");
  EXPECT_NE(a.j["error"]["message"].get<std::string>().find("body: line 2"), std::string::npos) << a.body;

  a = post("name = \"x\"\n\n[[change]]\ncorridor = \"sea-cape\"\nusd_factor = 1.4\nco2_factr = 1.4\n");
  expect_error(a, 400, "bad_scenario", "body", "a misspelt key");
  EXPECT_EQ(a.j["error"]["key"], "change[1].co2_factr") << a.body;
  EXPECT_EQ(a.j["error"]["line"], 6) << a.body;

  a = post("name = \"x\"\n[[close]\npassage = \"suez\"\n");
  expect_error(a, 400, "bad_scenario", "body", "TOML syntax");
  EXPECT_EQ(a.j["error"]["line"], 2) << a.body;

  a = post(R"({"scenarios": [{"toml": "name = \"x\"\n[[close]]\npassage = 5\n"}]})", "application/json");
  expect_error(a, 400, "bad_scenario", "scenarios[0]", "a wrong type inside JSON");
  EXPECT_EQ(a.j["error"]["line"], 3) << a.body;

  a = post("name = \"x\"\n[[close]]\npassage = \"suez\"\n[parameters]\nmax_iterations = 100000\n");
  expect_error(a, 400, "bad_scenario", "body", "more iterations than the server allows");
  EXPECT_EQ(a.j["error"]["key"], "parameters.max_iterations") << a.body;

  a = post(R"({"scenarios": ["red-sea-closed"]})", "application/json");
  expect_error(a, 404, "unknown_scenario", "scenarios[0]", "a misspelt built-in");
  EXPECT_EQ(a.j["error"]["value"], "red-sea-closed");
  EXPECT_EQ(a.j["error"]["suggestions"][0]["name"], "red-sea-closure");
  EXPECT_NE(a.j["error"]["message"].get<std::string>().find("did you mean red-sea-closure?"), std::string::npos) << a.body;
  // Names are only ever built-ins, never files on the server.
  expect_error(post(R"({"scenarios": ["../../data/scenarios/red-sea-closure"]})", "application/json"), 404, "unknown_scenario",
               "scenarios[0]", "a path");

  struct Row {
    std::string body, type;
    int status;
    std::string code, parameter;
  };
  const std::vector<Row> rows = {
      {"", "application/json", 400, "missing_body", ""},
      {"  \n", "application/toml", 400, "missing_body", ""},
      {"{\"scenarios\": [\"red-sea-closure\"", "application/json", 400, "bad_body", ""},
      {"[\"red-sea-closure\"]", "application/json", 400, "bad_body", ""},
      {"{}", "application/json", 400, "missing_parameter", "scenarios"},
      {"{\"scenarios\": []}", "application/json", 400, "missing_parameter", "scenarios"},
      {"{\"scenarios\": \"red-sea-closure\"}", "application/json", 400, "missing_parameter", "scenarios"},
      {"{\"scenarios\": [\"red-sea-closure\"], \"speed\": 1}", "application/json", 400, "unknown_parameter", "speed"},
      {"{\"scenarios\": [5]}", "application/json", 400, "bad_parameter", "scenarios[0]"},
      {"{\"scenarios\": [{\"toml\": 5}]}", "application/json", 400, "bad_parameter", "scenarios[0]"},
      {"{\"scenarios\": [{\"toml\": \"\", \"x\": 1}]}", "application/json", 400, "bad_parameter", "scenarios[0]"},
      {"{\"scenarios\": [\"a\", \"b\", \"c\", \"d\"]}", "application/json", 400, "bad_parameter", "scenarios"},  // over 3
      {"name = \"x\"\n", "application/toml", 400, "bad_scenario", "body"},  // no rules
  };
  for (const Row& row : rows) expect_error(post(row.body, row.type), row.status, row.code, row.parameter, row.body);
  expect_error(answer_of(client().Post("/v1/compare?x=1", R"({"scenarios": ["red-sea-closure"]})", "application/json")), 400,
               "unknown_parameter", "x", "a query parameter");
  const Answer get_compare = get("/v1/compare");
  expect_error(get_compare, 405, "method_not_allowed", "", "GET /v1/compare");
  EXPECT_EQ(get_compare.allow, "POST");
}

// Whatever the body, the answer is JSON and never a 500.
TEST_F(Api, CompareNeverFailsOnGarbage) {
  std::vector<std::pair<std::string, std::string>> bodies = {
      {std::string(900, '['), "application/json"},
      {std::string(900, '{'), "application/json"},
      {"{\"scenarios\": [\"\\ud800\"]}", "application/json"},
      {std::string("{\"scenarios\": [\"\xff\xfe\"]}"), "application/json"},
      {std::string("name = \"\xff\"\n[[close]]\npassage = \"suez\"\n"), "application/toml"},
      {std::string(900, '\0'), "application/toml"},
      {"a = [" + std::string(400, '[') + "\n", "application/toml"},
      {"name = \"x\"\n[[close]]\npassage = \"suez\"\n[[close]]\n", "text/plain"},
      {"name = 1979-05-27T07:32:00Z\n", "text/plain"},
      {"\xef\xbb\xbf{\"scenarios\": [\"red-sea-closure\"]}", ""},
  };
  for (int seed = 1; seed <= 20; ++seed) {
    std::string noise;
    unsigned state = static_cast<unsigned>(seed) * 2654435761u;
    for (int i = 0; i < 300; ++i) {
      state = state * 1103515245u + 12345u;
      noise += static_cast<char>((state >> 16) & 0xff);
    }
    bodies.emplace_back(noise, seed % 2 ? "application/json" : "");
  }
  for (const auto& [body, type] : bodies) {
    const Answer a = answer_of(client().Post("/v1/compare", body, type));
    EXPECT_GE(a.status, 400) << body.substr(0, 60);
    EXPECT_LT(a.status, 500) << body.substr(0, 60) << ": " << a.body;
    EXPECT_TRUE(a.j.is_object()) << body.substr(0, 60) << ": " << a.body;
  }
  EXPECT_TRUE(server_->alive());
}

// One worker, no queue and a short timeout: a slow comparison answers 503 compare_timeout and goes
// on; another comparison meanwhile gets 503 busy; the first one's result then comes from the cache.
TEST(CompareLimits, TimeoutThenBusyThenTheResult) {
  // No run-time limit in the way: under sanitizers the slow comparison takes tens of seconds.
  ServerProcess server({"--threads", "4", "--compare-jobs", "1", "--compare-queue", "0", "--compare-timeout", "0.2",
                        "--compare-max-seconds", "600"});
  ASSERT_GT(server.port(), 0) << server.first_line();
  httplib::Client c("127.0.0.1", server.port());
  c.set_read_timeout(30, 0);
  // 100 iterations: about a second or more of work. Averaging (MSA) approaches a gap of 1e-12 only as
  // 1/k; Anderson acceleration would reach it in about ten.
  const std::string slow =
      "name = \"slow\"\n[[close]]\npassage = \"bab-el-mandeb\"\n[[change]]\ncrossing = \"T-AKA-DOS\"\ncapacity_factor = 0.53\n"
      "[parameters]\nrelative_gap = 1e-12\nequilibrium_method = \"msa\"\nmax_iterations = 100\n";
  auto first = c.Post("/v1/compare", slow, "application/toml");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 503) << first->body;
  EXPECT_EQ(json::parse(first->body)["error"]["code"], "compare_timeout");
  EXPECT_EQ(first->get_header_value("Retry-After"), "5");
  auto other = c.Post("/v1/compare", R"({"scenarios": ["carbon-price-100"]})", "application/json");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 503) << other->body;
  EXPECT_EQ(json::parse(other->body)["error"]["code"], "busy");
  EXPECT_FALSE(other->get_header_value("Retry-After").empty());
  // Routes are answered meanwhile.
  EXPECT_EQ(c.Get("/v1/route?from=CNCKG&to=DEDUI")->status, 200);
  int status = 0;
  json result;
  for (int i = 0; i < 300 && status != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    auto again = c.Post("/v1/compare", slow, "application/toml");
    ASSERT_TRUE(again);
    status = again->status;
    if (status == 200) result = json::parse(again->body);
  }
  ASSERT_EQ(status, 200);
  EXPECT_EQ(result["scenario"]["convergence"]["iterations"], 100);
}

TEST_F(Api, OversizedBodyIs413) {
  expect_error(answer_of(client().Post("/v1/compare", std::string(4096, 'x'), "application/json")), 413, "payload_too_large", "",
               "4 KB body over a 1 KB limit");
}

TEST_F(Api, WrongMethodIs405WithAllow) {
  for (const char* path : {"/v1/route", "/v1/table", "/v1/nodes", "/health", "/v1/scenarios"}) {
    const Answer a = answer_of(client().Delete(path));
    expect_error(a, 405, "method_not_allowed", "", path);
    EXPECT_EQ(a.allow, "GET, HEAD") << path;
    expect_error(answer_of(client().Post(path, "", "text/plain")), 405, "method_not_allowed", "", path);
  }
}

TEST_F(Api, UnknownPathIs404) { expect_error(get("/v2/route"), 404, "not_found", "", "/v2/route"); }

TEST_F(Api, HeadAnswersWithoutABody) {
  const auto r = client().Head("/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(r->body.empty());
}

// Every bad parameter is a 400 naming it; places the network lacks are 404 with suggestions.
TEST_F(Api, BadParametersAreNamed) {
  struct Row {
    std::string target;
    int status;
    std::string code, parameter;
  };
  const std::vector<Row> rows = {
      {"/v1/route?to=DEDUI", 400, "missing_parameter", "from"},
      {"/v1/route?from=CNCKG", 400, "missing_parameter", "to"},
      {"/v1/route?from=&to=DEDUI", 400, "missing_parameter", "from"},
      {"/v1/route?from=CNCKG&from=CNXIY&to=DEDUI", 400, "bad_parameter", "from"},
      {"/v1/route?from=CNCKG&to=DEDUI&speed=fast", 400, "unknown_parameter", "speed"},
      {"/v1/route?from=CNCKG&to=DEDUI&optimize=fastest", 400, "bad_parameter", "optimize"},
      {"/v1/route?from=CNCKG&to=DEDUI&avoid_country=XX", 400, "bad_parameter", "avoid_country"},
      {"/v1/route?from=CNCKG&to=DEDUI&avoid_country=BYE", 400, "bad_parameter", "avoid_country"},
      {"/v1/route?from=CNCKG&to=DEDUI&avoid_passage=panama", 400, "bad_parameter", "avoid_passage"},
      {"/v1/route?from=CNCKG&to=DEDUI&avoid_mode=plane", 400, "bad_parameter", "avoid_mode"},
      {"/v1/route?from=CNCKG&to=DEDUI&avoid_node=NOPE", 400, "bad_parameter", "avoid_node"},
      {"/v1/route?from=CNCKG&to=DEDUI&avoid_link=NOPE", 400, "bad_parameter", "avoid_link"},
      {"/v1/route?from=CNCKG&to=DEDUI&alternatives=0", 400, "bad_parameter", "alternatives"},
      {"/v1/route?from=CNCKG&to=DEDUI&alternatives=6", 400, "bad_parameter", "alternatives"},
      {"/v1/route?from=CNCKG&to=DEDUI&alternatives=two", 400, "bad_parameter", "alternatives"},
      {"/v1/route?from=CNCKG&to=DEDUI&alternatives=99999999999999999999", 400, "bad_parameter", "alternatives"},
      {"/v1/route?from=CNCKG&to=DEDUI&alternatives=2.5", 400, "bad_parameter", "alternatives"},
      {"/v1/route?from=CNCKG&to=DEDUI&value_of_time=-1", 400, "bad_parameter", "value_of_time"},
      {"/v1/route?from=CNCKG&to=DEDUI&value_of_time=", 400, "bad_parameter", "value_of_time"},
      {"/v1/route?from=CNCKG&to=DEDUI&value_of_time=1e400", 400, "bad_parameter", "value_of_time"},
      {"/v1/route?from=CNCKG&to=DEDUI&co2_price=nan", 400, "bad_parameter", "co2_price"},
      {"/v1/route?from=CNCKG&to=DEDUI&co2_price=12abc", 400, "bad_parameter", "co2_price"},
      {"/v1/route?from=CNCKG&to=DEDUI&format=xml", 400, "bad_parameter", "format"},
      {"/v1/route?from=CNCKG&to=DEDUI&avoid_country=CN", 400, "bad_parameter", "from"},
      {"/v1/route?from=Duisbrg&to=CNCKG", 404, "unknown_node", "from"},
      {"/v1/route?from=Ka&to=CNCKG", 400, "ambiguous_node", "from"},
      {"/v1/route?from=CNCKG&to=Xyzzy", 404, "unknown_node", "to"},
      {"/v1/table?to=DEDUI", 400, "missing_parameter", "from"},
      {"/v1/table?from=CNCKG,CNXIY,PLMAL", 400, "bad_parameter", "from"},
      {"/v1/table?from=CNCKG,CNXIY&to=DEDUI,PLMAL,NLRTM,DEHAM", 400, "bad_parameter", "to"},
      {"/v1/table?from=CNCKG&to=Duisbrg", 404, "unknown_node", "to"},
      {"/v1/table?from=CNCKG&to=DEDUI&alternatives=2", 400, "unknown_parameter", "alternatives"},
      {"/v1/table?from=CNCKG&to=DEDUI&optimize=x", 400, "bad_parameter", "optimize"},
      {"/v1/nodes?limit=0", 400, "bad_parameter", "limit"},
      {"/v1/nodes?search=a&search=b", 400, "bad_parameter", "search"},
      {"/v1/nodes?q=a", 400, "unknown_parameter", "q"},
  };
  for (const Row& row : rows) expect_error(get(row.target), row.status, row.code, row.parameter, row.target);
}

TEST_F(Api, UnknownPlaceComesWithSuggestions) {
  const Answer a = get("/v1/route?from=Duisbrg&to=Chongqing");
  expect_error(a, 404, "unknown_node", "from", "Duisbrg");
  EXPECT_EQ(a.j["error"]["value"], "Duisbrg");
  EXPECT_EQ(a.j["error"]["message"], "no place called \"Duisbrg\"; did you mean Duisburg (DEDUI)?");
  ASSERT_FALSE(a.j["error"]["suggestions"].empty());
  EXPECT_EQ(a.j["error"]["suggestions"][0]["id"], "DEDUI");
}

TEST_F(Api, NoRouteIsA404WithItsOwnCode) {
  // Without rail and ferries no train leaves inland Chongqing.
  expect_error(get("/v1/route?from=CNCKG&to=DEDUI&avoid_mode=rail"), 404, "no_route", "", "avoid_mode=rail");
}

// Malformed, huge and non-UTF-8 input never crashes the server nor gets a 500.
TEST_F(Api, MalformedRequestsAreAnsweredNotCrashed) {
  const std::vector<std::string> targets = {
      "/v1/route?from=%&to=%zz",
      "/v1/route?from=%ff%fe%fd&to=%c3%28",           // invalid UTF-8
      "/v1/route?from=CN%00CKG&to=DEDUI",             // NUL byte
      "/v1/route?=&=&&&from",                          // empty names
      "/v1/route?from=" + std::string(7000, 'A') + "&to=DEDUI",
      "/v1/nodes?search=%e2%82",                       // truncated UTF-8
      "/v1/nodes?search=" + std::string(3000, '%') ,
      "/v1/table?from=" + std::string(2000, ',') + "&to=DEDUI",
      "/v1/route?from=CNCKG&to=DEDUI&avoid_country=" + std::string(3000, 'B'),
      "/v1/route?from=CNCKG&to=DEDUI&alternatives=-2147483648",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/../../etc/passwd",
  };
  for (const std::string& target : targets) {
    const Answer a = get(target);
    EXPECT_GE(a.status, target.starts_with("/v1/nodes") ? 200 : 400) << target.substr(0, 80);  // a search may find nothing
    EXPECT_LT(a.status, 500) << target.substr(0, 80) << ": " << a.body;
    EXPECT_TRUE(a.j.is_object()) << target.substr(0, 80) << ": " << a.body;  // valid JSON, even with bad UTF-8 echoed
  }
  // Over the 8 KB request-line limit: 414 with a JSON body.
  expect_error(get("/v1/route?from=" + std::string(20000, 'A') + "&to=DEDUI"), 414, "uri_too_long", "", "20 KB URI");
  // Not HTTP at all, a truncated request, a bad Content-Length: 400 or a closed connection, then life goes on.
  for (const std::string& request :
       {std::string("GARBAGE\r\n\r\n"), std::string("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"),
        std::string("GET /v1/route?from=CNCKG HTTP/1.1\r\n"), std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11),
        std::string("POST /v1/compare HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n")}) {
    const std::string reply = raw(request);
    EXPECT_EQ(reply.find(" 500 "), std::string::npos) << reply;
  }
  EXPECT_TRUE(server_->alive());
  EXPECT_EQ(get("/health").status, 200);
}

TEST_F(Api, ConcurrentClientsGetTheSameAnswers) {
  const std::string expected = get("/v1/route?from=CNCKG&to=DEDUI&optimize=cost").body;
  std::vector<std::thread> threads;
  std::vector<int> mismatches(6, 0);
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", server_->port());
      c.set_keep_alive(true);
      for (int i = 0; i < 60; ++i) {
        const auto r = (i % 3 == 0) ? c.Get("/v1/nodes?search=Du") : c.Get("/v1/route?from=CNCKG&to=DEDUI&optimize=cost");
        if (!r || r->status != 200 || (i % 3 != 0 && r->body != expected)) ++mismatches[t];
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int t = 0; t < 6; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

TEST_F(Api, ASecondServerOnABusyPortFails) {
  const std::string command = std::string(LANDBRIDGE_BINARY) + " serve --port " + std::to_string(server_->port()) + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[512];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = ::pclose(pipe);
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 2) << out;
  EXPECT_NE(out.find("field \"--port\": cannot listen on 127.0.0.1:" + std::to_string(server_->port())), std::string::npos) << out;
}

TEST_F(Api, WebPageIsServedAtTheRoot) {
  const Answer a = get("/");
  EXPECT_EQ(a.status, 200);
  EXPECT_NE(a.content_type.find("text/html"), std::string::npos);
  EXPECT_NE(a.body.find("landbridge"), std::string::npos);
}

}  // namespace
}  // namespace landbridge
