// tests/server/server_process.hpp: `landbridge serve --port 0 ...` started for a test, on a free port of
// 127.0.0.1 (read from its first line), stopped by SIGTERM when the test is done.
#pragma once
#include <csignal>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace landbridge::testing {

class ServerProcess {
 public:
  explicit ServerProcess(std::vector<std::string> arguments) {
    int out[2];
    if (::pipe(out) != 0) return;
    arguments.insert(arguments.begin(), {LANDBRIDGE_BINARY, "serve", "--port", "0"});
    std::vector<char*> argv;
    for (std::string& a : arguments) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      ::execv(LANDBRIDGE_BINARY, argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    output_fd_ = out[0];
    // The first line names the port: "landbridge serve: listening on http://127.0.0.1:PORT/ ...".
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (output_.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      if (!read_output(200)) break;
    }
    first_line_ = output_.substr(0, output_.find('\n'));
    const std::string marker = "http://127.0.0.1:";
    if (const auto at = first_line_.find(marker); at != std::string::npos) port_ = std::stoi(first_line_.substr(at + marker.size()));
  }
  ~ServerProcess() {
    if (pid_ > 0 && !exited_) (void)stop(SIGTERM, 5);
    if (output_fd_ >= 0) ::close(output_fd_);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] const std::string& first_line() const { return first_line_; }
  [[nodiscard]] bool alive() const { return pid_ > 0 && !exited_ && ::waitpid(pid_, nullptr, WNOHANG) == 0; }
  // Everything the server printed on stdout so far (after stop(): all of it).
  [[nodiscard]] const std::string& output() const { return output_; }

  struct Exit {
    bool exited = false;  // false: still running after the wait (then killed), or killed by a signal
    int status = -1;
    double seconds = 0;   // from the signal to the exit
  };
  // Sends `signal` and waits up to `wait_s` for the exit; kills the server if it is still running then.
  Exit stop(int signal, double wait_s) {
    Exit result;
    if (pid_ <= 0 || exited_) return result;
    const auto start = std::chrono::steady_clock::now();
    ::kill(pid_, signal);
    int status = 0;
    pid_t done = 0;
    while ((done = ::waitpid(pid_, &status, WNOHANG)) == 0 &&
           std::chrono::steady_clock::now() - start < std::chrono::duration<double>(wait_s)) {
      (void)read_output(20);
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (done == 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
    } else {
      result.exited = WIFEXITED(status);
      result.status = result.exited ? WEXITSTATUS(status) : -1;
    }
    exited_ = true;
    while (read_output(0)) {
    }
    return result;
  }

  // Server's threads and resident memory, from /proc.
  [[nodiscard]] long status_field(const std::string& name) const {
    FILE* f = std::fopen(("/proc/" + std::to_string(pid_) + "/status").c_str(), "r");
    if (f == nullptr) return -1;
    char line[256];
    long value = -1;
    while (std::fgets(line, sizeof line, f) != nullptr) {
      if (std::string(line).rfind(name + ":", 0) == 0) value = std::atol(line + name.size() + 1);
    }
    std::fclose(f);
    return value;
  }
  [[nodiscard]] long threads() const { return status_field("Threads"); }
  [[nodiscard]] long rss_kb() const { return status_field("VmRSS"); }

 private:
  bool read_output(int timeout_ms) {
    pollfd fd{output_fd_, POLLIN, 0};
    if (::poll(&fd, 1, timeout_ms) <= 0) return timeout_ms > 0;  // nothing yet: not the end
    char buffer[4096];
    const ssize_t n = ::read(output_fd_, buffer, sizeof buffer);
    if (n <= 0) return false;
    output_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int port_ = 0;
  int output_fd_ = -1;
  bool exited_ = false;
  std::string first_line_, output_;
};

}  // namespace landbridge::testing
