#include "server/http_server.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_set>
#include <vector>

#include <sys/resource.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <fmt/format.h>

#include "common/input_error.hpp"
#include "server/query_string.hpp"

namespace landbridge::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

std::chrono::nanoseconds seconds(double s) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::duration<double>(s));
}

// After an answer that closes the connection: how long unread bytes from the client are drained
// before closing, so that closing with them unread (which makes the kernel send a reset) cannot
// throw away the end of the answer (nginx's lingering close).
constexpr auto linger_time = std::chrono::seconds(1);

Response too_many_connections(std::string_view why) {
  Response r = error_response(503, "too_many_connections", why);
  r.retry_after_s = 1;
  return r;
}

http::response<http::string_body> to_http(Response&& answer, unsigned version, bool keep_alive, bool head) {
  http::response<http::string_body> r;
  r.version(version);
  r.result(static_cast<unsigned>(answer.status));
  r.set(http::field::content_type, answer.content_type);
  r.set("X-Content-Type-Options", "nosniff");
  if (!answer.allow.empty()) r.set(http::field::allow, answer.allow);
  if (answer.retry_after_s > 0) r.set(http::field::retry_after, std::to_string(answer.retry_after_s));
  const std::size_t length = answer.body.size();
  if (!head) r.body() = std::move(answer.body);  // a HEAD answer: the same headers, no body
  r.content_length(length);
  r.keep_alive(keep_alive);
  return r;
}

// The bytes of a whole answer, for refusing a connection without reading from it.
std::string serialized(Response&& answer) {
  std::ostringstream out;
  out << to_http(std::move(answer), 11, false, false);
  return out.str();
}

bool is_http_error(const beast::error_code& ec) {
  return &ec.category() == &http::make_error_code(http::error::bad_method).category();
}

}  // namespace

struct HttpServer::Impl {
  Impl(const Api& a, HttpOptions o)
      : api(a),
        options(std::move(o)),
        effective_max_connections(options.max_connections),
        compare_slots(static_cast<int>(std::max(1, a.limits().compare.jobs) + std::max(0, a.limits().compare.queue))),
        loops(make_loops(options.io_threads)),
        acceptor(loops.front()->context),
        accept_retry(loops.front()->context),
        workers(static_cast<std::size_t>(std::max(1, options.threads))),
        compare_workers(static_cast<std::size_t>(compare_slots)) {}
  ~Impl();

  void accept();
  void admit(tcp::socket socket);
  [[nodiscard]] bool take_compare_slot();  // false: --compare-jobs + --compare-queue requests are in progress
  void release_compare_slot();
  void stop_accepting_and_idle();
  void closed(Connection* connection, const net::ip::address& client);

  const Api& api;
  const HttpOptions options;
  int effective_max_connections;
  const int compare_slots;  // comparison requests in progress at once (--compare-jobs + --compare-queue)
  std::atomic<int> compares_in_progress{0};
  std::atomic<bool> stopping{false};
  std::string refused_total, refused_per_client;  // prebuilt 503 answers

  // Guards the counts and the list of open connections; `drained` is signalled when a connection closes.
  std::mutex mutex;
  std::condition_variable drained;
  int connections = 0;
  std::map<net::ip::address, int> per_client;
  std::unordered_set<Connection*> open;

  // One event loop per I/O thread; a connection stays on one loop for life, so its steps need no
  // locks and wake no other thread. Declared after what connections use when they close: destroyed
  // first, with the handlers they hold.
  struct Loop {
    net::io_context context{1};
    std::optional<net::executor_work_guard<net::io_context::executor_type>> keep_running{context.get_executor()};
    std::thread thread;
  };
  static std::vector<std::unique_ptr<Loop>> make_loops(int count) {
    std::vector<std::unique_ptr<Loop>> loops;
    for (int i = 0; i < std::max(1, count); ++i) loops.push_back(std::make_unique<Loop>());
    return loops;
  }
  void stop_loops();
  std::vector<std::unique_ptr<Loop>> loops;
  std::size_t next_loop = 0;  // new connections go to the loops in turn
  tcp::acceptor acceptor;     // on the first loop
  net::steady_timer accept_retry;
  net::thread_pool workers;
  net::thread_pool compare_workers;  // blocked while a comparison is computed: never the route workers
};

// One client connection, on one event loop for life. Each request goes through: wait (idle between
// keep-alive requests) -> header -> body -> handling (on a worker) -> writing -> wait again, or a
// closing answer followed by a short drain. Every step but handling has a deadline.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(HttpServer::Impl& server, tcp::socket socket, net::ip::address client)
      : server_(server), stream_(std::move(socket)), client_(std::move(client)), buffer_(buffer_limit(server.options)) {}
  ~Connection() { server_.closed(this, client_); }

  void start() {
    beast::error_code ignored;
    stream_.socket().set_option(tcp::no_delay(true), ignored);
    read_header();  // a new connection's first request: the header deadline runs from the accept
  }

  [[nodiscard]] auto get_executor() { return stream_.get_executor(); }

  // The server is stopping: drop the connection unless an answer is on its way (that one closes it).
  void stop() {
    if (state_ == State::waiting || state_ == State::reading) stream_.cancel();
  }

 private:
  enum class State { waiting, reading, handling, writing, closing };

  static std::size_t header_limit(const HttpOptions& o) { return o.max_request_line_bytes + o.max_header_bytes + 4; }
  static std::size_t buffer_limit(const HttpOptions& o) { return header_limit(o) + 64 * 1024; }

  // Between keep-alive requests: wait for the next one's first bytes (pipelined ones may be here already).
  void wait_for_request() {
    if (server_.stopping) return close();
    if (buffer_.size() > 0) return read_header();
    // An idle connection keeps no more than a small buffer, whatever its last request needed.
    if (buffer_.capacity() > 16 * 1024) buffer_.shrink_to_fit();
    state_ = State::waiting;
    stream_.expires_after(seconds(server_.options.keep_alive_timeout_s));
    const std::size_t chunk = std::clamp<std::size_t>(buffer_.capacity(), 512, 16 * 1024);
    stream_.async_read_some(buffer_.prepare(chunk), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      if (ec) return self->close();  // idle too long, closed by the client, or the server stopping
      self->buffer_.commit(n);
      self->read_header();
    });
  }

  void read_header() {
    state_ = State::reading;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(header_limit(server_.options)));
    parser_->body_limit(server_.api.limits().max_body_bytes);
    stream_.expires_after(seconds(server_.options.header_timeout_s));
    http::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->on_header(ec, n);
    });
  }

  void on_header(beast::error_code ec, std::size_t header_bytes) {
    if (ec) return refuse(ec);
    const http::request<http::string_body>& request = parser_->get();
    const HttpOptions& o = server_.options;
    const std::size_t line_bytes = request.method_string().size() + request.target().size() + 11;  // "M T HTTP/1.1\r\n"
    if (line_bytes > o.max_request_line_bytes) return uri_too_long();
    const auto fields = static_cast<std::size_t>(std::distance(request.begin(), request.end()));
    if (header_bytes > line_bytes + o.max_header_bytes || fields > static_cast<std::size_t>(o.max_headers)) {
      return headers_too_large();
    }
    if (parser_->is_done()) return handle();
    if (beast::iequals(request[http::field::expect], "100-continue")) {
      // The client waits for this before sending its body (curl does for large bodies).
      static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
      stream_.expires_after(seconds(o.write_timeout_s));
      net::async_write(stream_, net::buffer(go_on.data(), go_on.size()), [self = shared_from_this()](beast::error_code e, std::size_t) {
        if (e) return self->close();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  void read_body() {
    stream_.expires_after(seconds(server_.options.body_timeout_s));
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->refuse(ec);
      self->handle();
    });
  }

  // A request that could not be read: answered when the client can still be told something useful,
  // else just closed (timed out, gone, or the server stopping).
  void refuse(beast::error_code ec) {
    if (ec == http::error::header_limit) {
      // Beast fills the target once the whole request line is in: without one, the line is too long.
      return parser_->get().target().empty() ? uri_too_long() : headers_too_large();
    }
    if (ec == http::error::body_limit) {
      return answer_and_close(error_response(413, "payload_too_large",
                                             fmt::format("the request body is larger than the server accepts ({} bytes; "
                                                         "--max-body-bytes)",
                                                         server_.api.limits().max_body_bytes)));
    }
    if (ec == http::error::end_of_stream || ec == http::error::partial_message || !is_http_error(ec) || server_.stopping) {
      return close();
    }
    answer_and_close(error_response(400, "bad_request", fmt::format("the request could not be parsed as HTTP/1.1: {}", ec.message())));
  }

  void uri_too_long() {
    answer_and_close(error_response(
        414, "uri_too_long", fmt::format("the request line is longer than {} bytes", server_.options.max_request_line_bytes)));
  }
  void headers_too_large() {
    answer_and_close(error_response(431, "headers_too_large",
                                    fmt::format("the request has more than {} bytes or {} fields of headers",
                                                server_.options.max_header_bytes, server_.options.max_headers)));
  }

  // What a request asks, owned (the parser is reused for the next request meanwhile).
  struct Work {
    std::string method;
    Target target;
    std::string content_type, body;
  };

  void handle() {
    state_ = State::handling;
    http::request<http::string_body>& request = parser_->get();
    keep_alive_ = request.keep_alive() && server_.options.keep_alive_timeout_s > 0;
    head_ = request.method() == http::verb::head;
    version_ = request.version();
    Work work{std::string(request.method_string()), parse_target({request.target().data(), request.target().size()}),
              std::string(request[http::field::content_type]),
              std::move(request.body())};
    parser_.reset();
    // Answered here, on the event loop, unless it may take long: tables (up to --max-matrix-cells
    // routes) go to the workers, comparisons (which wait up to --compare-timeout) to their own pool.
    // Handing every request to a pool and back cost two thread wake-ups: 50 % more CPU per route.
    if (work.target.path == "/v1/table") {
      net::post(server_.workers, [self = shared_from_this(), work = std::move(work)] { self->answer_later(work); });
      return;
    }
    if (work.target.path == "/v1/compare" && work.method == "POST") {
      if (!server_.take_compare_slot()) {
        Response busy = error_response(503, "busy",
                                       fmt::format("{} comparison requests are in progress, the most this server takes "
                                                   "(--compare-jobs + --compare-queue); try again shortly",
                                                   server_.compare_slots));
        busy.retry_after_s = 2;
        return respond(std::move(busy));
      }
      net::post(server_.compare_workers, [self = shared_from_this(), work = std::move(work)] {
        self->answer_later(work);
        self->server_.release_compare_slot();
      });
      return;
    }
    respond(answer(work));
  }

  // Never throws: a bug in the API is a 500 for this request, not the end of the server.
  [[nodiscard]] Response answer(const Work& work) const {
    try {
      return server_.api.handle(Request{work.method, work.target.path, work.target.params, work.body, work.content_type});
    } catch (const std::exception& e) {
      std::fprintf(stderr, "landbridge serve: internal error on %s %s: %s\n", work.method.c_str(), work.target.path.c_str(), e.what());
      return error_response(500, "internal", "internal error; the server's log says more");
    }
  }

  // On a pool thread: the answer goes back to the connection's event loop to be written.
  void answer_later(const Work& work) {
    net::post(stream_.get_executor(), [self = shared_from_this(), answer = answer(work)]() mutable { self->respond(std::move(answer)); });
  }

  void respond(Response&& answer) {
    state_ = State::writing;
    if (server_.stopping) keep_alive_ = false;
    response_ = to_http(std::move(answer), version_, keep_alive_, head_);
    stream_.expires_after(seconds(server_.options.write_timeout_s));
    http::async_write(stream_, response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->response_ = {};
      if (ec) return self->close();  // the client did not take the answer in time, or is gone
      if (!self->keep_alive_) return self->linger();
      self->wait_for_request();
    });
  }

  void answer_and_close(Response&& answer) {
    keep_alive_ = false;
    head_ = false;
    version_ = 11;
    parser_.reset();
    respond(std::move(answer));
  }

  // The answer is out: say we are done writing, drain what the client still sends, then close.
  void linger() {
    state_ = State::closing;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(linger_time);
    drain();
  }
  void drain() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(4096), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->close();  // the client closed too (or the linger time is over)
      self->drain();
    });
  }

  void close() {
    state_ = State::closing;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  HttpServer::Impl& server_;
  beast::tcp_stream stream_;
  net::ip::address client_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  State state_ = State::reading;
  bool keep_alive_ = false;
  bool head_ = false;
  unsigned version_ = 11;
};

// A comparison request holds a thread while it waits for its answer (up to --compare-timeout):
// only as many are taken as the comparison pool has threads, so none waits unseen in a queue.
bool HttpServer::Impl::take_compare_slot() {
  if (compares_in_progress.fetch_add(1) < compare_slots) return true;
  --compares_in_progress;
  return false;
}

void HttpServer::Impl::release_compare_slot() { --compares_in_progress; }

void HttpServer::Impl::accept() {
  net::io_context& loop = loops[next_loop++ % loops.size()]->context;
  acceptor.async_accept(loop, [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
    if (ec == net::error::no_descriptors || ec.value() == ENFILE || ec == net::error::no_buffer_space ||
        ec == net::error::no_memory) {
      // Out of file descriptors (other processes, or a limit below ours): try again shortly
      // instead of spinning on the error.
      accept_retry.expires_after(std::chrono::milliseconds(50));
      accept_retry.async_wait([this](beast::error_code e) {
        if (!e) accept();
      });
      return;
    }
    if (!ec) admit(std::move(socket));
    accept();
  });
}

void HttpServer::Impl::admit(tcp::socket socket) {
  beast::error_code ec;
  const tcp::endpoint peer = socket.remote_endpoint(ec);
  if (ec) return;  // gone already
  const std::string* refusal = nullptr;
  {
    const std::lock_guard lock(mutex);
    int& from_client = per_client[peer.address()];
    if (connections >= effective_max_connections) {
      refusal = &refused_total;
    } else if (from_client >= options.max_connections_per_client) {
      refusal = &refused_per_client;
    } else {
      ++connections;
      ++from_client;
    }
    if (refusal != nullptr && from_client == 0) per_client.erase(peer.address());
  }
  if (refusal != nullptr) {
    // Answered without reading: the socket is fresh, so its send buffer takes the whole answer at once.
    socket.non_blocking(true, ec);
    net::write(socket, net::buffer(*refusal), ec);
    socket.shutdown(tcp::socket::shutdown_send, ec);
    char discard[4096];
    while (socket.read_some(net::buffer(discard), ec) > 0) {
    }
    socket.close(ec);
    return;
  }
  auto connection = std::make_shared<Connection>(*this, std::move(socket), peer.address());
  {
    const std::lock_guard lock(mutex);
    open.insert(connection.get());
  }
  connection->start();
}

void HttpServer::Impl::closed(Connection* connection, const net::ip::address& client) {
  const std::lock_guard lock(mutex);
  if (open.erase(connection) == 0) return;
  --connections;
  if (const auto it = per_client.find(client); it != per_client.end() && --it->second <= 0) per_client.erase(it);
  if (connections == 0) drained.notify_all();
}

void HttpServer::Impl::stop_accepting_and_idle() {
  stopping = true;
  net::post(acceptor.get_executor(), [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
    accept_retry.cancel();
    const std::lock_guard lock(mutex);
    for (Connection* c : open) {
      // A connection being destroyed (waiting for this lock) has no owner left: lock() gives null.
      if (std::shared_ptr<Connection> owner = c->weak_from_this().lock()) {
        net::post(owner->get_executor(), [owner] { owner->stop(); });
      }
    }
  });
}

void HttpServer::Impl::stop_loops() {
  for (auto& loop : loops) {
    loop->keep_running.reset();
    loop->context.stop();
  }
  for (auto& loop : loops) {
    if (loop->thread.joinable()) loop->thread.join();
  }
}

HttpServer::Impl::~Impl() {
  stopping = true;
  api.stop_comparisons();  // lets blocked comparison threads go
  stop_loops();
  workers.join();
  compare_workers.join();
}

HttpServer::HttpServer(const Api& api, HttpOptions options) : impl_(std::make_unique<Impl>(api, std::move(options))) {
  impl_->refused_total = serialized(too_many_connections(fmt::format(
      "the server has {} connections open, the most it takes (--max-connections); try again shortly",
      impl_->options.max_connections)));
  impl_->refused_per_client = serialized(too_many_connections(
      fmt::format("this client address has {} connections open, the most the server takes from one (--max-connections-per-client)",
                  impl_->options.max_connections_per_client)));
}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
  Impl& s = *impl_;
  const HttpOptions& o = s.options;
  // Each connection is a file descriptor: raise the soft limit as far as the hard one allows, and
  // keep the connection limit below it (with room for the files the server opens itself).
  constexpr int spare_files = 64;
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0) {
    const rlim_t wanted = static_cast<rlim_t>(o.max_connections) + spare_files + static_cast<rlim_t>(s.compare_slots);
    if (files.rlim_cur != RLIM_INFINITY && files.rlim_cur < wanted) {
      files.rlim_cur = files.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, files.rlim_max);
      (void)::setrlimit(RLIMIT_NOFILE, &files);
      (void)::getrlimit(RLIMIT_NOFILE, &files);
    }
    if (files.rlim_cur != RLIM_INFINITY && files.rlim_cur < wanted) {
      s.effective_max_connections = std::max(1, static_cast<int>(files.rlim_cur) - spare_files - s.compare_slots);
      std::fprintf(stderr, "landbridge serve: warning: this process may open %llu files; at most %d connections (--max-connections %d)\n",
                   static_cast<unsigned long long>(files.rlim_cur), s.effective_max_connections, o.max_connections);
    }
  }
  beast::error_code ec;
  const net::ip::address address = net::ip::make_address(o.host, ec);
  if (ec) throw InputError("", "", "--host", fmt::format("expected an IP address such as 127.0.0.1 or ::, got \"{}\"", o.host));
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(o.port));
  // SO_REUSEADDR only: a restart may reuse a port in TIME_WAIT, but a second server on a port in use
  // fails instead of sharing it.
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    s.acceptor.close(ignored);
    if (o.port == 0) throw InputError("", "", "--host", fmt::format("cannot listen on {} (any port): {}", o.host, ec.message()));
    throw InputError("", "", "--port",
                     fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", o.host, o.port));
  }
  return s.acceptor.local_endpoint().port();
}

void HttpServer::start() {
  Impl& s = *impl_;
  s.accept();
  for (auto& loop : s.loops) loop->thread = std::thread([&context = loop->context] { context.run(); });
}

int HttpServer::shutdown() {
  Impl& s = *impl_;
  const auto start = Clock::now();
  // Comparisons get the deadline less the time their answers need to go out: 1 s, or a fifth of it.
  const double shutdown_s = s.options.shutdown_timeout_s;
  const auto cancel_at = start + seconds(std::max(0.0, shutdown_s - std::max(1.0, 0.2 * shutdown_s)));
  const auto deadline = start + seconds(s.options.shutdown_timeout_s);
  s.stop_accepting_and_idle();
  int left = 0;
  {
    std::unique_lock lock(s.mutex);
    if (!s.drained.wait_until(lock, cancel_at, [&] { return s.connections == 0; })) {
      lock.unlock();
      s.api.stop_comparisons();  // answered 503 shutting_down within one equilibrium iteration
      lock.lock();
      s.drained.wait_until(lock, deadline, [&] { return s.connections == 0; });
    }
    left = s.connections;
  }
  s.stop_loops();  // what is left open is closed when its handlers are destroyed with the server
  s.api.stop_comparisons();
  s.workers.join();
  s.compare_workers.join();
  return left;
}

int HttpServer::max_connections() const { return impl_->effective_max_connections; }

}  // namespace landbridge::server
