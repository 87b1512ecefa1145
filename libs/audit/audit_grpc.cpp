#include "libs/audit/audit_grpc.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include "libs/grpc/answer.hpp"
#include "libs/log/log.hpp"
#include "libs/pagination/cursor.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/text.hpp"

namespace iris::audit {
namespace {

using google::protobuf::Timestamp;
using google::protobuf::util::TimeUtil;

// Code points, as docs/openapi.yaml counts maxLength.
size_t Characters(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

bool IsWord(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  }
  return true;
}

// "<subject_type>" or "<subject_type>.<action>": the words RecordChange's callers write.
bool IsType(std::string_view t) {
  const size_t dot = t.find('.');
  if (dot == std::string_view::npos) return IsWord(t);
  return IsWord(t.substr(0, dot)) && IsWord(t.substr(dot + 1));
}

bool InRange(const Timestamp& t) {
  return t.seconds() >= TimeUtil::kTimestampMinSeconds &&
         t.seconds() <= TimeUtil::kTimestampMaxSeconds && t.nanos() >= 0 && t.nanos() <= 999999999;
}

// The log keeps microseconds; an instant between two of them is rounded up, which keeps both
// `at >= from` and `at < to` exact for any instant asked.
db::Time CeilToMicros(const Timestamp& t) {
  return db::Time(std::chrono::microseconds(t.seconds() * 1000000 + (t.nanos() + 999) / 1000));
}

void ToProto(const db::AuditEntry& e, const std::string& service, v1::AuditEvent* out) {
  out->set_id(e.id);
  out->set_service(service);
  proto_values::ToProto(e.at, out->mutable_occurred_at());
  out->set_actor(e.actor);
  out->set_actor_role(e.actor_role);
  out->set_request_id(e.request_id);
  out->set_type(e.subject_type + "." + e.action);
  out->set_action(e.action);
  out->set_subject_type(e.subject_type);
  out->set_subject_id(e.subject_id);
  // RecordChange writes an object; anything else (a hand-written row) shows as no changes
  // rather than failing the page.
  if (!google::protobuf::util::JsonStringToMessage(e.changes, out->mutable_changes()).ok()) {
    iris::log::Warn("audit entry changes are not a JSON object",
                    {{"service", service}, {"id", e.id}});
    out->clear_changes();
  }
}

absl::Status Authorize(const identity::Caller& caller) {
  if (caller.anonymous()) return absl::UnauthenticatedError("the audit log needs credentials");
  if (!caller.IsNetworkAdmin()) {
    return absl::PermissionDeniedError("only network admins may read the audit log");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<db::AuditQuery> AuditQueryOf(const v1::ListAuditEventsRequest& req) {
  db::AuditQuery q;
  status::Validator v;
  if (req.limit() < 0 || req.limit() > pagination::kMaxLimit) {
    return pagination::MalformedLimit();
  }
  q.limit = req.limit() == 0 ? pagination::kDefaultLimit : req.limit();
  q.include_total = req.include_total();
  const std::string too_long =
      "must be at most " + std::to_string(kMaxFilterLength) + " characters";
  if (Characters(req.actor()) > kMaxFilterLength) v.Add("actor", too_long);
  if (Characters(req.subject()) > kMaxFilterLength) v.Add("subject", too_long);
  q.actor = req.actor();
  q.subject = req.subject();
  if (req.type_size() > kMaxTypes) {
    v.Add("type", "takes at most " + std::to_string(kMaxTypes) + " values");
  }
  for (const auto& t : req.type()) {
    if (t.size() > kMaxTypeLength || !IsType(t)) {
      v.Add("type", "\"" + values::CutAtCharacter(t, 64, "...") +
                        "\" is neither a subject type such as organization nor a type such as "
                        "organization.suspend (lowercase letters and _)");
    } else {
      q.types.push_back(t);
    }
  }
  auto instant = [&v](const char* field, bool set, const Timestamp& ts,
                      std::optional<db::Time>* out) {
    if (!set) return;
    if (!InRange(ts)) {
      v.Add(field, "must be an instant between the years 1 and 9999");
    } else {
      *out = CeilToMicros(ts);
    }
  };
  instant("from", req.has_from(), req.from(), &q.from);
  instant("to", req.has_to(), req.to(), &q.to);
  if (q.from && q.to && *q.from > *q.to) v.Add("from", "must not be after to");
  if (req.has_after()) {
    if (!InRange(req.after().occurred_at()) || req.after().id() < 0) {
      v.Add("after", "is not a position in the audit log");
    } else {
      q.after =
          db::AuditPosition{proto_values::FromProto(req.after().occurred_at()), req.after().id()};
    }
  }
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  return q;
}

::grpc::Status AuditGrpc::ListAuditEvents(::grpc::ServerContext* ctx,
                                          const v1::ListAuditEventsRequest* req,
                                          v1::ListAuditEventsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_RETURN_IF_ERROR(Authorize(caller));
    IRIS_ASSIGN_OR_RETURN(const db::AuditQuery q, AuditQueryOf(*req));
    IRIS_ASSIGN_OR_RETURN(auto rows, pool_.Read([&](db::Tx& tx) -> absl::StatusOr<db::AuditRows> {
      return db::ListAuditLog(tx, q);
    }));
    const size_t limit = static_cast<size_t>(q.limit);
    bool more = rows.entries.size() > limit;
    // A page is bounded in bytes too (pagination::kMaxPageBytes); the first entry always goes,
    // so a page always moves its reader forward.
    size_t used = 0;
    for (size_t i = 0; i < rows.entries.size() && i < limit; ++i) {
      if (i > 0 && used >= pagination::kMaxPageBytes) {
        more = true;
        break;
      }
      auto* event = out->add_items();
      ToProto(rows.entries[i], service_, event);
      used += event->ByteSizeLong();
    }
    out->set_more(more);
    if (rows.total) {
      out->set_total(rows.total->count);
      out->set_total_exact(rows.total->exact);
    }
    return absl::OkStatus();
  });
}

}  // namespace iris::audit
