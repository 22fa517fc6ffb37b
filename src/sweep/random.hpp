// sweep/random.hpp: the random numbers of a sweep. Every sample has its own stream, derived from
// the seed and the sample's index alone, so a sample draws the same disruptions whichever thread
// or MPI rank evaluates it, and in whatever order (reproducible sweeps, resumable runs).
#pragma once
#include <cmath>
#include <cstdint>

namespace landbridge::sweep {

// SplitMix64 (Steele, Lea, Flood 2014): a bijective mixer, used to seed and to hash.
[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro256** 1.0 (Blackman, Vigna 2018), seeded by SplitMix64 from (seed, stream).
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t mix = seed;
    const std::uint64_t salt = splitmix64(mix) ^ stream;
    std::uint64_t state = salt * 0xd1342543de82ef95ULL + stream;
    for (std::uint64_t& word : s_) word = splitmix64(state);
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0], s_[3] ^= s_[1], s_[1] ^= s_[2], s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Standard normal, by the quantile function (one uniform per draw: streams stay aligned).
  double normal();

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
};

[[nodiscard]] inline double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// Inverse of normal_cdf for p in (0, 1): Acklam's rational approximation (relative error 1.15e-9)
// refined by one Halley step, which brings it to about machine precision.
[[nodiscard]] double normal_quantile(double p);

inline double RandomStream::normal() {
  double u = uniform();
  if (u <= 0) u = 0x1.0p-54;
  return normal_quantile(u);
}

}  // namespace landbridge::sweep
