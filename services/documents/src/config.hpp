// Documents' own settings, beyond the ones every service reads (libs/service/settings.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>

#include "libs/config/env.hpp"

namespace iris::documents {

struct OwnSettings {
  // Membership, asked when a document or a campaign names organisations; events, asked when a
  // campaign links events and whenever one is read (which of its events the caller sees). The
  // deadlines stay well below the gateway's upstream deadline (IRIS_UPSTREAM_DEADLINE_MS, 2000
  // ms): a slow dependency then makes documents answer 503 itself, before the gateway gives up
  // on documents while documents might still go on to write.
  std::string membership_address;
  std::chrono::milliseconds membership_deadline{1000};
  std::string events_address;
  std::chrono::milliseconds events_deadline{1000};
  // The largest file a version takes (the gateway's IRIS_MAX_UPLOAD_BYTES refuses larger
  // bodies before reading them) and how many uploads one replica streams at once (beyond:
  // RESOURCE_EXHAUSTED, 429 with Retry-After): each holds a connection for its transaction.
  int64_t max_file_bytes = 52428800;
  int max_uploads = 4;

  static OwnSettings Load(iris::config::Env& env) {
    using std::chrono::milliseconds;
    OwnSettings s;
    s.membership_address = env.String("IRIS_MEMBERSHIP_ADDR", "127.0.0.1:50051");
    s.membership_deadline = env.Millis("IRIS_DOCUMENTS_MEMBERSHIP_DEADLINE_MS", milliseconds(1000),
                                       milliseconds(50), milliseconds(30000));
    s.events_address = env.String("IRIS_EVENTS_ADDR", "127.0.0.1:50053");
    s.events_deadline = env.Millis("IRIS_DOCUMENTS_EVENTS_DEADLINE_MS", milliseconds(1000),
                                   milliseconds(50), milliseconds(30000));
    s.max_file_bytes =
        env.Int("IRIS_DOCUMENTS_MAX_FILE_BYTES", 52428800, 1, std::numeric_limits<int>::max());
    s.max_uploads = env.Int("IRIS_DOCUMENTS_MAX_UPLOADS", 4, 1, 256);
    return s;
  }
};

}  // namespace iris::documents
