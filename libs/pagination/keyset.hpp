// Keyset pages, the way every list of every service pages (docs: "Keyset pages"): rows ordered
// by (sort key, id), a page asks for the rows after the last one the client has seen, and the
// repository fetches limit + 1 rows so the extra row tells whether another page follows.
//
//   IRIS_ASSIGN_OR_RETURN(auto paging, pagination::KeysetRequestOf(req.page, kSorts));
//   query.page = paging;  // the repository fetches RowsToFetch(paging.limit) rows in its order
//   IRIS_ASSIGN_OR_RETURN(auto rows, pool_.Read(... repo.List(tx, query)));
//   return pagination::PageOf(std::move(rows), paging, kSorts);
//
// The cursor a service hands out is the position JSON {"k": "<key>", "i": "<uuid>"}: the last
// row's sort key (sort.hpp) and id; the gateway signs it and binds it to its list and sort
// (CursorCodec) before a client sees it. DecodeKeyset still checks every field: the values
// become SQL parameters, and a bad one must be a 400.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/pagination/cursor.hpp"
#include "libs/pagination/sort.hpp"

namespace iris::pagination {

// A position in (key, id) order: the last row of the previous page.
struct Keyset {
  std::string key;  // as SortField::key gives it
  std::string id;

  bool operator==(const Keyset&) const = default;
};

// The position JSON of `k`, the next_cursor a service returns.
std::string EncodeKeyset(const Keyset& k);
// "" is the first page (nullopt). Anything but an object with a string "k" that is a key of
// `kind` and a UUID "i" is INVALID_ARGUMENT reason "malformed", field "cursor".
absl::StatusOr<std::optional<Keyset>> DecodeKeyset(std::string_view position, KeyKind kind);

// What a client asked of a list's pages: the query's limit (0: the default), cursor (the
// position JSON the gateway unwrapped), sort ("": the list's default) and include=total.
struct PageParams {
  int limit = 0;
  std::string cursor = {};
  std::string sort = {};
  bool include_total = false;
};

// What one list request asks for, checked.
struct KeysetRequest {
  int limit = kDefaultLimit;    // rows per page
  SortOrder order;              // the list's order
  std::optional<Keyset> after;  // nullopt: the first page
  bool include_total = false;   // count the matches too
};

// A PageParams checked against the list's sortable fields: limit 0 means kDefaultLimit,
// 1..kMaxLimit is taken as it is, anything else is MalformedLimit(); an unknown sort is
// malformed "sort"; the cursor as DecodeKeyset reads it for the sort's key kind.
absl::StatusOr<KeysetRequest> KeysetRequestOf(const PageParams& params,
                                              std::span<const SortName> fields);
template <typename Row, size_t N>
absl::StatusOr<KeysetRequest> KeysetRequestOf(const PageParams& params,
                                              const std::array<SortField<Row>, N>& fields) {
  return KeysetRequestOf(params, SortNamesOf(fields));
}

// Rows a repository fetches for a page of `limit`: one more, to learn whether more follow.
inline int RowsToFetch(int limit) { return limit + 1; }

// include=total: the number of matches, counted up to kTotalCap. Counting is exact and cheap
// up to there; past it the answer says "at least kTotalCap" (exact false) instead of scanning
// every match of a broad filter on each page.
inline constexpr int64_t kTotalCap = 10000;
struct Total {
  int64_t count = 0;
  bool exact = true;
};
// The Total of a count that stopped at kTotalCap + 1 rows.
inline Total TotalOf(int64_t counted) {
  return counted > kTotalCap ? Total{kTotalCap, false} : Total{counted, true};
}

// What a repository's List returns: up to RowsToFetch(limit) rows in the request's order, and
// the total when the request asked for it.
template <typename T>
struct Rows {
  std::vector<T> rows;
  std::optional<Total> total;
};

// A page of a list and the cursor of the next one.
template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;  // position JSON; empty on the last page
  std::optional<Total> total;
  // The position JSON just after an item, in the page's order (FillPage cuts pages short).
  std::function<std::string(const T&)> position;
};

// The page from up to RowsToFetch(limit) rows in the request's order: the first `limit` rows,
// and when there were more, the position of the last row kept as next_cursor.
template <typename T, size_t N>
Page<T> PageOf(Rows<T> rows, const KeysetRequest& req, const std::array<SortField<T>, N>& fields) {
  Page<T> page;
  auto key = fields[req.order.index].key;
  page.position = [key](const T& row) { return EncodeKeyset({key(row), row.id}); };
  page.total = rows.total;
  const auto limit = static_cast<size_t>(req.limit);
  if (rows.rows.size() > limit) {
    rows.rows.resize(limit);
    if (!rows.rows.empty()) page.next_cursor = page.position(rows.rows.back());
  }
  page.items = std::move(rows.rows);
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
    if (i > 0 && used >= max_bytes) return page.position(page.items[i - 1]);
    used += add(page.items[i]);
  }
  return page.next_cursor;
}

// A list response (repeated `items`, a `page` with next_cursor, as every List RPC has) filled
// from `page` within the byte bound; to_proto(item, message) fills one message.
template <typename T, typename Response, typename ToProto>
void FillResponse(const Page<T>& page, Response* out, ToProto&& to_proto) {
  if (page.total) {
    out->mutable_page()->set_total(page.total->count);
    out->mutable_page()->set_total_exact(page.total->exact);
  }
  out->mutable_page()->set_next_cursor(FillPage(page, [&](const T& item) {
    auto* message = out->add_items();
    to_proto(item, message);
    return message->ByteSizeLong();
  }));
}

}  // namespace iris::pagination
