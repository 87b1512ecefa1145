// Loads the demo data drawn from the seeds (`iris-membership --load-demo`).
#pragma once

#include "absl/status/status.h"
#include "libs/db/pool.hpp"

namespace iris::membership::storage {

// Idempotent: fixed ids, ON CONFLICT DO NOTHING. Audited as one "seed" action by the operator.
absl::Status LoadDemo(db::Pool& pool);

}  // namespace iris::membership::storage
