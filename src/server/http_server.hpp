// server/http_server.hpp: serves an Api over HTTP/1.1 with cpp-httplib: a pool of worker threads
// (each keep-alive connection holds one while it is open), request size limits and timeouts.
#pragma once
#include <memory>
#include <string>

#include "server/api.hpp"

namespace landbridge::server {

struct HttpOptions {
  std::string host = "127.0.0.1";  // loopback unless asked otherwise
  int port = 8080;                 // 0: any free port (see bind())
  int threads = 16;                // worker threads = connections served at once
  int read_timeout_s = 5;          // for a request's line, headers and body
  int write_timeout_s = 5;
  int keep_alive_timeout_s = 5;    // an idle keep-alive connection is closed after this
  int keep_alive_max_requests = 10'000;
  std::size_t max_uri_bytes = 8192;  // fixed by cpp-httplib 0.11 (CPPHTTPLIB_REQUEST_URI_MAX_LENGTH): 414 beyond
};

class HttpServer {
 public:
  // `api` must outlive the server.
  HttpServer(const Api& api, HttpOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the socket; returns the port (the chosen one for port 0). Throws InputError (field
  // "--host"/"--port") when the address cannot be bound.
  int bind();
  // Answers requests until stop(); call bind() first.
  void run();
  // Makes run() return; callable from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace landbridge::server
