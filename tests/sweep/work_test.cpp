// Work dealt out to threads and processes (sweep/work.hpp) without MPI: "processes" are threads
// that talk through in-memory mailboxes. Every item is evaluated exactly once and reaches the root,
// whatever the process and thread counts; a slow item does not hold up the others; an error on a
// worker thread comes back to its process.
#include "sweep/work.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace landbridge::sweep {
namespace {

// Mailboxes of a group of processes that are threads of this test.
class Post {
 public:
  explicit Post(int size) : boxes_(static_cast<std::size_t>(size)) {}
  void send(int from, int to, const std::string& bytes) {
    const std::lock_guard lock(mutex_);
    boxes_[static_cast<std::size_t>(to)].push_back(ProcessGroup::Message{from, bytes});
  }
  std::optional<ProcessGroup::Message> poll(int to) {
    const std::lock_guard lock(mutex_);
    auto& box = boxes_[static_cast<std::size_t>(to)];
    if (box.empty()) return std::nullopt;
    ProcessGroup::Message m = std::move(box.front());
    box.pop_front();
    return m;
  }
  // MPI_Bcast from rank 0: the others wait for the root's value (their n-th broadcast gets its n-th).
  std::string broadcast(int rank, const std::string& value) {
    std::unique_lock lock(mutex_);
    if (rank == 0) {
      sent_.push_back(value);
      arrived_.notify_all();
      return value;
    }
    std::size_t& n = received_[rank];
    arrived_.wait(lock, [&] { return sent_.size() > n; });
    return sent_[n++];
  }

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<std::deque<ProcessGroup::Message>> boxes_;
  std::vector<std::string> sent_;
  std::map<int, std::size_t> received_;
};

class MemoryGroup final : public ProcessGroup {
 public:
  MemoryGroup(Post& post, int rank, int size) : post_(post), rank_(rank), size_(size) {}
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  int local_size() const override { return size_; }
  // As MPI_Gather lets a non-root rank go on at once (eager sends), this one does not wait either.
  std::vector<std::string> gather(const std::string&) override { return {}; }
  std::string broadcast(const std::string& value) override { return post_.broadcast(rank_, value); }
  void send(int to, const std::string& bytes) override { post_.send(rank_, to, bytes); }
  std::optional<Message> poll() override { return post_.poll(rank_); }
  [[noreturn]] void abort(int) override { throw std::logic_error("abort"); }
  std::string describe() const override { return "memory"; }

 private:
  Post& post_;
  int rank_, size_;
};

struct Outcome {
  std::map<std::uint64_t, std::string> delivered;  // item -> result, on the root
  std::size_t deliveries = 0;
  std::map<std::uint64_t, int> evaluated;  // item -> times evaluated, all processes
};

// Runs share_work on `processes` simulated processes of `threads` threads each.
Outcome share(int processes, int threads, const std::vector<std::uint64_t>& order, std::size_t deliver_every,
              const std::function<void(std::uint64_t)>& work = {}) {
  Post post(processes);
  Outcome out;
  std::mutex mutex;
  const auto evaluate = [&](std::uint64_t item) {
    if (work) work(item);
    {
      const std::lock_guard lock(mutex);
      ++out.evaluated[item];
    }
    return "result of " + std::to_string(item);
  };
  std::vector<std::jthread> ranks;
  for (int r = 0; r < processes; ++r) {
    ranks.emplace_back([&, r] {
      MemoryGroup group(post, r, processes);
      share_work(group, r == 0 ? std::span<const std::uint64_t>(order) : std::span<const std::uint64_t>(), WorkSettings{threads, deliver_every},
                 evaluate, [&](std::vector<std::string>& results) {
                   EXPECT_EQ(r, 0);
                   ++out.deliveries;
                   for (const std::string& s : results) out.delivered[std::stoull(s.substr(10))] = s;
                 });
    });
  }
  ranks.clear();  // joins
  return out;
}

TEST(ShareWork, EveryItemOnceWhateverTheProcessesAndThreads) {
  std::vector<std::uint64_t> order;
  for (std::uint64_t i = 0; i < 157; ++i) order.push_back((i * 37) % 157 + 1000);  // any order, any values
  for (int processes : {1, 2, 3}) {
    for (int threads : {1, 2, 4}) {
      const Outcome out = share(processes, threads, order, 10);
      ASSERT_EQ(out.delivered.size(), order.size()) << processes << " x " << threads;
      for (std::uint64_t item : order) {
        EXPECT_EQ(out.evaluated.at(item), 1) << item;
        EXPECT_EQ(out.delivered.at(item), "result of " + std::to_string(item));
      }
      // Delivered in groups of at least 10 (and the rest at the end): 157 items, at most 16 groups.
      EXPECT_LE(out.deliveries, 16u);
    }
  }
}

// Two rounds one after the other (the sweep's samples, then its criticality) while the root is slow
// to take the first round's results: the others, done with round one, must not send round two's
// requests into the root's round one (they did under load with Open MPI: the rounds' messages mixed
// and the root waited for ever). Each round's items reach the root once, in their own round.
void two_rounds_with_a_slow_root();

// Before the fix the mix happened in about one run of three here (a hang); the test runs ten.
TEST(ShareWork, ASecondRoundDoesNotMixWithASlowRootsFirst) {
  for (int run = 0; run < 10; ++run) {
    SCOPED_TRACE(run);
    two_rounds_with_a_slow_root();
  }
}

void two_rounds_with_a_slow_root() {
  constexpr int processes = 3;
  Post post(processes);
  std::vector<std::uint64_t> first, second;
  for (std::uint64_t i = 0; i < 40; ++i) first.push_back(i), second.push_back(1000 + i);
  std::map<std::uint64_t, int> first_delivered, second_delivered;
  std::vector<std::jthread> ranks;
  for (int r = 0; r < processes; ++r) {
    ranks.emplace_back([&, r] {
      MemoryGroup group(post, r, processes);
      const auto evaluate = [](std::uint64_t item) { return std::to_string(item); };
      share_work(group, r == 0 ? std::span<const std::uint64_t>(first) : std::span<const std::uint64_t>(), WorkSettings{1, 4},
                 evaluate, [&](std::vector<std::string>& results) {
                   std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a slow store on the root
                   for (const std::string& s : results) ++first_delivered[std::stoull(s)];
                 });
      (void)group.gather("counts");
      share_work(group, r == 0 ? std::span<const std::uint64_t>(second) : std::span<const std::uint64_t>(), WorkSettings{1, 4},
                 evaluate, [&](std::vector<std::string>& results) {
                   for (const std::string& s : results) ++second_delivered[std::stoull(s)];
                 });
    });
  }
  ranks.clear();  // joins
  ASSERT_EQ(first_delivered.size(), first.size());
  ASSERT_EQ(second_delivered.size(), second.size());
  for (std::uint64_t item : first) EXPECT_EQ(first_delivered.at(item), 1) << item;
  for (std::uint64_t item : second) EXPECT_EQ(second_delivered.at(item), 1) << item;
}

TEST(ShareWork, NothingToDo) {
  for (int processes : {1, 3}) {
    const Outcome out = share(processes, 2, {}, 10);
    EXPECT_TRUE(out.delivered.empty());
    EXPECT_EQ(out.deliveries, 0u);
  }
}

TEST(ShareWork, ASlowItemDoesNotHoldUpTheOthers) {
  // Item 0 runs until 58 of the 60 others are done (or 10 s pass): on 2 processes of 1 thread the
  // others finish on the other process while it runs; only what its own process holds queued (at
  // most 2) waits. A barrier after each batch would hold them all up until the timeout.
  std::vector<std::uint64_t> order;
  for (std::uint64_t i = 0; i < 61; ++i) order.push_back(i);
  std::mutex mutex;
  std::condition_variable finished;
  int others_done = 0;
  bool timed_out = false;
  const Outcome out = share(2, 1, order, 1, [&](std::uint64_t item) {
    std::unique_lock lock(mutex);
    if (item == 0) {
      timed_out = !finished.wait_for(lock, std::chrono::seconds(10), [&] { return others_done >= 58; });
    } else {
      ++others_done;
      finished.notify_all();
    }
  });
  EXPECT_EQ(out.delivered.size(), order.size());
  EXPECT_FALSE(timed_out);
}

TEST(ShareWork, AnErrorOnAWorkerThreadComesBack) {
  std::vector<std::uint64_t> order = {1, 2, 3, 4, 5, 6};
  Post post(1);
  MemoryGroup group(post, 0, 1);
  EXPECT_THROW(share_work(
                   group, order, WorkSettings{2, 4},
                   [](std::uint64_t item) -> std::string {
                     if (item == 4) throw std::runtime_error("item 4 failed");
                     return "ok";
                   },
                   [](std::vector<std::string>&) {}),
               std::runtime_error);
}

}  // namespace
}  // namespace landbridge::sweep
