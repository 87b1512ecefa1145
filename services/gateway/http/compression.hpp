// gzip for answers (RFC 9110 §8.4.1.3, zlib): a JSON list of 50 organisations shrinks about
// sevenfold, which is what a phone on a slow link feels.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace iris::gateway::http {

// Bodies smaller than this are sent as they are: gzip's framing and the CPU cost outweigh the
// bytes saved.
inline constexpr size_t kMinGzipBytes = 1024;

// True when an Accept-Encoding value allows gzip: `gzip` or `x-gzip` with a q-value above 0,
// or `*` above 0 when gzip is not named. A malformed value allows nothing (identity is always
// acceptable).
bool AcceptsGzip(std::string_view accept_encoding);

// `data` as one gzip member, or nullopt if zlib fails (the caller then sends it as it is).
std::optional<std::string> Gzip(std::string_view data);

// A tag for `data`'s bytes: its length, CRC-32 and Adler-32 in hex ("1a2b-…-…"). For weak
// entity tags computed per answer, and the strong tags of documents served whole (computed
// once, routes/asset_reply.hpp): a few GB/s with zlib's checksums where SHA-256 would cost
// a list page tens of microseconds, and two independent checksums plus the length make a
// change that keeps all three a negligible chance.
std::string ContentTag(std::string_view data);

}  // namespace iris::gateway::http
