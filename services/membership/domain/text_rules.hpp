// Rules for text fields that several membership resources share.
#pragma once

#include <cstddef>
#include <string_view>

namespace iris::membership::domain {

// Length in characters (UTF-8 code points), which is what limits like "200 characters" mean.
size_t CharCount(std::string_view utf8);

// local@domain.tld with one '@', no spaces, commas or angle brackets: catches typos, not every
// RFC 5322 corner (delivery is the real check).
bool LooksLikeEmail(std::string_view email);

}  // namespace iris::membership::domain
