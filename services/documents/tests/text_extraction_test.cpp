// The text kept for search: plain text as valid UTF-8 only, PDFs through poppler (a real PDF
// made by tests/data/make_pdf.py), caps, and what has no text.
#include "services/documents/app/text_extraction.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

namespace iris::documents::app {
namespace {

std::string DataFile(const std::string& name) {
  std::ifstream in(std::string(IRIS_SOURCE_DIR) + "/services/documents/tests/data/" + name,
                   std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Feeds `bytes` in pieces of `piece` bytes.
std::string Extract(const std::string& media_type, const std::string& bytes, size_t piece = 3,
                    TextLimits limits = {}) {
  TextExtractor x(media_type, limits);
  for (size_t i = 0; i < bytes.size(); i += piece)
    x.Append(std::string_view(bytes).substr(i, piece));
  return x.Finish();
}

TEST(TextKindTest, MediaTypeOrPdfSignature) {
  EXPECT_EQ(TextKindOf("text/plain", ""), TextKind::kPlain);
  EXPECT_EQ(TextKindOf("Text/Markdown; charset=utf-8", "# hi"), TextKind::kPlain);
  EXPECT_EQ(TextKindOf("application/pdf", ""), TextKind::kPdf);
  EXPECT_EQ(TextKindOf(" APPLICATION/PDF ;x=1", ""), TextKind::kPdf);
  EXPECT_EQ(TextKindOf("application/octet-stream", "%PDF-1.7"), TextKind::kPdf);
  EXPECT_EQ(TextKindOf("text/plain", "%PDF-"), TextKind::kPdf);  // the bytes win
  EXPECT_EQ(TextKindOf("application/octet-stream", "PK\x03\x04"), TextKind::kNone);
  EXPECT_EQ(TextKindOf("image/png", ""), TextKind::kNone);
}

TEST(Utf8CollectorTest, KeepsValidUtf8AcrossPiecesAndDropsTheRest) {
  // "Čačak ђак €1 😀" split everywhere, with invalid bytes, an overlong "/", a surrogate and a
  // NUL mixed in.
  const std::string valid =
      "\xC4\x8C"
      "a\xC4\x8D"
      "ak \xD1\x92"
      "ak \xE2\x82\xAC"
      "1 \xF0\x9F\x98\x80";
  const std::string dirty = std::string(
                                "\xC4\x8C"
                                "a\xC4\x8D"
                                "ak\x00 \xD1\x92"
                                "ak \xFF",
                                15) +
                            "\xC0\xAF"
                            "\xED\xA0\x80"
                            "\xE2\x82\xAC"
                            "1 \x80\xF0\x9F\x98\x80"
                            "\xF0\x9F";
  for (size_t piece : {1u, 2u, 3u, 5u, 64u}) {
    SCOPED_TRACE(piece);
    EXPECT_EQ(Extract("text/plain", valid, piece), valid);
    // NUL became a space (words stay apart); the rest of the junk is gone.
    EXPECT_EQ(Extract("text/plain", dirty, piece),
              "\xC4\x8C"
              "a\xC4\x8D"
              "ak  \xD1\x92"
              "ak \xE2\x82\xAC"
              "1 \xF0\x9F\x98\x80");
  }
}

TEST(Utf8CollectorTest, StopsAtTheCapNeverInsideACharacter) {
  Utf8Collector c(5);
  c.Append("ab\xC4\x8C\xC4\x8D");  // 2 + 2 + 2 bytes: the last one does not fit
  EXPECT_TRUE(c.full());
  EXPECT_EQ(c.Take(), "ab\xC4\x8C");
  EXPECT_EQ(Extract("text/plain", std::string(1000, 'x'), 7, {.max_bytes = 100}).size(), 100u);
}

TEST(TextExtractorTest, ReadsThePagesOfARealPdf) {
  const std::string pdf = DataFile("two_pages.pdf");
  ASSERT_EQ(pdf.substr(0, 5), "%PDF-");
  for (size_t piece : {1u, 100u, 1u << 20}) {
    const std::string text = Extract("application/pdf", pdf, piece);
    EXPECT_NE(text.find("Guide on referral of migrants"), std::string::npos) << text;
    EXPECT_NE(text.find("Kragujevac"), std::string::npos) << text;
  }
  // Sniffed even when sent as bytes of no particular type.
  EXPECT_NE(Extract("application/octet-stream", pdf, 4096).find("socijalne"), std::string::npos);
}

TEST(TextExtractorTest, CapsPagesOfAPdf) {
  const std::string text =
      Extract("application/pdf", DataFile("two_pages.pdf"), 512, {.max_pages = 1});
  EXPECT_NE(text.find("referral"), std::string::npos);
  EXPECT_EQ(text.find("Kragujevac"), std::string::npos);
}

TEST(TextExtractorTest, StopsReadingAPdfPastItsTimeBudget) {
  // A budget already spent after the first page: the second is never read, the first is kept.
  const std::string text = Extract("application/pdf", DataFile("two_pages.pdf"), 512,
                                   {.max_time = std::chrono::milliseconds(0)});
  EXPECT_NE(text.find("referral"), std::string::npos) << text;
  EXPECT_EQ(text.find("Kragujevac"), std::string::npos) << text;
}

TEST(TextExtractorTest, AnUnreadablePdfHasNoText) {
  EXPECT_EQ(Extract("application/pdf", "%PDF-1.4\nthis is not a pdf at all"), "");
  EXPECT_EQ(Extract("application/pdf", "%PD"), "");  // shorter than the signature
  std::string truncated = DataFile("two_pages.pdf");
  truncated.resize(truncated.size() / 3);
  EXPECT_EQ(Extract("application/pdf", truncated, 50), "");  // no page survives the cut
}

TEST(TextExtractorTest, OtherFilesHaveNoText) {
  EXPECT_EQ(Extract("image/png", "\x89PNG\r\n\x1a\n text?"), "");
  EXPECT_EQ(Extract("application/octet-stream", ""), "");
  EXPECT_EQ(Extract("text/plain", ""), "");
  EXPECT_EQ(Extract("text/plain", "ab"), "ab");  // shorter than the signature: still text
}

}  // namespace
}  // namespace iris::documents::app
