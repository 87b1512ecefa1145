// The text of an uploaded file, for search (issue 18 decision 6), gathered while the file
// streams in: plain text (text/*, taken as UTF-8, invalid bytes dropped) and PDF (spooled to a
// temporary file, then read with poppler-cpp). Other files have no text. Capped, so a huge
// file costs bounded memory and index size.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>

namespace iris::documents::app {

// A crafted PDF can make poppler spend seconds on one page, and the upload's transaction (and
// the document's row lock) waits for its text: past this wall-clock budget, checked between
// pages, the pages read so far are what gets indexed.
inline constexpr std::chrono::milliseconds kPdfTextBudget{10'000};

struct TextLimits {
  int max_pages = 2000;                                 // of a PDF
  size_t max_bytes = 512 * 1024;                        // of the text kept per file (UTF-8)
  std::chrono::milliseconds max_time = kPdfTextBudget;  // reading a PDF, from load on
};

// What a file's media type and first bytes say about its text.
enum class TextKind { kNone, kPlain, kPdf };

// `media_type` as the client sent it (parameters and case ignored); `head` the first bytes of
// the file (at least 5 for the `%PDF-` signature, which wins over any media type).
TextKind TextKindOf(std::string_view media_type, std::string_view head);

// Keeps the valid UTF-8 of bytes that arrive in pieces (a character may span two), dropping
// invalid sequences, NUL (Postgres text cannot hold it) and other control characters but tab,
// line feed and carriage return; stops at `max_bytes`, never inside a character.
class Utf8Collector {
 public:
  explicit Utf8Collector(size_t max_bytes) : max_bytes_(max_bytes) {}
  void Append(std::string_view bytes);
  bool full() const { return full_; }
  // The text so far (a character cut by the end of the input is dropped).
  std::string Take() { return std::move(text_); }

 private:
  void AppendCharacter(std::string_view c);

  const size_t max_bytes_;
  std::string text_;
  std::string pending_;  // the start of a character whose other bytes have not arrived
  bool full_ = false;
};

// One file's text, fed as it streams: Append each piece in order, then Finish once.
class TextExtractor {
 public:
  TextExtractor(std::string media_type, TextLimits limits = {});
  ~TextExtractor();  // removes the spool file, if any
  TextExtractor(const TextExtractor&) = delete;
  TextExtractor& operator=(const TextExtractor&) = delete;

  void Append(std::string_view bytes);
  // The text, capped; "" for files without text and for PDFs poppler cannot read (logged:
  // the file is stored, just not found by its words).
  std::string Finish();

  // Decided once the first 5 bytes arrived (or at Finish for shorter files).
  TextKind kind() const { return kind_; }

 private:
  void Decide();
  void Feed(std::string_view bytes);
  std::string PdfText();

  const std::string media_type_;
  const TextLimits limits_;
  std::string head_;  // the first bytes, until the kind is decided
  bool decided_ = false;
  TextKind kind_ = TextKind::kNone;
  Utf8Collector plain_;
  std::FILE* spool_ = nullptr;  // the PDF so far
  std::string spool_path_;
  bool spool_failed_ = false;
};

}  // namespace iris::documents::app
