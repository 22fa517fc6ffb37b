#include "assignment/tntp.hpp"

#include "common/input_error.hpp"
#include "common/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string_view>
#include <unordered_map>

namespace landbridge::assignment {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), "", "", "cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Problems found while parsing one value; the line loop adds file and line.
[[noreturn]] void fail(const std::string& field, const std::string& problem) { throw InputError("", "", field, problem); }

double parse_number(std::string_view token, const std::string& field) {
  std::string_view digits = token;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() || !std::isfinite(value)) {
    fail(field, fmt::format("expected a number, got \"{}\"", token));
  }
  return value;
}

std::uint32_t parse_id(std::string_view token, const std::string& field, std::uint32_t count, const char* what) {
  const double value = parse_number(token, field);
  if (value != std::floor(value) || value < 1 || value > count) {
    fail(field, fmt::format("expected a {} id in 1..{}, got \"{}\"", what, count, token));
  }
  return static_cast<std::uint32_t>(value);
}

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) tokens.push_back(line.substr(start, i - start));
  }
  return tokens;
}

// Iterates the lines of a file, counting from 1.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(without_byte_order_mark(text)) {}
  bool next(std::string_view& line) {
    if (position_ >= text_.size()) return false;
    const std::size_t end = text_.find('\n', position_);
    const std::size_t stop = end == std::string_view::npos ? text_.size() : end;
    line = text_.substr(position_, stop - position_);
    position_ = stop + 1;
    ++number_;
    return true;
  }
  [[nodiscard]] std::size_t number() const { return number_; }

 private:
  std::string_view text_;
  std::size_t position_ = 0;
  std::size_t number_ = 0;
};

std::string line_place(std::size_t line) { return fmt::format("line {}", line); }

// Reads "<TAG> value" lines up to <END OF METADATA>. Blank and "~" lines are allowed in between.
// If the file has no metadata block (first content line is not a tag), nothing is consumed when
// optional is true.
std::map<std::string, std::string> read_metadata(LineReader& lines, const fs::path& file, bool optional) {
  std::map<std::string, std::string> tags;
  LineReader probe = lines;
  std::string_view line;
  while (probe.next(line)) {
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '~') continue;
    if (content.front() != '<') {
      if (optional && tags.empty()) return tags;
      throw InputError(file.string(), line_place(probe.number()), "",
                       "expected a metadata line \"<TAG> value\" or <END OF METADATA>");
    }
    const std::size_t close = content.find('>');
    if (close == std::string_view::npos) {
      throw InputError(file.string(), line_place(probe.number()), "", "metadata tag is missing its closing '>'");
    }
    std::string tag(content.substr(1, close - 1));
    if (tag == "END OF METADATA") {
      lines = probe;
      return tags;
    }
    tags[tag] = std::string(trim(content.substr(close + 1)));
  }
  if (optional && tags.empty()) return tags;
  throw InputError(file.string(), "", "", "missing <END OF METADATA>");
}

// The largest counts a file may claim (docs/reliability.md), checked before anything is sized by
// them: well above the largest public TNTP networks (Sydney 33,837 nodes and 75,379 links, Austin
// 7,388 zones), low enough that per-node arrays and the zones x zones demand matrix (8 bytes a
// cell, at most 800 MB) fit in memory.
constexpr std::uint32_t max_nodes = 10'000'000;
constexpr std::uint32_t max_links = 50'000'000;
constexpr std::uint32_t max_zones = 10'000;

std::uint32_t metadata_count(const std::map<std::string, std::string>& tags, const std::string& tag,
                             const fs::path& file, bool required, std::uint32_t fallback,
                             std::uint32_t limit = 1'000'000'000) {
  const auto it = tags.find(tag);
  if (it == tags.end()) {
    if (required) throw InputError(file.string(), "", "<" + tag + ">", "missing from the metadata");
    return fallback;
  }
  try {
    const double value = parse_number(it->second, "<" + tag + ">");
    if (value != std::floor(value) || value < 0) {
      fail("<" + tag + ">", fmt::format("expected a whole number >= 0, got \"{}\"", it->second));
    }
    if (value > limit) {
      fail("<" + tag + ">", fmt::format("{} is above the limit of {} (docs/reliability.md)", it->second, limit));
    }
    return static_cast<std::uint32_t>(value);
  } catch (const InputError& e) {
    throw e.located(file.string(), "metadata");
  }
}

// Content of a data line: text before "~" comments, trimmed; the ";" terminator and anything after it dropped.
std::string_view data_content(std::string_view line) {
  const std::size_t comment = line.find('~');
  if (comment != std::string_view::npos) line = line.substr(0, comment);
  const std::size_t terminator = line.find(';');
  if (terminator != std::string_view::npos) line = line.substr(0, terminator);
  return trim(line);
}

}  // namespace

TntpNetwork parse_tntp_net(std::string_view text, const fs::path& file) {
  LineReader lines(text);
  const auto tags = read_metadata(lines, file, false);
  TntpNetwork network;
  network.net_file = file;
  const std::uint32_t zones = metadata_count(tags, "NUMBER OF ZONES", file, true, 0, max_zones);
  const std::uint32_t nodes = metadata_count(tags, "NUMBER OF NODES", file, true, 0, max_nodes);
  const std::uint32_t links = metadata_count(tags, "NUMBER OF LINKS", file, true, 0, max_links);
  network.first_thru_node = metadata_count(tags, "FIRST THRU NODE", file, false, 1);
  if (zones > nodes) {
    throw InputError(file.string(), "metadata", "<NUMBER OF ZONES>",
                     fmt::format("{} zones but only {} nodes; zones must be nodes 1..{}", zones, nodes, zones));
  }
  AssignmentProblem& p = network.problem;
  for (const auto& [tag, member, flag] :
       {std::tuple{"TOLL FACTOR", &p.toll_factor, &network.has_toll_factor},
        std::tuple{"DISTANCE FACTOR", &p.distance_factor, &network.has_distance_factor}}) {
    const auto it = tags.find(tag);
    if (it == tags.end()) continue;
    try {
      *member = parse_number(it->second, fmt::format("<{}>", tag));
      if (*member < 0) fail(fmt::format("<{}>", tag), fmt::format("expected a number >= 0, got \"{}\"", it->second));
      *flag = true;
    } catch (const InputError& e) {
      throw e.located(file.string(), "metadata");
    }
  }
  p.num_nodes = nodes;
  p.zone_node.resize(zones);
  for (std::uint32_t z = 0; z < zones; ++z) p.zone_node[z] = z;
  p.through_allowed.assign(nodes, 1);
  for (std::uint32_t v = 0; v + 1 < network.first_thru_node && v < nodes; ++v) p.through_allowed[v] = 0;
  // Reserve no more links than the file can hold (a link line has at least 18 bytes), whatever it claims.
  const std::size_t expected_links = std::min<std::size_t>(links, text.size() / 18 + 1);
  for (auto* column : {&p.free_flow_time, &p.capacity, &p.alpha, &p.beta, &p.toll, &p.length}) column->reserve(expected_links);
  p.tail.reserve(expected_links);
  p.head.reserve(expected_links);

  static const char* const names[] = {"init_node", "term_node", "capacity", "length", "free_flow_time",
                                      "b",         "power",     "speed",    "toll",   "link_type"};
  std::string_view line;
  while (lines.next(line)) {
    const std::string_view content = data_content(line);
    if (content.empty()) continue;
    try {
      const auto tokens = split(content);
      if (tokens.size() < 9) {
        fail(names[tokens.size()], fmt::format("missing: a link line needs at least 9 columns ({}), got {}",
                                               "init_node term_node capacity length free_flow_time b power speed toll",
                                               tokens.size()));
      }
      if (tokens.size() > 10) fail("", fmt::format("expected 10 columns, got {}", tokens.size()));
      const std::uint32_t from = parse_id(tokens[0], names[0], nodes, "node");
      const std::uint32_t to = parse_id(tokens[1], names[1], nodes, "node");
      double values[8];
      for (int k = 2; k < 9; ++k) values[k - 2] = parse_number(tokens[k], names[k]);
      const double capacity = values[0], length = values[1], fft = values[2], b = values[3], power = values[4],
                   toll = values[6];
      // Negative lengths or tolls would make the generalized cost's constant part negative, which
      // the solver refuses later without the file's line (AssignmentProblem::validate).
      if (length < 0) fail(names[3], fmt::format("expected a number >= 0, got \"{}\"", tokens[3]));
      if (fft < 0) fail(names[4], fmt::format("expected a number >= 0, got \"{}\"", tokens[4]));
      if (b < 0) fail(names[5], fmt::format("expected a number >= 0, got \"{}\"", tokens[5]));
      if (power < 0) fail(names[6], fmt::format("expected a number >= 0, got \"{}\"", tokens[6]));
      if (toll < 0) fail(names[8], fmt::format("expected a number >= 0, got \"{}\"", tokens[8]));
      if (capacity < 0 || (capacity == 0 && b > 0)) {
        fail(names[2], fmt::format("expected a number > 0, got \"{}\"", tokens[2]));
      }
      std::uint32_t type = 0;
      if (tokens.size() == 10) {
        const double t = parse_number(tokens[9], names[9]);
        type = t >= 0 && t == std::floor(t) && t < 4e9 ? static_cast<std::uint32_t>(t) : 0;
      }
      if (p.tail.size() == links) {
        fail("", fmt::format("more links than <NUMBER OF LINKS> {}", links));
      }
      p.tail.push_back(from - 1);
      p.head.push_back(to - 1);
      p.capacity.push_back(capacity > 0 ? capacity : 1.0);  // capacity is irrelevant when b == 0
      p.length.push_back(length);
      p.free_flow_time.push_back(fft);
      p.alpha.push_back(b);
      p.beta.push_back(power);
      p.toll.push_back(toll);
      network.link_type.push_back(type);
    } catch (const InputError& e) {
      throw e.located(file.string(), line_place(lines.number()));
    }
  }
  if (p.tail.size() != links) {
    throw InputError(file.string(), "", "<NUMBER OF LINKS>",
                     fmt::format("metadata says {} links, the file has {}", links, p.tail.size()));
  }
  return network;
}

TntpNetwork read_tntp_net(const fs::path& file) { return parse_tntp_net(read_file(file), file); }

void parse_tntp_trips(std::string_view text, const fs::path& file, TntpNetwork& network) {
  LineReader lines(text);
  const auto tags = read_metadata(lines, file, false);
  AssignmentProblem& p = network.problem;
  const std::uint32_t zones = metadata_count(tags, "NUMBER OF ZONES", file, true, 0);
  if (zones != p.num_zones()) {
    throw InputError(file.string(), "metadata", "<NUMBER OF ZONES>",
                     fmt::format("{} zones, but the network file has {}", zones, p.num_zones()));
  }
  network.trips_file = file;
  p.demand.assign(static_cast<std::size_t>(zones) * zones, 0.0);
  std::uint32_t origin = 0;  // 1-based; 0 before the first "Origin"
  std::string_view line;
  while (lines.next(line)) {
    std::string_view content = line;
    const std::size_t comment = content.find('~');
    if (comment != std::string_view::npos) content = content.substr(0, comment);
    content = trim(content);
    if (content.empty()) continue;
    try {
      // Tokens: "Origin" id | destination ":" demand [";"], several entries per line.
      std::size_t i = 0;
      auto next_token = [&]() -> std::string_view {
        while (i < content.size() && (content[i] == ' ' || content[i] == '\t' || content[i] == '\r')) ++i;
        if (i >= content.size()) return {};
        if (content[i] == ':' || content[i] == ';') return content.substr(i++, 1);
        const std::size_t start = i;
        while (i < content.size() && content[i] != ' ' && content[i] != '\t' && content[i] != '\r' &&
               content[i] != ':' && content[i] != ';') {
          ++i;
        }
        return content.substr(start, i - start);
      };
      for (std::string_view token = next_token(); !token.empty(); token = next_token()) {
        if (token == ";") continue;
        if (token == "Origin" || token == "origin") {
          const std::string_view id = next_token();
          if (id.empty()) fail("Origin", "missing the origin zone id");
          origin = parse_id(id, "Origin", zones, "zone");
          continue;
        }
        if (origin == 0) fail("Origin", fmt::format("demand entry \"{}\" before the first \"Origin\" line", token));
        const std::uint32_t destination = parse_id(token, "destination", zones, "zone");
        if (next_token() != ":") fail("destination", fmt::format("expected \":\" after destination {}", destination));
        const std::string_view value = next_token();
        if (value.empty() || value == ";") fail("demand", fmt::format("missing demand for destination {}", destination));
        const double q = parse_number(value, "demand");
        if (q < 0) fail("demand", fmt::format("expected a number >= 0, got \"{}\"", value));
        double& total = p.demand[static_cast<std::size_t>(origin - 1) * zones + (destination - 1)];
        total += q;
        if (!std::isfinite(total)) {
          fail("demand", fmt::format("the total for origin {}, destination {} is not a finite number", origin, destination));
        }
      }
    } catch (const InputError& e) {
      throw e.located(file.string(), line_place(lines.number()));
    }
  }
}

void read_tntp_trips(const fs::path& file, TntpNetwork& network) { parse_tntp_trips(read_file(file), file, network); }

std::vector<double> parse_tntp_flow(std::string_view text, const fs::path& file, const TntpNetwork& network) {
  LineReader lines(text);
  (void)read_metadata(lines, file, true);
  const AssignmentProblem& p = network.problem;
  // (tail, head) -> links in file order, for parallel links.
  std::unordered_map<std::uint64_t, std::vector<LinkId>> links_of;
  for (LinkId a = p.num_links(); a-- > 0;) {
    links_of[(static_cast<std::uint64_t>(p.tail[a]) << 32) | p.head[a]].push_back(a);
  }
  std::vector<double> flow(p.num_links(), std::numeric_limits<double>::quiet_NaN());
  std::size_t seen = 0;
  std::string_view line;
  while (lines.next(line)) {
    const std::string_view content = data_content(line);
    if (content.empty()) continue;
    const auto tokens = split(content);
    // Header lines ("From To Volume Cost") start with a word.
    if (!tokens.empty() && !(std::isdigit(static_cast<unsigned char>(tokens[0][0])) != 0)) continue;
    try {
      if (tokens.size() < 3) fail("Volume", fmt::format("expected From To Volume [Cost], got {} columns", tokens.size()));
      const std::uint32_t from = parse_id(tokens[0], "From", p.num_nodes, "node");
      const std::uint32_t to = parse_id(tokens[1], "To", p.num_nodes, "node");
      const double volume = parse_number(tokens[2], "Volume");
      auto it = links_of.find((static_cast<std::uint64_t>(from - 1) << 32) | (to - 1));
      if (it == links_of.end() || it->second.empty()) {
        fail("From", fmt::format("no (further) link {} -> {} in the network file", from, to));
      }
      flow[it->second.back()] = volume;
      it->second.pop_back();
      ++seen;
    } catch (const InputError& e) {
      throw e.located(file.string(), line_place(lines.number()));
    }
  }
  if (seen != p.num_links()) {
    throw InputError(file.string(), "", "", fmt::format("expected a flow for each of the {} links, got {}",
                                                        p.num_links(), seen));
  }
  return flow;
}

std::vector<double> read_tntp_flow(const fs::path& file, const TntpNetwork& network) {
  return parse_tntp_flow(read_file(file), file, network);
}

TntpCoordinates parse_tntp_nodes(std::string_view text, const fs::path& file, std::uint32_t num_nodes) {
  LineReader lines(text);
  (void)read_metadata(lines, file, true);
  TntpCoordinates result;
  result.x.assign(num_nodes, std::numeric_limits<double>::quiet_NaN());
  result.y.assign(num_nodes, std::numeric_limits<double>::quiet_NaN());
  std::string_view line;
  while (lines.next(line)) {
    const std::string_view content = data_content(line);
    if (content.empty()) continue;
    const auto tokens = split(content);
    if (!tokens.empty() && !(std::isdigit(static_cast<unsigned char>(tokens[0][0])) != 0)) continue;  // header
    try {
      if (tokens.size() < 3) fail("X", fmt::format("expected Node X Y, got {} columns", tokens.size()));
      const std::uint32_t node = parse_id(tokens[0], "Node", num_nodes, "node");
      result.x[node - 1] = parse_number(tokens[1], "X");
      result.y[node - 1] = parse_number(tokens[2], "Y");
    } catch (const InputError& e) {
      throw e.located(file.string(), line_place(lines.number()));
    }
  }
  return result;
}

TntpCoordinates read_tntp_nodes(const fs::path& file, std::uint32_t num_nodes) {
  return parse_tntp_nodes(read_file(file), file, num_nodes);
}

TntpNetwork read_tntp_directory(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw InputError(dir.string(), "", "", "not a folder");
  std::map<std::string, std::vector<fs::path>> found;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    for (const char* suffix : {"_net.tntp", "_trips.tntp", "_flow.tntp", "_node.tntp"}) {
      const std::string_view s(suffix);
      if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
        found[suffix].push_back(entry.path());
      }
    }
  }
  auto single = [&](const char* suffix, bool required) -> fs::path {
    auto& paths = found[suffix];
    std::sort(paths.begin(), paths.end());
    if (paths.empty()) {
      if (required) throw InputError(dir.string(), "", "", fmt::format("no *{} file in the folder", suffix));
      return {};
    }
    if (paths.size() > 1) {
      throw InputError(dir.string(), "", "",
                       fmt::format("{} files match *{} ({} and {}); keep one", paths.size(), suffix,
                                   paths[0].filename().string(), paths[1].filename().string()));
    }
    return paths.front();
  };
  const fs::path net = single("_net.tntp", true);
  const fs::path trips = single("_trips.tntp", true);
  TntpNetwork network = read_tntp_net(net);
  read_tntp_trips(trips, network);
  network.flow_file = single("_flow.tntp", false);
  network.node_file = single("_node.tntp", false);
  return network;
}

}  // namespace landbridge::assignment
