// Membership's names for the text rules of the kit (libs/values/text_rules.hpp).
#pragma once

#include "libs/values/text_rules.hpp"

namespace iris::membership::domain {

using values::CharCount;
using values::CheckCodeList;
using values::CheckLocalizedText;
using values::CodeList;
using values::InvalidField;
using values::kMaxEmailLength;
using values::LooksLikeEmail;
using values::LooksLikePhone;
using values::LooksLikeWebsite;

}  // namespace iris::membership::domain
