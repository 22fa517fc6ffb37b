// server/http_server.hpp: serves an Api over HTTP/1.1 with Boost.Beast on an Asio event loop. A
// few I/O threads own every socket, so a connection that is idle, slow or silent costs memory and a
// timer but no thread. Quick requests (routes, nodes, health, the page) are answered on those threads;
// tables on a pool of worker threads, comparisons on a pool of their own. Every wait has a deadline and every count a limit (docs/api.md lists them with defaults).
#pragma once
#include <cstddef>
#include <memory>
#include <string>

#include "server/api.hpp"

namespace landbridge::server {

class Connection;

struct HttpOptions {
  std::string host = "127.0.0.1";  // loopback unless asked otherwise
  int port = 8080;                 // 0: any free port (see bind())
  int io_threads = 4;              // event loops, one thread each: sockets, HTTP parsing, deadlines, the quick answers
  int threads = 2;                 // worker threads for answers that may take long (/v1/table)
  double header_timeout_s = 10;    // a request's line and headers must arrive within this, from its first byte
  double body_timeout_s = 30;      // its body within this, from the end of the headers
  double keep_alive_timeout_s = 5; // an idle connection between requests is closed after this; 0: one request each
  double write_timeout_s = 5;      // an answer must be taken by the client within this
  double shutdown_timeout_s = 10;  // shutdown(): requests in flight may finish within this
  int max_connections = 10'000;            // open at once in total; more are answered 503 and closed
  int max_connections_per_client = 256;    // open at once from one client address
  std::size_t max_header_bytes = 16 * 1024;  // the header fields, without the request line: 431 beyond
  int max_headers = 100;                     // header fields in one request: 431 beyond
  std::size_t max_request_line_bytes = 8192; // 414 beyond
};

class HttpServer {
 public:
  // `api` must outlive the server.
  HttpServer(const Api& api, HttpOptions options);
  // Stops at once if shutdown() was not called: open connections are closed.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the socket; returns the port (the chosen one for port 0). Throws InputError (field
  // "--host"/"--port") when the address cannot be bound.
  int bind();
  // Starts answering on the I/O and worker threads; returns at once. Call bind() first.
  void start();
  // Graceful stop: stops accepting, closes idle and half-received connections, lets requests being
  // answered finish (each answer then closes its connection), for at most shutdown_timeout_s:
  // comparisons still running 1 s (or a fifth of it) before its end are stopped (503
  // shutting_down), and connections still open at the end are closed. Returns how many were closed
  // that way (0: everything finished).
  int shutdown();

  // The connection limit in force: max_connections, lowered when the process may not open that many
  // files (RLIMIT_NOFILE, raised as far as allowed by bind()).
  [[nodiscard]] int max_connections() const;

 private:
  struct Impl;
  friend class Connection;  // one client's connection (http_server.cpp)
  std::unique_ptr<Impl> impl_;
};

}  // namespace landbridge::server
