// What one mail says: the message's template in the recipient's language, its placeholders
// filled from the message's thin payload, and the link into the API. Pure: no I/O.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "libs/values/types.hpp"
#include "services/notifications/domain/mail_template.hpp"

namespace iris::notifications::domain {

// One mail_queue row with what it needs from its message and recipient.
struct MailItem {
  std::string id;  // the mail_queue row
  std::string message_id;
  std::string type;
  std::string subject_id;
  nlohmann::json payload = nlohmann::json::object();
  values::Time occurred_at;
  std::string recipient_id;
  std::string email;  // empty: the recipient is unknown or inactive
  std::string name;
  std::string language;  // subscriptions.language, "en" without a row
  int attempts = 0;      // attempts made before this one
};

struct RenderedMail {
  std::string subject;
  std::string body;
  std::string language;  // the template's (after fallback)
};

// The path of the resource a message is about ("/v1/grant-calls/<id>"), or the inbox.
std::string LinkPathOf(std::string_view type, std::string_view subject_id,
                       const nlohmann::json& payload);
// Every placeholder of MailPlaceholders(), for the template's language.
MailValues MailValuesOf(const MailItem& item, std::string_view language,
                        std::string_view public_base_url);
RenderedMail RenderMail(const MailTemplates& templates, const MailItem& item,
                        std::string_view public_base_url);

}  // namespace iris::notifications::domain
