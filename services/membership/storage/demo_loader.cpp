#include "services/membership/storage/demo_loader.hpp"

#include "libs/db/outbox.hpp"
#include "membership_demo.hpp"

namespace iris::membership::storage {

absl::Status LoadDemo(db::Pool& pool) {
  return pool.Write([](db::Tx& tx) -> absl::Status {
    int inserted = 0;
    for (const auto& statement : demo::kAll) {
      inserted += static_cast<int>(tx.ExecSql(statement.text).affected_rows());
    }
    if (inserted == 0) return absl::OkStatus();  // already loaded: nothing happened
    db::Change change;
    change.type = "membership.demo.loaded";
    change.subject_type = "demo";
    change.subject_id = "seeds";
    change.action = "seed";
    change.payload = {{"inserted", inserted}};
    change.audit = change.payload;
    return db::RecordChange(tx, "membership", {"operator", "", ""}, change);
  });
}

}  // namespace iris::membership::storage
