#include "services/notifications/app/feed_use_cases.hpp"

#include "libs/status/status.hpp"

namespace iris::notifications::app {

absl::StatusOr<FeedPage> FeedUseCases::List(const identity::Caller& caller,
                                            const std::string& after, int limit) {
  if (caller.anonymous()) return absl::UnauthenticatedError("sign in to read the change feed");
  if (!caller.IsNetworkAdmin() && !caller.IsCoordinator() && !caller.HasRole(identity::kPartner)) {
    return absl::PermissionDeniedError("the change feed is for partners and staff");
  }
  status::Validator v;
  const auto seq = domain::ParseFeedCursor(after);
  if (!seq) v.Add("after", "is not a cursor of this feed (use a next_cursor it gave, or 0)");
  if (limit == 0) limit = domain::kDefaultFeedLimit;
  if (limit < 1 || limit > domain::kMaxFeedLimit) {
    v.Add("limit", "must be between 1 and " + std::to_string(domain::kMaxFeedLimit));
  }
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  FeedPage page;
  IRIS_ASSIGN_OR_RETURN(
      page.items, pool_.Read([&](db::Tx& tx) { return messages_.ListChanges(tx, *seq, limit); }));
  page.next_cursor =
      page.items.empty() ? std::to_string(*seq) : std::to_string(page.items.back().seq);
  return page;
}

}  // namespace iris::notifications::app
