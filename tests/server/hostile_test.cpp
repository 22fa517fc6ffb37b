// `landbridge serve` against slow, many and hostile clients on loopback (docs/api.md, "Limits"): each
// test starts its own server with short deadlines, misbehaves at it, checks that the misbehaving
// connections are cut off or refused as documented, and that a well-behaved client (Prober: /health
// and /v1/route in turn) is answered all along. Bounds on time here are loose sanity checks (the
// latency targets are in scripts/load-test.sh).
#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/raw_http.hpp"
#include "server/server_process.hpp"

namespace landbridge::testing {
namespace {

using nlohmann::json;

// Deadlines of a second or two, so the tests see them pass; one client address may open many connections.
// `extra` (flag, value, flag, value...) replaces or adds to these.
std::vector<std::string> options(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> a = {"--header-timeout", "1", "--body-timeout", "1", "--keep-alive-timeout", "2", "--write-timeout", "1",
                                "--max-connections-per-client", "5000", "--cache-mb", "0"};
  for (std::size_t i = 0; i + 1 < extra.size(); i += 2) {
    const auto given = std::find(a.begin(), a.end(), extra[i]);
    if (given != a.end()) {
      *std::next(given) = extra[i + 1];
    } else {
      a.push_back(extra[i]);
      a.push_back(extra[i + 1]);
    }
  }
  return a;
}

void expect_well_served(Prober& prober, const std::string& while_what) {
  const auto start = Clock::now();
  while (prober.summary().answered < 10 && seconds_since(start) < 5) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  prober.stop();
  const Prober::Summary s = prober.summary();
  EXPECT_EQ(s.failed, 0) << while_what << ": " << (s.failures.empty() ? "" : s.failures.front());
  EXPECT_GE(s.answered, 10) << while_what;
  EXPECT_LT(s.worst_s, 2.0) << while_what << ": the slowest answer";
}

// Open connections from `from`, each sending `first_bytes` (if any).
std::vector<int> open_connections(int port, int count, const char* from, const std::string& first_bytes = {}) {
  std::vector<int> fds;
  for (int i = 0; i < count; ++i) {
    const int fd = connect_to(port, from);
    if (fd < 0) break;
    if (!first_bytes.empty()) send_all(fd, first_bytes);
    fds.push_back(fd);
  }
  return fds;
}

void close_all(std::vector<int>& fds) {
  for (int fd : fds) ::close(fd);
  fds.clear();
}

// Whether the server has closed `fd` (end of stream or reset), without waiting.
bool is_closed(int fd) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, 0) <= 0) return false;
  char c[4096];
  const ssize_t n = ::recv(fd, c, sizeof c, MSG_DONTWAIT);
  return n <= 0;
}

// Waits until every connection is closed by the server, up to `timeout_s`; returns when each one was
// seen closed (seconds from `start`; -1: still open).
std::vector<double> closing_times(const std::vector<int>& fds, Clock::time_point start, double timeout_s,
                                  const std::string& trickle = {}) {
  std::vector<double> closed(fds.size(), -1);
  std::size_t open = fds.size();
  while (open > 0 && seconds_since(start) < timeout_s) {
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (closed[i] >= 0) continue;
      if (is_closed(fds[i]) || (!trickle.empty() && !send_all(fds[i], trickle))) {
        closed[i] = seconds_since(start);
        --open;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(trickle.empty() ? 20 : 200));
  }
  return closed;
}

void expect_closed_between(const std::vector<double>& times, double low_s, double high_s, const std::string& what) {
  int early = 0, late = 0;
  double first = 1e9, last = 0;
  for (double t : times) {
    if (t < 0 || t > high_s) ++late;
    else if (t < low_s) ++early;
    if (t >= 0) first = std::min(first, t), last = std::max(last, t);
  }
  EXPECT_EQ(early, 0) << what << ": closed before " << low_s << " s (first at " << first << " s)";
  EXPECT_EQ(late, 0) << what << ": still open after " << high_s << " s (last closed at " << last << " s)";
}

TEST(Hostile, TricklingHeadersAreCutAtTheHeaderDeadline) {
  raise_open_file_limit();
  ServerProcess server(options());
  ASSERT_GT(server.port(), 0) << server.first_line();
  Prober prober(server.port());
  // 50 clients send a request line, then a header line every 200 ms, never finishing the headers.
  const auto start = Clock::now();
  std::vector<int> fds = open_connections(server.port(), 50, "127.0.0.2", "GET /health HTTP/1.1\r\n");
  ASSERT_EQ(fds.size(), 50u);
  const std::vector<double> closed = closing_times(fds, start, 5, "X-Trickle: 1\r\n");
  expect_closed_between(closed, 0.8, 3.0, "trickling headers with a 1 s header deadline");
  expect_well_served(prober, "50 trickling connections");
  close_all(fds);
}

TEST(Hostile, SlowBodyIsCutAtTheBodyDeadline) {
  ServerProcess server(options());
  ASSERT_GT(server.port(), 0) << server.first_line();
  Prober prober(server.port());
  const std::string headers =
      "POST /v1/compare HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{";
  const auto start = Clock::now();
  std::vector<int> fds = open_connections(server.port(), 20, "127.0.0.2", headers);
  ASSERT_EQ(fds.size(), 20u);
  const std::vector<double> closed = closing_times(fds, start, 5, " ");  // one byte of body every 200 ms
  expect_closed_between(closed, 0.8, 3.0, "a body of one byte per 200 ms with a 1 s body deadline");
  expect_well_served(prober, "20 slow bodies");
  close_all(fds);
}

TEST(Hostile, AnIdleKeepAliveConnectionIsClosedAtItsDeadline) {
  ServerProcess server(options({"--keep-alive-timeout", "1"}));
  ASSERT_GT(server.port(), 0) << server.first_line();
  std::vector<int> fds = open_connections(server.port(), 10, "127.0.0.2", get_request("/health"));
  ASSERT_EQ(fds.size(), 10u);
  for (int fd : fds) {
    std::string pending;
    ASSERT_EQ(read_reply(fd, pending, 5).status, 200);
  }
  const auto start = Clock::now();  // the answers are in: the connections are idle from here
  const std::vector<double> closed = closing_times(fds, start, 5);
  expect_closed_between(closed, 0.8, 3.0, "idle keep-alive connections with a 1 s keep-alive timeout");
  close_all(fds);
}

TEST(Hostile, AThousandIdleConnectionsHoldNoThread) {
  raise_open_file_limit();
  ServerProcess server(options({"--header-timeout", "3"}));
  ASSERT_GT(server.port(), 0) << server.first_line();
  const long threads_before = server.threads();
  const long rss_before_kb = server.rss_kb();
  Prober prober(server.port());
  const auto start = Clock::now();
  std::vector<int> fds = open_connections(server.port(), 1000, "127.0.0.3");
  ASSERT_EQ(fds.size(), 1000u);
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  EXPECT_EQ(server.threads(), threads_before) << "threads with 1,000 idle connections open";
  EXPECT_LT(server.rss_kb() - rss_before_kb, 50 * 1024) << "memory for 1,000 idle connections, kB";
  // Silent connections are closed at the header deadline (3 s from their opening).
  const std::vector<double> closed = closing_times(fds, start, 8);
  expect_closed_between(closed, 2.5, 6.0, "1,000 silent connections with a 3 s header deadline");
  expect_well_served(prober, "1,000 idle connections");
  close_all(fds);
}

TEST(Hostile, HalfSentRequestsAreCutOrClosed) {
  raise_open_file_limit();
  ServerProcess server(options());
  ASSERT_GT(server.port(), 0) << server.first_line();
  Prober prober(server.port());
  const std::string half = "GET /v1/route?from=CNCKG&to=DE";
  // 300 send half a request line and go silent: cut at the header deadline.
  const auto start = Clock::now();
  std::vector<int> silent = open_connections(server.port(), 300, "127.0.0.4", half);
  ASSERT_EQ(silent.size(), 300u);
  // 100 send half a request and close their side (half-open): closed at once.
  std::vector<int> half_closed = open_connections(server.port(), 100, "127.0.0.5", half + "\r\nHost: x\r\n");
  ASSERT_EQ(half_closed.size(), 100u);
  for (int fd : half_closed) ::shutdown(fd, SHUT_WR);
  const std::vector<double> closed_early = closing_times(half_closed, start, 5);
  expect_closed_between(closed_early, 0, 0.8, "half a request, then the client's side closed");
  const std::vector<double> closed = closing_times(silent, start, 5);
  expect_closed_between(closed, 0.8, 3.0, "half a request, then silence, with a 1 s header deadline");
  expect_well_served(prober, "400 half-sent requests");
  close_all(silent);
  close_all(half_closed);
}

TEST(Hostile, OversizedHeadersAreRefused) {
  ServerProcess server(options({"--max-header-bytes", "4096", "--max-headers", "20"}));
  ASSERT_GT(server.port(), 0) << server.first_line();
  Prober prober(server.port());
  const auto expect_refused = [&](const std::string& request, int status, const std::string& code, const std::string& what) {
    const int fd = connect_to(server.port(), "127.0.0.2");
    ASSERT_GE(fd, 0);
    send_all(fd, request);
    std::string pending;
    const Reply reply = read_reply(fd, pending, 5);
    EXPECT_EQ(reply.status, status) << what;
    EXPECT_EQ(json::parse(reply.body, nullptr, false).value("error", json::object()).value("code", ""), code) << what << ": " << reply.body;
    EXPECT_EQ(reply.header("content-type"), "application/json") << what;
    EXPECT_EQ(reply.header("connection"), "close") << what;
    EXPECT_TRUE(closed_within(fd, 3)) << what << ": the connection is closed after the answer";
    ::close(fd);
  };
  expect_refused(get_request("/v1/route?from=" + std::string(20000, 'A') + "&to=DEDUI"), 414, "uri_too_long", "a 20 KB request line");
  expect_refused("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(5000, 'b') + "\r\n\r\n", 431, "headers_too_large",
                 "a 5 KB header over a 4 KB limit");
  std::string many = "GET /health HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 20; ++i) many += "X-" + std::to_string(i) + ": y\r\n";
  expect_refused(many + "\r\n", 431, "headers_too_large", "21 header fields over a limit of 20");
  // At the limits: answered.
  std::string twenty = "GET /health HTTP/1.1\r\nHost: x\r\n";
  for (int i = 0; i < 19; ++i) twenty += "X-" + std::to_string(i) + ": y\r\n";
  EXPECT_EQ(request_once(server.port(), twenty + "\r\n").status, 200) << "20 header fields";
  EXPECT_EQ(request_once(server.port(), get_request("/v1/nodes?search=" + std::string(8000, 'A'))).status, 200)
      << "a request line just under 8,192 bytes";
  // Headers without end: refused once the limit is passed, not buffered for ever.
  {
    const int fd = connect_to(server.port(), "127.0.0.2");
    ASSERT_GE(fd, 0);
    send_all(fd, "GET /health HTTP/1.1\r\n");
    std::string endless;
    for (int i = 0; i < 10000; ++i) endless += "X-Endless: " + std::string(100, 'e') + "\r\n";  // 1 MB
    const std::size_t sent = send_for(fd, endless, 2);
    std::string pending;
    const Reply reply = read_reply(fd, pending, 5);
    EXPECT_EQ(reply.status, 431) << "endless headers, " << sent << " bytes sent";
    EXPECT_TRUE(closed_within(fd, 3)) << "endless headers";
    ::close(fd);
  }
  expect_well_served(prober, "oversized headers");
}

TEST(Hostile, APipelinedFloodOnOneConnectionIsAnsweredInTurn) {
  ServerProcess server(options());
  ASSERT_GT(server.port(), 0) << server.first_line();
  Prober prober(server.port());
  const int fd = connect_to(server.port(), "127.0.0.2");
  ASSERT_GE(fd, 0);
  constexpr int count = 3000;
  std::string flood;
  for (int i = 0; i < count; ++i) flood += get_request(i % 2 == 0 ? "/health" : "/v1/nodes?search=DEDUI");
  std::thread sender([&] { send_all(fd, flood); });
  std::string pending;
  int answered = 0, nodes = 0;
  for (int i = 0; i < count; ++i) {
    const Reply reply = read_reply(fd, pending, 10);
    if (reply.status != 200) break;
    ++answered;
    nodes += reply.body.find("\"search\":\"DEDUI\"") != std::string::npos ? 1 : 0;
  }
  sender.join();
  EXPECT_EQ(answered, count);
  EXPECT_EQ(nodes, count / 2) << "the answers come in the order of the requests";
  ::close(fd);
  expect_well_served(prober, "3,000 pipelined requests on one connection");
}

TEST(Hostile, AClientThatNeverReadsIsCutAtTheWriteDeadline) {
  ServerProcess server(options());
  ASSERT_GT(server.port(), 0) << server.first_line();
  Prober prober(server.port());
  // A small receive window, and 2,000 requests for the whole node list (about 20 KB each), never read.
  const int fd = connect_to(server.port(), "127.0.0.2", 4096);
  ASSERT_GE(fd, 0);
  constexpr int count = 2000;
  std::string flood;
  for (int i = 0; i < count; ++i) flood += get_request("/v1/nodes");
  (void)send_for(fd, flood, 1);
  // Without reading a byte (reading would let the server go on): once its send buffer is full (up to
  // a megabyte or so on loopback), the server must give up at the write deadline (1 s) and close, with
  // our requests left unread, so with a reset.
  bool cut = false;
  const auto wait_start = Clock::now();
  while (!cut && seconds_since(wait_start) < 20) {
    pollfd p{fd, 0, 0};
    cut = ::poll(&p, 1, 50) > 0 && (p.revents & (POLLHUP | POLLERR)) != 0;
  }
  EXPECT_TRUE(cut) << "the server closes a connection whose client does not read";
  std::string received;
  (void)closed_within(fd, 5, &received);
  std::size_t answers = 0;
  for (std::size_t at = received.find("HTTP/1.1 200"); at != std::string::npos; at = received.find("HTTP/1.1 200", at + 1)) ++answers;
  EXPECT_LT(answers, static_cast<std::size_t>(count)) << "answers sent before the cut";
  ::close(fd);
  expect_well_served(prober, "a client that never reads");
}

// A comparison that runs until its iteration limit: averaging (MSA) approaches a gap of 1e-12 only as
// 1/k (Anderson acceleration reaches it in about ten iterations).
std::string slow_comparison(int iterations, const std::string& name) {
  return "name = \"" + name + "\"\n[[close]]\npassage = \"suez\"\n[parameters]\nrelative_gap = 1e-12\nequilibrium_method = \"msa\"\n"
         "max_iterations = " + std::to_string(iterations) + "\n";
}

std::string post_toml(const std::string& body) {
  return "POST /v1/compare HTTP/1.1\r\nHost: x\r\nContent-Type: application/toml\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

TEST(Hostile, ComparisonsBeyondTheLimitGet503AndRoutesGoOn) {
  // One computed and one waiting at most; the first also solves the baseline: together a second or more.
  ServerProcess server(options({"--compare-jobs", "1", "--compare-queue", "1", "--compare-timeout", "120", "--compare-max-seconds", "600"}));
  ASSERT_GT(server.port(), 0) << server.first_line();
  Prober prober(server.port());
  constexpr int count = 8;
  std::vector<Reply> replies(count);
  std::vector<double> took(count);
  std::vector<std::thread> clients;
  for (int i = 0; i < count; ++i) {
    clients.emplace_back([&, i] {
      const auto start = Clock::now();
      replies[i] = request_once(server.port(), post_toml(slow_comparison(20, "slow-" + std::to_string(i))), 180);
      took[i] = seconds_since(start);
    });
  }
  for (std::thread& t : clients) t.join();
  int busy = 0, computed = 0;
  for (int i = 0; i < count; ++i) {
    const json body = json::parse(replies[i].body, nullptr, false);
    if (replies[i].status == 503 && body["error"]["code"] == "busy") {
      ++busy;
      EXPECT_EQ(replies[i].header("retry-after"), "2");
      EXPECT_LT(took[i], 2.0) << "a refused comparison is answered at once";
    } else {
      EXPECT_EQ(replies[i].status, 200) << replies[i].body.substr(0, 200);
      ++computed;
    }
  }
  EXPECT_EQ(computed, 2) << "--compare-jobs 1 + --compare-queue 1";
  EXPECT_EQ(busy, count - 2);
  expect_well_served(prober, "8 comparisons at once");
}

TEST(Hostile, AComparisonIsStoppedAtItsRunTimeLimit) {
  ServerProcess server(options({"--compare-max-seconds", "0.3", "--max-compare-iterations", "5000"}));
  ASSERT_GT(server.port(), 0) << server.first_line();
  Prober prober(server.port());
  const auto start = Clock::now();
  const Reply reply = request_once(server.port(), post_toml(slow_comparison(5000, "endless")), 120);
  const double took = seconds_since(start);
  EXPECT_EQ(reply.status, 503) << reply.body;
  const json body = json::parse(reply.body, nullptr, false);
  EXPECT_EQ(body["error"]["code"], "compare_too_long") << reply.body;
  EXPECT_TRUE(reply.header("retry-after").empty()) << "asking again would not help";
  EXPECT_LT(took, 60) << "5,000 iterations would take minutes";
  expect_well_served(prober, "a comparison at its run-time limit");
}

TEST(Hostile, ConnectionsBeyondTheLimitsGet503) {
  raise_open_file_limit();
  ServerProcess server(options({"--header-timeout", "20", "--max-connections-per-client", "10", "--max-connections", "30"}));
  ASSERT_GT(server.port(), 0) << server.first_line();
  auto expect_refused = [&](const char* from, const std::string& what) {
    const int fd = connect_to(server.port(), from);
    ASSERT_GE(fd, 0) << what;
    std::string pending;
    const Reply reply = read_reply(fd, pending, 5);
    EXPECT_EQ(reply.status, 503) << what;
    EXPECT_EQ(json::parse(reply.body, nullptr, false).value("error", json::object()).value("code", ""), "too_many_connections") << what;
    EXPECT_EQ(reply.header("retry-after"), "1") << what;
    EXPECT_TRUE(closed_within(fd, 2)) << what;
    ::close(fd);
  };
  std::vector<int> a = open_connections(server.port(), 10, "127.0.0.2");
  ASSERT_EQ(a.size(), 10u);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  expect_refused("127.0.0.2", "an 11th connection from one address");
  EXPECT_EQ(request_once(server.port(), get_request("/health", true)).status, 200) << "another address is served";
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // until the server has seen that one closed
  std::vector<int> b = open_connections(server.port(), 10, "127.0.0.3");
  std::vector<int> c = open_connections(server.port(), 10, "127.0.0.4");
  ASSERT_EQ(b.size() + c.size(), 20u);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  for (int fd : b) ASSERT_FALSE(is_closed(fd)) << "30 connections in all are taken";
  for (int fd : c) ASSERT_FALSE(is_closed(fd)) << "30 connections in all are taken";
  expect_refused("127.0.0.5", "a 31st connection in all");
  close_all(c);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(request_once(server.port(), get_request("/health")).status, 200) << "served again once connections closed";
  close_all(a);
  close_all(b);
}

// SIGTERM while clients are asking: every answer that starts arrives whole, a comparison in flight
// finishes, and the server exits 0 within its shutdown deadline.
TEST(Hostile, SigtermLetsRequestsInFlightFinish) {
  ServerProcess server(options({"--shutdown-timeout", "30", "--keep-alive-timeout", "5"}));
  ASSERT_GT(server.port(), 0) << server.first_line();
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0}, truncated{0}, bad{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&, t] {
      int fd = -1;
      std::string pending;
      for (int i = 0; !stop; ++i) {
        if (fd < 0 && (fd = connect_to(server.port())) < 0) break;  // the server is gone
        const std::string target = (i + t) % 2 ? "/v1/route?from=CNCKG&to=DEDUI&alternatives=3" : "/v1/route?from=Shanghai&to=Rotterdam";
        Reply reply;
        if (send_all(fd, get_request(target))) reply = read_reply(fd, pending, 10);
        if (reply.status == 200) {
          ++answered;
          if (!json::accept(reply.body)) ++bad;
        } else if (!pending.empty()) {
          ++truncated;  // part of an answer, then the end of the connection
        }
        if (reply.status != 200 || reply.header("connection") == "close") {
          ::close(fd);
          fd = -1;
          pending.clear();
        }
      }
      if (fd >= 0) ::close(fd);
    });
  }
  Reply comparison;
  // The baseline and 10 iterations: in flight at the signal, done well within the deadline (also under sanitizers).
  std::thread comparer([&] { comparison = request_once(server.port(), post_toml(slow_comparison(10, "in-flight")), 60); });
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  const ServerProcess::Exit exit = server.stop(SIGTERM, 40);
  comparer.join();
  stop = true;
  for (std::thread& t : clients) t.join();
  EXPECT_TRUE(exit.exited) << server.output();
  EXPECT_EQ(exit.status, 0) << server.output();
  EXPECT_LT(exit.seconds, 31) << "the shutdown deadline is 30 s";
  EXPECT_GT(answered, 0);
  EXPECT_EQ(truncated, 0) << "answers cut in the middle";
  EXPECT_EQ(bad, 0) << "answers that are not JSON";
  EXPECT_EQ(comparison.status, 200) << "the comparison in flight finishes: " << comparison.body.substr(0, 200);
  EXPECT_TRUE(json::accept(comparison.body));
  EXPECT_NE(server.output().find("landbridge serve: stopped"), std::string::npos) << server.output();
}

TEST(Hostile, SigtermStopsAComparisonThatCannotFinishInTime) {
  ServerProcess server(options({"--shutdown-timeout", "3", "--max-compare-iterations", "100000", "--compare-max-seconds", "600"}));
  ASSERT_GT(server.port(), 0) << server.first_line();
  Reply comparison;
  std::thread comparer([&] { comparison = request_once(server.port(), post_toml(slow_comparison(100000, "endless")), 60); });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const ServerProcess::Exit exit = server.stop(SIGTERM, 30);
  comparer.join();
  EXPECT_TRUE(exit.exited) << server.output();
  EXPECT_EQ(exit.status, 0) << server.output();
  EXPECT_LT(exit.seconds, 5.0) << "the shutdown deadline is 3 s";
  EXPECT_EQ(comparison.status, 503) << comparison.body;
  EXPECT_EQ(json::parse(comparison.body, nullptr, false).value("error", json::object()).value("code", ""), "shutting_down")
      << comparison.body;
}

}  // namespace
}  // namespace landbridge::testing
