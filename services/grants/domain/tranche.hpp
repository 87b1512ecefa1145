// Payment tranches of a grant (issue 15 item 5): amount in the call's currency, due date, the
// report that must be accepted before paying; planned -> paid | cancelled. Pure rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/grants/domain/award.hpp"

namespace iris::grants::domain {

enum class ReportKind { kInterim, kFinal };
std::string_view ReportKindWord(ReportKind k);  // "interim", "final"
std::optional<ReportKind> ParseReportKind(std::string_view word);

enum class TrancheStatus { kPlanned, kPaid, kCancelled };
std::string_view TrancheStatusWord(TrancheStatus s);
std::optional<TrancheStatus> ParseTrancheStatus(std::string_view word);

struct Tranche {
  std::string id;
  std::string grant_id;
  Money amount;
  LocalDate due_on;
  std::optional<ReportKind> requires_report;
  TrancheStatus status = TrancheStatus::kPlanned;
  std::optional<LocalDate> paid_on;
  std::string status_note;
  std::optional<Time> status_changed_at;
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

struct TrancheInput {
  std::optional<Money> amount;
  std::optional<std::string> due_on;
  std::optional<ReportKind> requires_report;  // nullopt: none (null)
  std::vector<std::string> read_only_sent;
  std::vector<std::string> unknown_sent;
};

bool IsReadOnlyTrancheField(std::string_view field);

// A new tranche of a grant in `currency`: amount > 0, due_on a date. Every problem at once.
std::vector<InvalidField> CheckTranche(const TrancheInput& in, std::string_view currency,
                                       Tranche* out);

// planned -> paid and planned -> cancelled; nothing leaves paid or cancelled.
bool CanMove(TrancheStatus from, TrancheStatus to);

}  // namespace iris::grants::domain
