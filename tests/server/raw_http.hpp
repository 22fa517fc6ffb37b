// tests/server/raw_http.hpp: a client on plain sockets for tests that must control every byte and
// every pause (trickling headers, half-sent requests, pipelining, never reading), with a deadline on
// every wait, and a well-behaved client that measures the server's answers while the others misbehave.
#pragma once
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace landbridge::testing {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Lets this process hold as many sockets as the hard limit allows (the hostile tests open ~1,000).
inline void raise_open_file_limit() {
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    (void)::setrlimit(RLIMIT_NOFILE, &files);
  }
}

// A connection to 127.0.0.1:port from the loopback address `from` (127.0.0.2, ... stand for other
// clients: the server counts connections per client address). -1 when it fails.
inline int connect_to(int port, const char* from = "127.0.0.1", int receive_buffer_bytes = 0) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  if (receive_buffer_bytes > 0) ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer_bytes, sizeof receive_buffer_bytes);
  int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  sockaddr_in source{};
  source.sin_family = AF_INET;
  ::inet_pton(AF_INET, from, &source.sin_addr);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof source) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Sends as much of `data` as the server takes within `timeout_s` (it may stop reading); returns the bytes sent.
inline std::size_t send_for(int fd, std::string_view data, double timeout_s) {
  const int flags = ::fcntl(fd, F_GETFL);
  ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  std::size_t sent = 0;
  const auto start = Clock::now();
  while (sent < data.size() && seconds_since(start) < timeout_s) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
    } else if (errno != EAGAIN) {
      break;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  ::fcntl(fd, F_SETFL, flags);
  return sent;
}

inline bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// True when the server has closed the connection (end of stream or reset) within `timeout_s`;
// anything it sends meanwhile is appended to `received` (if given).
inline bool closed_within(int fd, double timeout_s, std::string* received = nullptr) {
  const auto start = Clock::now();
  char buffer[16384];
  while (seconds_since(start) < timeout_s) {
    pollfd p{fd, POLLIN, 0};
    const int wait_ms = std::max(1, static_cast<int>((timeout_s - seconds_since(start)) * 1000));
    if (::poll(&p, 1, wait_ms) <= 0) continue;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return true;
    if (received != nullptr) received->append(buffer, static_cast<std::size_t>(n));
  }
  return false;
}

struct Reply {
  int status = 0;  // 0: no complete answer (timeout, closed, or not HTTP)
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
  [[nodiscard]] std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// Reads one answer (status line, headers, Content-Length body) from `fd`; `pending` keeps the bytes
// read past it (pipelined answers) for the next call.
inline Reply read_reply(int fd, std::string& pending, double timeout_s) {
  Reply reply;
  const auto start = Clock::now();
  auto fill = [&]() {
    pollfd p{fd, POLLIN, 0};
    const int wait_ms = static_cast<int>((timeout_s - seconds_since(start)) * 1000);
    if (wait_ms <= 0 || ::poll(&p, 1, wait_ms) <= 0) return false;
    char buffer[16384];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    pending.append(buffer, static_cast<std::size_t>(n));
    return true;
  };
  std::size_t end = 0;
  while ((end = pending.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) return reply;
  }
  const std::string head = pending.substr(0, end);
  std::size_t line_end = head.find("\r\n");
  const std::string status_line = head.substr(0, line_end);
  if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12) return reply;
  std::size_t length = 0;
  while (line_end != std::string::npos && line_end < head.size()) {
    const std::size_t next = head.find("\r\n", line_end + 2);
    const std::string line = head.substr(line_end + 2, next == std::string::npos ? std::string::npos : next - line_end - 2);
    line_end = next;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    if (name == "content-length") length = std::stoul(value);
    reply.headers[name] = value;
  }
  while (pending.size() < end + 4 + length) {
    if (!fill()) return reply;
  }
  reply.body = pending.substr(end + 4, length);
  pending.erase(0, end + 4 + length);
  reply.status = std::stoi(status_line.substr(9, 3));
  return reply;
}

inline std::string get_request(const std::string& target, bool close = false) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
}

// One request on a new connection.
inline Reply request_once(int port, const std::string& request, double timeout_s = 10, const char* from = "127.0.0.1") {
  const int fd = connect_to(port, from);
  if (fd < 0) return {};
  std::string pending;
  Reply reply = send_all(fd, request) ? read_reply(fd, pending, timeout_s) : Reply{};
  ::close(fd);
  return reply;
}

// A well-behaved client in a thread of its own: asks /health and /v1/route in turn on a keep-alive
// connection (a new one when the server closes it) every few milliseconds, and records how long
// each answer took and any that did not come.
class Prober {
 public:
  explicit Prober(int port) : port_(port), thread_([this] { run(); }) {}
  ~Prober() { stop(); }
  Prober(const Prober&) = delete;
  Prober& operator=(const Prober&) = delete;

  void stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
  }
  struct Summary {
    int answered = 0, failed = 0;
    double worst_s = 0;
    std::vector<std::string> failures;  // what went wrong, for the test's message
  };
  [[nodiscard]] Summary summary() {
    const std::lock_guard lock(mutex_);
    return summary_;
  }

 private:
  void run() {
    int fd = -1;
    std::string pending;
    for (int i = 0; !stopping_; ++i) {
      const std::string target = i % 2 == 0 ? "/health" : (i % 4 == 1 ? "/v1/route?from=CNCKG&to=DEDUI" : "/v1/route?from=Xian&to=Duisburg&optimize=cost");
      const auto start = Clock::now();
      if (fd < 0) {
        fd = connect_to(port_);
        pending.clear();
      }
      Reply reply;
      if (fd >= 0 && send_all(fd, get_request(target))) reply = read_reply(fd, pending, 10);
      const double took = seconds_since(start);
      {
        const std::lock_guard lock(mutex_);
        if (reply.status == 200) {
          ++summary_.answered;
        } else {
          ++summary_.failed;
          if (summary_.failures.size() < 5) {
            summary_.failures.push_back(target + ": status " + std::to_string(reply.status) + " after " + std::to_string(took) + " s");
          }
        }
        summary_.worst_s = std::max(summary_.worst_s, took);
      }
      if (reply.status != 200 || reply.header("connection") == "close") {
        if (fd >= 0) ::close(fd);
        fd = -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (fd >= 0) ::close(fd);
  }

  int port_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  Summary summary_;
  std::thread thread_;
};

}  // namespace landbridge::testing
