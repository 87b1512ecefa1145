// Accounts <-> proto, shared by the Accounts and Sessions services.
#pragma once

#include "iris/membership/v1/accounts.pb.h"
#include "services/membership/domain/account.hpp"

namespace iris::membership::rpc {

// Who a credential belongs to, as the gateway puts it in its tokens.
void ToPrincipal(const domain::User& u, v1::Principal* out);

}  // namespace iris::membership::rpc
