// Keyset pages, the way every list of every service pages (docs: "Keyset pages"): rows ordered
// by (created_at, id), a page asks for the rows after the last one the client has seen, and
// the repository fetches limit + 1 rows so the extra row tells whether another page follows.
//
//   IRIS_ASSIGN_OR_RETURN(auto paging, pagination::KeysetRequestOf(req.limit, req.cursor));
//   query.limit = paging.limit;  // the repository fetches RowsToFetch(query.limit) rows
//   query.after = paging.after;
//   IRIS_ASSIGN_OR_RETURN(auto rows, pool_.Read(... repo.List(tx, query)));
//   return pagination::PageOf(std::move(rows), paging.limit);
//
// The cursor a service hands out is the position JSON {"c": created_at_us, "i": "<uuid>"}; the
// gateway signs it and binds it to its list (CursorCodec) before a client sees it. DecodeKeyset
// still checks every field: the values become SQL parameters, and a bad one must be a 400.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/pagination/cursor.hpp"

namespace iris::pagination {

// A position in (created_at, id) order: the last row of the previous page.
struct Keyset {
  int64_t created_at_us = 0;  // microseconds since the epoch, as Postgres stores them
  std::string id;

  bool operator==(const Keyset&) const = default;
};

// The position of a row with `created_at` (a std::chrono time point) and `id` members.
template <typename Row>
Keyset KeysetOf(const Row& row) {
  using std::chrono::duration_cast;
  using std::chrono::microseconds;
  return {duration_cast<microseconds>(row.created_at.time_since_epoch()).count(), row.id};
}

// The position JSON of `k`, the next_cursor a service returns.
std::string EncodeKeyset(const Keyset& k);
// "" is the first page (nullopt). Anything but an object with an integer "c" and a UUID "i"
// is INVALID_ARGUMENT reason "malformed", field "cursor".
absl::StatusOr<std::optional<Keyset>> DecodeKeyset(std::string_view position);

// What one list request asks for.
struct KeysetRequest {
  int limit = kDefaultLimit;    // rows per page
  std::optional<Keyset> after;  // nullopt: the first page
};

// A PageRequest's limit and cursor: limit 0 means kDefaultLimit, 1..kMaxLimit is taken as it
// is, anything else is MalformedLimit(); the cursor as DecodeKeyset reads it.
absl::StatusOr<KeysetRequest> KeysetRequestOf(int limit, std::string_view cursor);

// Rows a repository fetches for a page of `limit`: one more, to learn whether more follow.
inline int RowsToFetch(int limit) { return limit + 1; }

// A page of a list and the cursor of the next one.
template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;  // position JSON; empty on the last page
};

// The page from up to RowsToFetch(limit) rows in keyset order: the first `limit` rows, and when
// there were more, the position of the last row kept as next_cursor.
template <typename T>
Page<T> PageOf(std::vector<T> rows, int limit) {
  Page<T> page;
  if (limit >= 0 && rows.size() > static_cast<size_t>(limit)) {
    rows.resize(static_cast<size_t>(limit));
    if (!rows.empty()) page.next_cursor = EncodeKeyset(KeysetOf(rows.back()));
  }
  page.items = std::move(rows);
  return page;
}

// A page is bounded in bytes as well as in rows: 110 services with 100 long municipality
// names each made one page larger than gRPC's 4 MB message limit.
inline constexpr size_t kMaxPageBytes = 1024 * 1024;

// Hands the page's items to `add` in order (add(item) appends it to the response and returns
// the bytes it took) until kMaxPageBytes are used; returns the next_cursor to send: the
// page's own, or the position of the last item sent when the byte bound cut the page short.
// The first item is always sent, so a page always moves the client forward.
template <typename T, typename Add>
std::string FillPage(const Page<T>& page, Add&& add, size_t max_bytes = kMaxPageBytes) {
  size_t used = 0;
  for (size_t i = 0; i < page.items.size(); ++i) {
    if (i > 0 && used >= max_bytes) return EncodeKeyset(KeysetOf(page.items[i - 1]));
    used += add(page.items[i]);
  }
  return page.next_cursor;
}

// A list response (repeated `items`, a `page` with next_cursor, as every List RPC has) filled
// from `page` within the byte bound; to_proto(item, message) fills one message.
template <typename T, typename Response, typename ToProto>
void FillResponse(const Page<T>& page, Response* out, ToProto&& to_proto) {
  out->mutable_page()->set_next_cursor(FillPage(page, [&](const T& item) {
    auto* message = out->add_items();
    to_proto(item, message);
    return message->ByteSizeLong();
  }));
}

}  // namespace iris::pagination
