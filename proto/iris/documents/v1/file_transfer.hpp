// What PutFile and GetFile (documents.proto) carry beside their messages, and how a file is
// tagged: the gateway and the documents service must agree on these, so they are written once,
// beside the contract. No protobuf here: the service's pure rules include it too.
#pragma once

#include <string>
#include <string_view>

namespace iris::documents::v1 {

// Initial metadata of a PutFile whose header passed the service's checks: the gateway sends
// the body's data only after it (so a refused upload is answered before it is read).
inline constexpr const char* kUploadAcceptedKey = "x-iris-upload-accepted";

// Trailing metadata of an OUT_OF_RANGE GetFile: the file's size (decimal), for the gateway's
// `Content-Range: bytes */<size>`.
inline constexpr const char* kFileSizeKey = "x-iris-file-size";

// The entity tag a file is served with: its SHA-256 (hex) in quotes. Strong: a stored file's
// bytes never change.
inline std::string FileEtag(std::string_view sha256) { return "\"" + std::string(sha256) + "\""; }

}  // namespace iris::documents::v1
