#include "server/http_server.hpp"

#include <exception>

#include <sys/socket.h>

#include <fmt/format.h>
#include <httplib.h>

#include "common/input_error.hpp"

namespace landbridge::server {

struct HttpServer::Impl {
  Impl(const Api& a, HttpOptions o) : api(a), options(std::move(o)) {}
  const Api& api;
  HttpOptions options;
  httplib::Server http;
};

namespace {

// The body is moved, not copied as set_content() would (route answers are several KB).
void send(Response&& answer, httplib::Response& response) {
  response.status = answer.status;
  if (!answer.allow.empty()) response.set_header("Allow", answer.allow);
  if (answer.retry_after_s > 0) response.set_header("Retry-After", std::to_string(answer.retry_after_s));
  response.set_header("X-Content-Type-Options", "nosniff");
  response.headers.erase("Content-Type");
  response.set_header("Content-Type", answer.content_type);
  response.body = std::move(answer.body);  // cpp-httplib leaves the body out of HEAD answers itself
}

// The JSON error for what cpp-httplib rejects itself, before any handler runs.
Response library_error(int status) {
  switch (status) {
    case 400: return error_response(400, "bad_request", "the request could not be parsed as HTTP/1.1");
    case 404: return error_response(404, "not_found", "no such endpoint (see docs/api.md)");
    case 413: return error_response(413, "payload_too_large", "the request body is larger than the server accepts");
    case 414: return error_response(414, "uri_too_long", "the request line is longer than 8192 bytes");
    case 416: return error_response(416, "range_not_satisfiable", "the requested range is not satisfiable");
    case 431: return error_response(431, "headers_too_large", "the request headers are too large");
    default: return error_response(status, "http_error", fmt::format("HTTP status {}", status));
  }
}

}  // namespace

HttpServer::HttpServer(const Api& api, HttpOptions options) : impl_(std::make_unique<Impl>(api, options)) {
  httplib::Server& http = impl_->http;
  const Impl* impl = impl_.get();
  const int threads = options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  http.set_payload_max_length(api.limits().max_body_bytes);
  http.set_read_timeout(options.read_timeout_s, 0);
  http.set_write_timeout(options.write_timeout_s, 0);
  http.set_keep_alive_timeout(options.keep_alive_timeout_s);
  http.set_keep_alive_max_count(static_cast<std::size_t>(options.keep_alive_max_requests));
  http.set_tcp_nodelay(true);
  // SO_REUSEADDR only: a restart may reuse a port in TIME_WAIT, but a second server on a port in use
  // fails instead of sharing it (cpp-httplib's default, SO_REUSEPORT, would let both listen).
  http.set_socket_options([](socket_t socket) {
    int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  auto handler = [impl](const httplib::Request& request, httplib::Response& response) {
    const std::string content_type = request.get_header_value("Content-Type");
    const Request r{request.method, request.path, request.params, request.body, content_type};
    send(impl->api.handle(r), response);
  };
  // Every method goes to the one dispatcher, which answers 405 for a known path and a wrong method.
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Patch(".*", handler);
  http.Delete(".*", handler);
  http.Options(".*", handler);
  http.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return;  // our own JSON error
    send(library_error(response.status), response);
  });
  http.set_exception_handler([](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
    std::string what = "unknown";
    try {
      if (error) std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "landbridge serve: internal error on %s %s: %s\n", request.method.c_str(), request.path.c_str(),
                 what.c_str());
    send(error_response(500, "internal", "internal error; the server's log says more"), response);
  });
}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
  const HttpOptions& o = impl_->options;
  if (o.port == 0) {
    const int port = impl_->http.bind_to_any_port(o.host);
    if (port <= 0) throw InputError("", "", "--host", fmt::format("cannot listen on {} (any port)", o.host));
    return port;
  }
  if (!impl_->http.bind_to_port(o.host, o.port)) {
    throw InputError("", "", "--port", fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", o.host, o.port));
  }
  return o.port;
}

void HttpServer::run() { impl_->http.listen_after_bind(); }

void HttpServer::stop() { impl_->http.stop(); }

}  // namespace landbridge::server
