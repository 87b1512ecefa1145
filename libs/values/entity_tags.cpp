#include "libs/values/entity_tags.hpp"

namespace iris::values {
namespace {

// Optional whitespace around a list element (RFC 9110 §5.6.1: spaces and tabs), then W/.
std::string_view Opaque(std::string_view tag) {
  while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
  while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
  if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
  return tag;
}

}  // namespace

bool NoneMatch(std::string_view if_none_match, std::string_view etag) {
  const std::string_view wanted = Opaque(etag);
  while (!if_none_match.empty()) {
    const size_t comma = if_none_match.find(',');
    const std::string_view tag = Opaque(if_none_match.substr(0, comma));
    if (tag == "*" || tag == wanted) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace iris::values
