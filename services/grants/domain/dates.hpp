// The local dates grants' rules speak of (a call's closing day, a tranche's due day), named in
// grants' domain as its own: they live in libs/values, which events counts its days with too.
#pragma once

#include "libs/values/local_dates.hpp"

namespace iris::grants::domain {

using values::ClosingDay;
using values::DateText;
using values::DayOf;
using values::EndOfDay;
using values::IsKnownTimeZone;
using values::kDefaultTimeZone;
using values::LocalDate;
using values::ParseDate;
using values::Today;

}  // namespace iris::grants::domain
