#include "services/notifications/domain/mail_format.hpp"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "libs/values/base64url.hpp"

namespace iris::notifications::domain {
namespace {

constexpr size_t kMaxEncodedBytes = 45;  // 60 base64 characters: a 72-character encoded word

// RFC 2047 wants standard base64 with padding; the kit has base64url.
std::string Base64(std::string_view bytes) {
  std::string s = values::Base64UrlEncode(bytes);
  for (char& c : s) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (s.size() % 4 != 0) s.push_back('=');
  return s;
}

bool Printable(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// A display name as a quoted-string (RFC 5322 3.2.4) or encoded words.
std::string DisplayName(std::string_view name) {
  const std::string one = OneLine(name);
  if (one.find_first_not_of(' ') == std::string::npos) return "";
  if (!Printable(one)) return EncodeHeaderText(one) + " ";
  std::string quoted = "\"";
  for (char c : one) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
  }
  return quoted + "\" ";
}

std::string DomainOf(std::string_view address) {
  const size_t at = address.rfind('@');
  return std::string(at == std::string_view::npos ? address : address.substr(at + 1));
}

}  // namespace

bool IsMailAddress(std::string_view address) {
  if (address.size() < 3 || address.size() > 254) return false;
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
  for (unsigned char c : address) {
    if (c <= 0x20 || c >= 0x7f) return false;
    if (c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == '(' || c == ')' ||
        c == '\\' || c == '[' || c == ']' || c == ':') {
      return false;
    }
  }
  return address.find('@') == at;
}

std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out;
}

std::string EncodeHeaderText(std::string_view text) {
  const std::string one = OneLine(text);
  if (Printable(one)) return one;
  std::string out;
  size_t pos = 0;
  while (pos < one.size()) {
    size_t end = std::min(one.size(), pos + kMaxEncodedBytes);
    // Back off to a character boundary: continuation bytes are 10xxxxxx.
    while (end < one.size() && end > pos && (static_cast<unsigned char>(one[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!out.empty()) out += "\r\n ";
    absl::StrAppend(&out, "=?UTF-8?B?", Base64(std::string_view(one).substr(pos, end - pos)), "?=");
    pos = end;
  }
  return out;
}

std::string QuotedPrintable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  size_t line_start = 0;
  while (line_start <= text.size()) {
    size_t eol = text.find('\n', line_start);
    const bool last = eol == std::string_view::npos;
    std::string_view line =
        text.substr(line_start, last ? std::string_view::npos : eol - line_start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    size_t width = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      const unsigned char c = line[i];
      const bool trailing_space = (c == ' ' || c == '\t') && i + 1 == line.size();
      std::string piece;
      if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !trailing_space)) {
        piece.assign(1, static_cast<char>(c));
      } else {
        piece = {'=', kHex[c >> 4], kHex[c & 15]};
      }
      // 75 plus the soft break's "=" keeps every line within 76.
      if (width + piece.size() > 75) {
        out += "=\r\n";
        width = 0;
      }
      out += piece;
      width += piece.size();
    }
    if (last) break;
    out += "\r\n";
    line_start = eol + 1;
  }
  return out;
}

std::string MailDate(values::Time t) {
  return absl::FormatTime("%a, %d %b %Y %H:%M:%S +0000", absl::FromChrono(t), absl::UTCTimeZone());
}

std::string ComposeMail(const OutgoingMail& m) {
  std::string out;
  absl::StrAppend(&out, "Date: ", MailDate(m.date), "\r\n");
  absl::StrAppend(&out, "Message-ID: <", OneLine(m.id), "@", DomainOf(m.from_address), ">\r\n");
  absl::StrAppend(&out, "From: ", DisplayName(m.from_name), "<", m.from_address, ">\r\n");
  absl::StrAppend(&out, "To: ", DisplayName(m.to_name), "<", m.to_address, ">\r\n");
  absl::StrAppend(&out, "Subject: ", EncodeHeaderText(m.subject), "\r\n");
  absl::StrAppend(&out, "MIME-Version: 1.0\r\n");
  absl::StrAppend(&out, "Content-Type: text/plain; charset=UTF-8\r\n");
  absl::StrAppend(&out, "Content-Transfer-Encoding: quoted-printable\r\n");
  if (!m.language.empty() && Printable(m.language)) {
    absl::StrAppend(&out, "Content-Language: ", OneLine(m.language), "\r\n");
  }
  absl::StrAppend(&out, "Auto-Submitted: auto-generated\r\n");
  absl::StrAppend(&out, "\r\n", QuotedPrintable(m.body));
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

}  // namespace iris::notifications::domain
