#include "services/gateway/http/compression.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/gateway/http/http_types.hpp"

namespace iris::gateway::http {
namespace {

// The q-value of one `coding;q=0.5` element: 1 without a q parameter, -1 when unreadable.
double QValue(std::string_view params) {
  const std::vector<std::string> parts = absl::StrSplit(std::string(params), ';');
  for (const std::string& p : parts) {
    const std::string param = absl::AsciiStrToLower(std::string(TrimOws(p)));
    if (param.rfind("q=", 0) != 0) continue;
    const std::string value = param.substr(2);
    char* end = nullptr;
    const double q = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || q < 0 || q > 1) return -1;
    return q;
  }
  return 1;
}

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  std::optional<double> gzip, any;
  const std::vector<std::string> elements = absl::StrSplit(std::string(accept_encoding), ',');
  for (const std::string& e : elements) {
    const std::string_view element = TrimOws(e);
    const size_t semicolon = element.find(';');
    const std::string coding =
        absl::AsciiStrToLower(std::string(TrimOws(element.substr(0, semicolon))));
    const double q =
        semicolon == std::string_view::npos ? 1 : QValue(element.substr(semicolon + 1));
    if (q < 0) return false;
    if (coding == "gzip" || coding == "x-gzip") gzip = q;
    if (coding == "*") any = q;
  }
  if (gzip) return *gzip > 0;
  return any && *any > 0;
}

std::optional<std::string> Gzip(std::string_view data) {
  z_stream z{};
  // 15 window bits + 16: a gzip header and trailer instead of zlib's. Level 6 is zlib's
  // default: JSON compresses well already there, and higher levels cost CPU for little.
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&z, Z_FINISH);
  const size_t written = out.size() - z.avail_out;
  deflateEnd(&z);
  if (result != Z_STREAM_END) return std::nullopt;
  out.resize(written);
  return out;
}

std::string ContentTag(std::string_view data) {
  const auto* bytes = reinterpret_cast<const Bytef*>(data.data());
  uLong crc = crc32(0L, Z_NULL, 0), adler = adler32(0L, Z_NULL, 0);
  // zlib takes uInt lengths: feed large bodies in pieces.
  for (size_t at = 0; at < data.size();) {
    const uInt n = static_cast<uInt>(std::min<size_t>(data.size() - at, 1u << 30));
    crc = crc32(crc, bytes + at, n);
    adler = adler32(adler, bytes + at, n);
    at += n;
  }
  return absl::StrCat(absl::Hex(data.size()), "-", absl::Hex(crc), "-", absl::Hex(adler));
}

}  // namespace iris::gateway::http
