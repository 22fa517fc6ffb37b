// hold_connections: holds idle and trickling connections open against `landbridge serve` on loopback
// while scripts/load-test.sh measures well-behaved clients (issue 17). Idle connections say nothing;
// trickling ones send a request line and then one header line a second, never finishing. Whenever
// the server closes one (as it must, at its header deadline), another is opened in its place, so the
// counts hold for the whole run. Connections come from several loopback addresses (127.0.1.x,
// 127.0.2.x), at most 200 from each, like many clients rather than one.
//   hold_connections --port P [--idle 1000] [--trickle 50] [--seconds 30]
// Prints one summary line: how many were held, how many the server cut off and after how long.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "server/raw_http.hpp"  // the tests' socket helpers (tests/server)

namespace {

namespace testing = landbridge::testing;
using testing::Clock;

struct Held {
  int fd = -1;
  bool trickle = false;
  std::string from;
  Clock::time_point opened, last_line;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  int port = 0, idle = 1000, trickle = 50;
  double seconds = 30;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--port") port = std::atoi(argv[i + 1]);
    else if (flag == "--idle") idle = std::atoi(argv[i + 1]);
    else if (flag == "--trickle") trickle = std::atoi(argv[i + 1]);
    else if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
    else {
      std::fprintf(stderr, "hold_connections: unknown option %s\n", argv[i]);
      return 1;
    }
  }
  if (port <= 0) {
    std::fprintf(stderr, "usage: hold_connections --port P [--idle N] [--trickle N] [--seconds S]\n");
    return 1;
  }
  testing::raise_open_file_limit();
  std::vector<Held> held(static_cast<std::size_t>(idle + trickle));
  for (std::size_t i = 0; i < held.size(); ++i) {
    const bool t = i >= static_cast<std::size_t>(idle);
    const std::size_t k = t ? i - static_cast<std::size_t>(idle) : i;
    held[i].trickle = t;
    held[i].from = (t ? "127.0.2." : "127.0.1.") + std::to_string(1 + k / 200);
  }
  const auto start = Clock::now();
  std::vector<double> idle_cut_s, trickle_cut_s;
  int failed_opens = 0;
  auto open = [&](Held& h) {
    h.fd = testing::connect_to(port, h.from.c_str());
    if (h.fd < 0) {
      ++failed_opens;
      return;
    }
    h.opened = h.last_line = Clock::now();
    if (h.trickle) {
      static constexpr char line[] = "GET /health HTTP/1.1\r\n";
      (void)!::send(h.fd, line, sizeof line - 1, MSG_NOSIGNAL);
    }
  };
  for (Held& h : held) open(h);
  std::vector<pollfd> polls;
  while (testing::seconds_since(start) < seconds) {
    polls.clear();
    for (const Held& h : held) polls.push_back({h.fd, POLLIN, 0});
    ::poll(polls.data(), polls.size(), 100);
    for (std::size_t i = 0; i < held.size(); ++i) {
      Held& h = held[i];
      bool closed = h.fd < 0;
      if (!closed && (polls[i].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        char buffer[4096];
        closed = ::recv(h.fd, buffer, sizeof buffer, MSG_DONTWAIT) <= 0;
      }
      if (!closed && h.trickle && testing::seconds_since(h.last_line) >= 1.0) {
        static constexpr char line[] = "X-Trickle: 1\r\n";
        closed = ::send(h.fd, line, sizeof line - 1, MSG_NOSIGNAL) <= 0;
        h.last_line = Clock::now();
      }
      if (closed) {
        if (h.fd >= 0) {
          (h.trickle ? trickle_cut_s : idle_cut_s).push_back(testing::seconds_since(h.opened));
          ::close(h.fd);
        }
        open(h);
      }
    }
  }
  int open_now = 0;
  for (const Held& h : held) open_now += h.fd >= 0 ? 1 : 0;
  std::printf("held: %d idle + %d trickling for %.0f s (%d open at the end, %d opens failed); the server cut %zu idle "
              "(after %.1f to %.1f s, median %.1f s) and %zu trickling (after %.1f to %.1f s, median %.1f s)\n",
              idle, trickle, seconds, open_now, failed_opens, idle_cut_s.size(), percentile(idle_cut_s, 0), percentile(idle_cut_s, 1),
              percentile(idle_cut_s, 0.5), trickle_cut_s.size(), percentile(trickle_cut_s, 0), percentile(trickle_cut_s, 1),
              percentile(trickle_cut_s, 0.5));
  for (Held& h : held) {
    if (h.fd >= 0) ::close(h.fd);
  }
  return 0;
}
