#include "services/notifications/app/inbox_use_cases.hpp"

#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"

namespace iris::notifications::app {
namespace {

absl::Status SignedInOnly(const identity::Caller& caller) {
  if (caller.anonymous()) return absl::UnauthenticatedError("sign in to read your inbox");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<pagination::Page<domain::InboxItem>> InboxUseCases::List(
    const identity::Caller& caller, const InboxListRequest& req) {
  IRIS_RETURN_IF_ERROR(SignedInOnly(caller));
  pagination::PageParams params = req.page;
  // An inbox reads newest first unless the client asks otherwise.
  if (params.sort.empty()) params.sort = "-created_at";
  IRIS_ASSIGN_OR_RETURN(auto paging, pagination::KeysetRequestOf(params, storage::kInboxSorts));
  storage::InboxQuery q{
      .recipient_id = caller.subject, .unread_only = req.unread_only, .page = paging};
  IRIS_ASSIGN_OR_RETURN(auto rows, pool_.Read([&](db::Tx& tx) { return inbox_.List(tx, q); }));
  return pagination::PageOf(std::move(rows), q.page, storage::kInboxSorts);
}

absl::StatusOr<domain::InboxItem> InboxUseCases::MarkRead(const identity::Caller& caller,
                                                          const std::string& id) {
  IRIS_RETURN_IF_ERROR(SignedInOnly(caller));
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::InboxItem> {
    IRIS_ASSIGN_OR_RETURN(bool first, inbox_.MarkRead(tx, id, caller.subject));
    IRIS_ASSIGN_OR_RETURN(auto item, inbox_.Find(tx, id, caller.subject));
    if (!item) return absl::NotFoundError("inbox item not found");
    if (first) {
      db::Change change{.type = "notifications.inbox.read",
                        .subject_type = "inbox_item",
                        .subject_id = item->id,
                        .country = "",
                        .payload = {{"id", item->id}, {"message_id", item->message_id}},
                        .action = "read"};
      IRIS_RETURN_IF_ERROR(db::RecordChange(tx, "notifications", caller, change));
    }
    return *item;
  });
}

}  // namespace iris::notifications::app
