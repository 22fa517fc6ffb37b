#include "common/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace landbridge {
namespace {

// Decodes one UTF-8 code point at text[pos]; returns the code point and advances pos.
// Returns 0xFFFFFFFF for an invalid sequence (pos advances by one byte).
std::uint32_t decode_utf8(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  std::size_t length = 0;
  std::uint32_t code = 0;
  if (lead < 0x80) {
    ++pos;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code = lead & 0x0Fu;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code = lead & 0x07u;
  } else {
    ++pos;
    return 0xFFFFFFFFu;
  }
  if (pos + length > text.size()) {
    ++pos;
    return 0xFFFFFFFFu;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFFFFFFu;
    }
    code = (code << 6) | (byte(pos + i) & 0x3Fu);
  }
  static constexpr std::array<std::uint32_t, 5> smallest = {0, 0, 0x80, 0x800, 0x10000};
  if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    ++pos;
    return 0xFFFFFFFFu;
  }
  pos += length;
  return code;
}

// ASCII folding of U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A), by code point.
const char* fold_latin(std::uint32_t code) {
  static constexpr std::array<const char*, 64> latin1 = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0-CF
      "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0-DF
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0-EF
      "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};  // F0-FF
  // Latin Extended-A in runs: {first code point, letters}; each run maps to one folding.
  struct Run {
    std::uint32_t first;
    const char* folded;
  };
  static constexpr std::array<Run, 22> runs = {{{0x100, "a"},  {0x106, "c"},  {0x10E, "d"}, {0x112, "e"},
                                                {0x11C, "g"},  {0x124, "h"},  {0x128, "i"}, {0x132, "ij"},
                                                {0x134, "j"},  {0x136, "k"},  {0x139, "l"}, {0x143, "n"},
                                                {0x14C, "o"},  {0x152, "oe"}, {0x154, "r"}, {0x15A, "s"},
                                                {0x162, "t"},  {0x168, "u"},  {0x174, "w"}, {0x176, "y"},
                                                {0x179, "z"},  {0x17F, "s"}}};
  if (code >= 0xC0 && code <= 0xFF) return latin1[code - 0xC0];
  if (code >= 0x100 && code <= 0x17F) {
    const char* folded = runs[0].folded;
    for (const Run& run : runs) {
      if (run.first > code) break;
      folded = run.folded;
    }
    return folded;
  }
  switch (code) {  // Romanian comma-below letters, common in place names
    case 0x218: case 0x219: return "s";
    case 0x21A: case 0x21B: return "t";
    default: return "";
  }
}

}  // namespace

std::string fold_for_matching(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  auto emit = [&](std::string_view letters) {
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += letters;
  };
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const std::uint32_t code = decode_utf8(utf8, pos);
    if (code < 0x80) {
      const char c = static_cast<char>(code);
      if (c >= 'A' && c <= 'Z') {
        const char lower = static_cast<char>(c - 'A' + 'a');
        emit(std::string_view(&lower, 1));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        emit(std::string_view(&c, 1));
      } else if (c == '\'') {
        // apostrophes join: "Xi'an" -> "xian"
      } else {
        pending_space = true;
      }
      continue;
    }
    if (code == 0x2019 || code == 0x2BC || code == 0x2BB) continue;  // typographic apostrophes
    const char* folded = code == 0xFFFFFFFFu ? "" : fold_latin(code);
    if (*folded != '\0') {
      emit(folded);
    } else {
      pending_space = true;
    }
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const std::uint32_t code = decode_utf8(text, pos);
    if (code == 0xFFFFFFFFu || code < 0x20 || code == 0x7F) {
      static constexpr char hex[] = "0123456789ABCDEF";
      for (std::size_t i = start; i < pos; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        out += "\\x";
        out += hex[byte >> 4];
        out += hex[byte & 0xF];
      }
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (decode_utf8(text, pos) == 0xFFFFFFFFu) return false;
  }
  return true;
}

}  // namespace landbridge
