// common/text.hpp: name matching for people: diacritic folding and edit distance.
#pragma once
#include <string>
#include <string_view>

namespace landbridge {

// Lower-case ASCII form of a UTF-8 name for matching: Latin diacritics folded ("Łódź" -> "lodz",
// "Małaszewicze" -> "malaszewicze", "ß" -> "ss"), any run of other characters (spaces, punctuation,
// apostrophes, unknown letters) becomes one space, trimmed. Invalid UTF-8 bytes count as separators.
[[nodiscard]] std::string fold_for_matching(std::string_view utf8);

// Levenshtein distance between two strings (bytes); O(|a|·|b|) time, O(|b|) memory.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// The text with invalid UTF-8 bytes and control characters written as \xHH, safe to print in a message.
[[nodiscard]] std::string printable(std::string_view text);

// True if the string is valid UTF-8.
[[nodiscard]] bool is_valid_utf8(std::string_view text);

// The text without a UTF-8 byte-order mark at its start (Windows editors write one).
[[nodiscard]] inline std::string_view without_byte_order_mark(std::string_view text) {
  return text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
}

}  // namespace landbridge
