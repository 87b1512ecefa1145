// One mail as RFC 5322 text (RFC 2045 MIME, RFC 2047 encoded words): what the SMTP server is
// handed after DATA and what an .eml file holds. Pure: no I/O.
#pragma once

#include <string>
#include <string_view>

#include "libs/values/types.hpp"

namespace iris::notifications::domain {

struct OutgoingMail {
  std::string id;  // the mail_queue row: Message-ID <id@domain of from>, the same on every retry
  std::string from_address;
  std::string from_name;
  std::string to_address;
  std::string to_name;
  std::string subject;
  std::string body;      // UTF-8, lines ending in \n or \r\n
  std::string language;  // Content-Language
  values::Time date;
};

// An address we may put in a header and the SMTP envelope: local@domain, printable ASCII, no
// spaces, quotes, angle brackets, commas or line breaks (a recipient's stored email is checked
// again here: header injection must be impossible whatever was stored).
bool IsMailAddress(std::string_view address);

// Text for a header: every CR and LF (and other control characters) becomes a space.
std::string OneLine(std::string_view text);
// A header value: as is when printable ASCII, else RFC 2047 "B" encoded words (UTF-8, each at
// most 75 characters, never splitting a character), folded with CRLF SP.
std::string EncodeHeaderText(std::string_view text);
// The body as quoted-printable (RFC 2045 6.7): CRLF line ends, at most 76 characters a line.
std::string QuotedPrintable(std::string_view text);
// "Mon, 02 Jan 2006 15:04:05 +0000".
std::string MailDate(values::Time t);

// The whole mail, headers and body, CRLF throughout. The addresses must pass IsMailAddress.
std::string ComposeMail(const OutgoingMail& mail);

}  // namespace iris::notifications::domain
