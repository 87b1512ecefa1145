#include "services/membership/rpc/account_mapping.hpp"

namespace iris::membership::rpc {

void ToPrincipal(const domain::User& u, v1::Principal* out) {
  out->set_user_id(u.id);
  out->set_role(u.role);
  out->set_organization_id(u.organization_id.value_or(""));
  out->set_country(u.country.value_or(""));
  out->set_name(u.name);
  out->set_email(u.email);
  out->set_token_version(u.token_version);
}

}  // namespace iris::membership::rpc
