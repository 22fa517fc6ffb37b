#include "sweep/work.hpp"

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace landbridge::sweep {
namespace {

// Messages between a process and the root. To the root: a kind, how many items it wants, and the
// results it has finished since its last message. From the root: items (none: no more work).
enum class Kind : std::uint8_t { more = 1, finished = 2 };

template <typename T>
void put(std::string& bytes, T value) {
  bytes.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T>
T get(std::string_view bytes, std::size_t& offset) {
  if (bytes.size() - offset < sizeof(T)) throw std::runtime_error("sweep: truncated work message between processes");
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  offset += sizeof(T);
  return value;
}

std::string request_message(Kind kind, std::uint32_t wanted, const std::vector<std::string>& results) {
  std::string bytes;
  put(bytes, static_cast<std::uint8_t>(kind));
  put(bytes, wanted);
  put(bytes, static_cast<std::uint32_t>(results.size()));
  for (const std::string& r : results) {
    put(bytes, static_cast<std::uint32_t>(r.size()));
    bytes += r;
  }
  return bytes;
}

struct Request {
  Kind kind = Kind::more;
  std::uint32_t wanted = 0;
};

Request read_request(std::string_view bytes, std::vector<std::string>& results) {
  std::size_t offset = 0;
  Request request;
  request.kind = static_cast<Kind>(get<std::uint8_t>(bytes, offset));
  request.wanted = get<std::uint32_t>(bytes, offset);
  const auto count = get<std::uint32_t>(bytes, offset);
  for (std::uint32_t i = 0; i < count; ++i) {
    const auto size = get<std::uint32_t>(bytes, offset);
    if (bytes.size() - offset < size) throw std::runtime_error("sweep: truncated work message between processes");
    results.emplace_back(bytes.substr(offset, size));
    offset += size;
  }
  return request;
}

// What a process's worker threads share with its calling thread.
class Local {
 public:
  // The root's workers take items straight from `order`; the others' from what the root sent.
  Local(bool root, std::span<const std::uint64_t> order) : root_(root), order_(order) {}

  // Runs on each worker thread until there is no more work (or an error).
  void work(const std::function<std::string(std::uint64_t)>& evaluate) {
    for (;;) {
      std::uint64_t item = 0;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return failure_ || available() || no_more(); });
        if (failure_ || !available()) return;
        item = take();
        ++running_;
        changed_.notify_all();  // the calling thread may want to ask for more
      }
      std::string result;
      try {
        result = evaluate(item);
      } catch (...) {
        const std::lock_guard lock(mutex_);
        if (!failure_) failure_ = std::current_exception();
        changed_.notify_all();
        return;
      }
      const std::lock_guard lock(mutex_);
      results_.push_back(std::move(result));
      --running_;
      changed_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  // Under mutex_:
  [[nodiscard]] bool available() const { return root_ ? cursor_ < order_.size() : !queue_.empty(); }
  [[nodiscard]] bool no_more() const { return root_ ? cursor_ >= order_.size() : no_more_; }
  [[nodiscard]] bool all_done() const { return no_more() && !available() && running_ == 0; }
  std::uint64_t take() {
    if (root_) return order_[cursor_++];
    const std::uint64_t item = queue_.front();
    queue_.pop_front();
    return item;
  }
  std::deque<std::uint64_t> queue_;  // not the root: items received, not yet taken
  bool no_more_ = false;             // not the root: the root has nothing more to send
  std::size_t cursor_ = 0;           // the root: next position in order_
  std::size_t running_ = 0;
  std::vector<std::string> results_;  // finished, not yet passed on
  std::exception_ptr failure_;

 private:
  const bool root_;
  const std::span<const std::uint64_t> order_;
};

// Starts the workers; joins them when destroyed (after an error too).
class Workers {
 public:
  Workers(Local& local, int threads, const std::function<std::string(std::uint64_t)>& evaluate) {
    for (int t = 0; t < threads; ++t) pool_.emplace_back([&local, &evaluate] { local.work(evaluate); });
  }

 private:
  std::vector<std::jthread> pool_;
};

void coordinate_root(ProcessGroup& group, Local& local, std::span<const std::uint64_t> order, const WorkSettings& settings,
                     const std::function<void(std::vector<std::string>&)>& deliver) {
  const int others = group.size() - 1;
  int finished = 0;
  std::vector<std::string> pending;
  for (;;) {
    // Other processes' results and requests for more.
    while (others > 0) {
      std::optional<ProcessGroup::Message> message = group.poll();
      if (!message) break;
      const Request request = read_request(message->bytes, pending);
      if (request.kind == Kind::finished) {
        ++finished;
        continue;
      }
      std::string items;
      {
        const std::lock_guard lock(local.mutex_);
        for (std::uint32_t k = 0; k < request.wanted && local.cursor_ < order.size(); ++k) put(items, order[local.cursor_++]);
      }
      group.send(message->from, items);
    }
    bool done = false;
    {
      std::unique_lock lock(local.mutex_);
      if (local.failure_) std::rethrow_exception(local.failure_);
      for (std::string& r : local.results_) pending.push_back(std::move(r));
      local.results_.clear();
      done = local.all_done() && finished == others;
      if (!done && pending.size() < settings.deliver_every) {
        // Wake for a finished item or an error; with other processes also every 2 ms to answer them
        // (each holds at least one item per thread in reserve, so none waits for the answer).
        const bool own_work_done = local.all_done();
        const auto woken = [&] { return local.failure_ || !local.results_.empty() || (!own_work_done && local.all_done()); };
        if (others > 0) local.changed_.wait_for(lock, std::chrono::milliseconds(2), woken);
        else local.changed_.wait(lock, woken);
      }
    }
    if (!pending.empty() && (done || pending.size() >= settings.deliver_every)) {
      deliver(pending);
      pending.clear();
    }
    if (done) return;
  }
}

void coordinate_other(ProcessGroup& group, Local& local, const WorkSettings& settings) {
  // Keep at least one queued item per thread, so no thread waits for the root's answer.
  const std::size_t low = static_cast<std::size_t>(settings.threads), high = 2 * low;
  auto receive_items = [&] {
    // Wait for the root's answer without spinning in the MPI library (it yields, but still takes a
    // core's share from this process's workers): the root answers within its polling interval.
    std::optional<ProcessGroup::Message> answer;
    while (!(answer = group.poll())) std::this_thread::sleep_for(std::chrono::microseconds(100));
    const std::string& items = answer->bytes;
    const std::lock_guard lock(local.mutex_);
    if (items.empty()) local.no_more_ = true;
    for (std::size_t offset = 0; offset < items.size();) local.queue_.push_back(get<std::uint64_t>(items, offset));
    local.changed_.notify_all();
  };
  group.send(0, request_message(Kind::more, static_cast<std::uint32_t>(high), {}));
  receive_items();
  for (;;) {
    std::vector<std::string> results;
    bool more = false;
    std::uint32_t wanted = 0;
    {
      std::unique_lock lock(local.mutex_);
      local.changed_.wait(lock, [&] { return local.failure_ || (!local.no_more_ && local.queue_.size() < low) || local.all_done(); });
      if (local.failure_) std::rethrow_exception(local.failure_);
      results.swap(local.results_);
      more = !local.no_more_;
      wanted = static_cast<std::uint32_t>(high - local.queue_.size());
    }
    if (!more) {
      group.send(0, request_message(Kind::finished, 0, results));
      return;
    }
    group.send(0, request_message(Kind::more, wanted, results));
    receive_items();
  }
}

}  // namespace

void share_work(ProcessGroup& group, std::span<const std::uint64_t> order, const WorkSettings& settings,
                const std::function<std::string(std::uint64_t item)>& evaluate,
                const std::function<void(std::vector<std::string>& results)>& deliver) {
  if (settings.threads < 1) throw std::invalid_argument("share_work: at least one thread");
  Local local(group.is_root(), order);
  Workers workers(local, settings.threads, evaluate);
  try {
    if (group.is_root()) coordinate_root(group, local, order, settings, deliver);
    else coordinate_other(group, local, settings);
    // No process leaves before the root has taken every message of this round: a process that went
    // on to the next share_work (the criticality round after the samples, with only a gather between,
    // which does not wait for the root) would send its requests while the root still reads this
    // round's, and the two rounds' messages would mix (seen as a deadlock under load).
    if (group.size() > 1) (void)group.broadcast(std::string());
  } catch (...) {
    // Stop the workers before they are joined.
    const std::lock_guard lock(local.mutex_);
    if (!local.failure_) local.failure_ = std::current_exception();
    local.changed_.notify_all();
    throw;
  }
}

}  // namespace landbridge::sweep
