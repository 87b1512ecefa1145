#include "services/gateway/routes/router.hpp"

#include "absl/strings/str_join.h"
#include "libs/status/status.hpp"
#include "services/gateway/http/url.hpp"

namespace iris::gateway {

std::vector<std::string_view> SplitPath(std::string_view raw_path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i <= raw_path.size()) {
    size_t j = raw_path.find('/', i);
    if (j == std::string_view::npos) j = raw_path.size();
    if (j > i) out.push_back(raw_path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

Router::Router(std::vector<Route> routes) : routes_(std::move(routes)) {
  for (const auto& r : routes_) {
    Compiled c;
    for (auto s : SplitPath(r.path)) c.segments.emplace_back(s);
    compiled_.push_back(std::move(c));
  }
}

absl::StatusOr<Router::Match> Router::Find(std::string_view method, std::string_view raw_path,
                                           std::string* allow) const {
  // Decode each segment after splitting, so an encoded "/" (%2F) stays inside its segment.
  std::vector<std::string> segments;
  for (auto raw : SplitPath(raw_path)) {
    IRIS_ASSIGN_OR_RETURN(auto decoded, http::PercentDecode(raw, /*plus_as_space=*/false));
    segments.push_back(std::move(decoded));
  }
  std::vector<std::string> allowed;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const auto& tpl = compiled_[i].segments;
    if (tpl.size() != segments.size()) continue;
    Match m;
    bool ok = true;
    for (size_t k = 0; k < tpl.size() && ok; ++k) {
      const auto& t = tpl[k];
      if (t.size() > 2 && t.front() == '{' && t.back() == '}') {
        m.params[t.substr(1, t.size() - 2)] = segments[k];
      } else {
        ok = t == segments[k];
      }
    }
    if (!ok) continue;
    // RFC 9110 §9.3.2: HEAD is GET without the content; the adapter sends no body for it.
    const bool get = routes_[i].method == Method::kGet;
    if (MethodName(routes_[i].method) == method || (get && method == "HEAD")) {
      m.route = &routes_[i];
      return m;
    }
    allowed.emplace_back(MethodName(routes_[i].method));
    if (get) allowed.emplace_back("HEAD");
  }
  if (allowed.empty()) return absl::NotFoundError("no resource at this path");
  if (allow != nullptr) *allow = absl::StrJoin(allowed, ", ");
  return iris::status::WithDetail(
      absl::UnimplementedError(std::string(method) +
                               " is not allowed here; allowed: " + absl::StrJoin(allowed, ", ")),
      "method_not_allowed");
}

bool Router::StreamsBody(std::string_view method, std::string_view raw_path) const {
  std::string allow;
  auto match = Find(method, raw_path, &allow);
  return match.ok() && match->route->body == Body::kStream;
}

}  // namespace iris::gateway
