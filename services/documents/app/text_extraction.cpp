#include "services/documents/app/text_extraction.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <utility>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include "absl/strings/ascii.h"
#include "libs/log/log.hpp"

namespace iris::documents::app {
namespace {

constexpr std::string_view kPdfSignature = "%PDF-";

// The bytes a UTF-8 sequence starting with `lead` has in all; 0 for a byte that cannot lead.
size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;  // a continuation byte, an overlong lead (C0, C1) or beyond U+10FFFF
}

// Whether `b` may follow `pending` (a lead and its continuations so far): the second byte's
// range excludes overlong forms, UTF-16 surrogates and code points beyond U+10FFFF, which
// Postgres refuses as much as invalid bytes.
bool Continues(std::string_view pending, unsigned char b) {
  if (b < 0x80 || b > 0xBF) return false;
  if (pending.size() > 1) return true;
  switch (static_cast<unsigned char>(pending[0])) {
    case 0xE0: return b >= 0xA0;
    case 0xED: return b <= 0x9F;
    case 0xF0: return b >= 0x90;
    case 0xF4: return b <= 0x8F;
    default: return true;
  }
}

// Poppler reports a broken PDF on stderr unless told otherwise; the upload logs its own line.
void PopplerMessage(const std::string& message, void* /*closure*/) {
  iris::log::Debug("poppler", {{"message", message}});
}

void RoutePopplerMessages() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(&PopplerMessage, nullptr); });
}

std::string TempDir() {
  const char* dir = std::getenv("TMPDIR");
  return dir != nullptr && *dir != '\0' ? dir : "/tmp";
}

}  // namespace

TextKind TextKindOf(std::string_view media_type, std::string_view head) {
  if (head.substr(0, kPdfSignature.size()) == kPdfSignature) return TextKind::kPdf;
  std::string type(media_type.substr(0, media_type.find(';')));
  type = absl::AsciiStrToLower(absl::StripAsciiWhitespace(type));
  if (type == "application/pdf") return TextKind::kPdf;
  if (type.rfind("text/", 0) == 0) return TextKind::kPlain;
  return TextKind::kNone;
}

void Utf8Collector::Append(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size() && !full_; ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (!pending_.empty()) {
      if (Continues(pending_, b)) {
        pending_.push_back(static_cast<char>(b));
        if (pending_.size() == SequenceLength(static_cast<unsigned char>(pending_[0]))) {
          AppendCharacter(pending_);
          pending_.clear();
        }
        continue;
      }
      pending_.clear();  // a cut sequence: dropped; `b` starts afresh
    }
    const size_t length = SequenceLength(b);
    if (length == 0) continue;  // an invalid byte: dropped
    if (length == 1) {
      // Control characters would glue words together if dropped: a space keeps them apart.
      const bool control = b < 0x20 || b == 0x7F;
      const char c = control && b != '\t' && b != '\n' && b != '\r' ? ' ' : static_cast<char>(b);
      AppendCharacter(std::string_view(&c, 1));
      continue;
    }
    pending_.push_back(static_cast<char>(b));
  }
}

void Utf8Collector::AppendCharacter(std::string_view c) {
  if (text_.size() + c.size() > max_bytes_) {
    full_ = true;
    return;
  }
  text_.append(c);
}

TextExtractor::TextExtractor(std::string media_type, TextLimits limits)
    : media_type_(std::move(media_type)), limits_(limits), plain_(limits.max_bytes) {}

TextExtractor::~TextExtractor() {
  if (spool_ != nullptr) std::fclose(spool_);
  if (!spool_path_.empty()) ::unlink(spool_path_.c_str());
}

void TextExtractor::Append(std::string_view bytes) {
  if (decided_) {
    Feed(bytes);
    return;
  }
  const size_t take = std::min(bytes.size(), kPdfSignature.size() - head_.size());
  head_.append(bytes.substr(0, take));
  if (head_.size() < kPdfSignature.size()) return;
  Decide();
  Feed(bytes.substr(take));
}

void TextExtractor::Decide() {
  decided_ = true;
  kind_ = TextKindOf(media_type_, head_);
  if (kind_ == TextKind::kPdf) {
    // mkstemp(3)'s template: it replaces the name's last six characters (they must be "X").
    std::string path = TempDir() + "/iris-documents-XXXXXX";
    const int fd = ::mkstemp(path.data());
    if (fd < 0) {
      iris::log::Warn("pdf not spooled: no temporary file",
                      {{"dir", TempDir()}, {"error", std::strerror(errno)}});
      spool_failed_ = true;
    } else {
      spool_path_ = path;
      spool_ = ::fdopen(fd, "wb");
      if (spool_ == nullptr) {
        ::close(fd);
        spool_failed_ = true;
      }
    }
  }
  Feed(head_);
  head_.clear();
}

void TextExtractor::Feed(std::string_view bytes) {
  if (bytes.empty()) return;
  switch (kind_) {
    case TextKind::kPlain: plain_.Append(bytes); break;
    case TextKind::kPdf:
      if (spool_failed_) break;
      if (std::fwrite(bytes.data(), 1, bytes.size(), spool_) != bytes.size()) {
        iris::log::Warn("pdf not spooled: write failed", {{"error", std::strerror(errno)}});
        spool_failed_ = true;
      }
      break;
    case TextKind::kNone: break;
  }
}

std::string TextExtractor::Finish() {
  if (!decided_) Decide();
  switch (kind_) {
    case TextKind::kPlain: return plain_.Take();
    case TextKind::kPdf: return PdfText();
    case TextKind::kNone: break;
  }
  return "";
}

std::string TextExtractor::PdfText() {
  if (spool_ != nullptr) {
    if (std::fclose(spool_) != 0) spool_failed_ = true;
    spool_ = nullptr;
  }
  if (spool_failed_) return "";
  RoutePopplerMessages();
  const auto started = std::chrono::steady_clock::now();
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(spool_path_));
  if (doc == nullptr || doc->is_locked()) {
    iris::log::Warn("pdf text not extracted: poppler cannot read the file; stored unindexed",
                    {{"locked", doc != nullptr}});
    return "";
  }
  Utf8Collector text(limits_.max_bytes);
  const int pages = std::min(doc->pages(), limits_.max_pages);
  for (int i = 0; i < pages && !text.full(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (page == nullptr) continue;
    const poppler::byte_array utf8 = page->text().to_utf8();
    text.Append(std::string_view(utf8.data(), utf8.size()));
    text.Append("\n");
    const auto spent = std::chrono::steady_clock::now() - started;
    if (i + 1 < pages && !text.full() && spent >= limits_.max_time) {
      iris::log::Warn(
          "pdf text cut short: over its time budget; the pages read so far are indexed",
          {{"pages_read", i + 1},
           {"pages", pages},
           {"spent_ms", std::chrono::duration_cast<std::chrono::milliseconds>(spent).count()},
           {"budget_ms", limits_.max_time.count()}});
      break;
    }
  }
  return text.Take();
}

}  // namespace iris::documents::app
