// The one-pass writer (api_writer.hpp) against the reference it replaced: protobuf's own JSON
// mapping, parsed and reshaped (internal::ProtobufMappedJson). Byte for byte, on random
// messages of every type of proto/ and on the cases where writers go wrong.
#include "libs/json/api_writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/message.h>
#include <google/protobuf/wrappers.pb.h>
#include <nlohmann/json.hpp>

#include "json_test.pb.h"
#include "libs/json/proto_json.hpp"
#include "libs/json/tests/random_message.hpp"

namespace iris::json {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::DescriptorPool;
using google::protobuf::FileDescriptor;
using google::protobuf::Message;
using testing::FillRandom;
using testing::RandomMessageOptions;

std::string Reference(const Message& m) {
  auto j = internal::ProtobufMappedJson(m);
  if (!j.ok()) return "null";
  return j->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Collect(const Descriptor& d, std::vector<const Descriptor*>* out) {
  if (d.options().map_entry()) return;  // not a message of its own in JSON
  out->push_back(&d);
  for (int i = 0; i < d.nested_type_count(); ++i) Collect(*d.nested_type(i), out);
}

// Every message type declared under proto/, found in the generated pool (the test links every
// package's generated code whole), plus the test's own messages.
std::vector<const Descriptor*> EveryMessageType() {
  std::vector<const Descriptor*> types;
  const std::filesystem::path root = IRIS_PROTO_ROOT;
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() == ".proto") {
      files.insert(std::filesystem::relative(entry.path(), root).generic_string());
    }
  }
  files.insert("json_test.proto");
  for (const auto& name : files) {
    const FileDescriptor* file = DescriptorPool::generated_pool()->FindFileByName(name);
    EXPECT_NE(file, nullptr) << name << " is not linked into json_writer_test";
    if (file == nullptr) continue;
    for (int i = 0; i < file->message_type_count(); ++i) Collect(*file->message_type(i), &types);
  }
  return types;
}

const Message* Generated(const Descriptor* d) {
  return google::protobuf::MessageFactory::generated_factory()->GetPrototype(d);
}

TEST(ApiWriterTest, FindsEveryMessageTypeOfProto) {
  const auto types = EveryMessageType();
  std::set<std::string> names;
  for (const auto* d : types) names.insert(d->full_name());
  EXPECT_TRUE(names.contains("iris.membership.v1.Organization"));
  EXPECT_TRUE(names.contains("iris.common.v1.LocalizedText"));
  EXPECT_TRUE(names.contains("iris.json.test.Sample"));
  EXPECT_GT(types.size(), 50u);
}

// Random messages of every type, as the gateway receives them (through the wire, so maps hold
// each key once), written by both: the same bytes.
TEST(ApiWriterTest, WritesWhatProtobufsMappingReshapedWritesForEveryType) {
  std::mt19937_64 rng(20261203);
  int compared = 0, nulls = 0;
  for (const Descriptor* d : EveryMessageType()) {
    // Generated classes, as in the gateway (a DynamicMessage keeps a map's repeated keys).
    const Message* prototype = Generated(d);
    for (int i = 0; i < 150; ++i) {
      std::unique_ptr<Message> built(prototype->New());
      FillRandom(built.get(), rng);
      std::unique_ptr<Message> m(prototype->New());
      ASSERT_TRUE(m->ParseFromString(built->SerializeAsString())) << d->full_name();
      const std::string expected = Reference(*m);
      ASSERT_EQ(ToJsonString(*m), expected) << d->full_name() << "\n" << m->DebugString();
      ++compared;
      nulls += expected == "null";
    }
  }
  EXPECT_GT(compared, 7000);
  EXPECT_LT(nulls, compared / 10);  // refused Timestamps are a few, not most
}

// The other direction (issue 13 item 4): what the writer writes, the reader (FromJson, which
// checks the API shape and hands protobuf's own mapping the rest) takes back to a message the
// writer writes the same bytes for, on random messages of every type. A body a client copied
// from an answer is read as the answer meant it. (Enum numbers this build does not know are
// written as numbers, as protobuf does, and refused when read: clients send words. FieldMask
// paths are field names, as clients send them.)
TEST(ApiWriterTest, WhatTheWriterWritesReadsBackToTheSameDocumentForEveryType) {
  std::mt19937_64 rng(20261204);
  const RandomMessageOptions as_clients_send{.as_clients_send = true};
  int compared = 0;
  for (const Descriptor* d : EveryMessageType()) {
    const Message* prototype = Generated(d);
    for (int i = 0; i < 60; ++i) {
      std::unique_ptr<Message> built(prototype->New());
      FillRandom(built.get(), rng, as_clients_send);
      std::unique_ptr<Message> m(prototype->New());
      ASSERT_TRUE(m->ParseFromString(built->SerializeAsString())) << d->full_name();
      const std::string written = ToJsonString(*m);
      if (written == "null") continue;  // a Timestamp protobuf refuses: nothing to read back
      std::unique_ptr<Message> back(prototype->New());
      const auto read = FromJson(nlohmann::json::parse(written), back.get());
      ASSERT_TRUE(read.ok()) << d->full_name() << ": " << read << "\n" << written;
      ASSERT_EQ(ToJsonString(*back), written) << d->full_name();
      ++compared;
    }
  }
  EXPECT_GT(compared, 2500);
}

TEST(ApiWriterTest, EmptyMessagesAndDefaultsMatch) {
  for (const Descriptor* d : EveryMessageType()) {
    std::unique_ptr<Message> m(Generated(d)->New());
    EXPECT_EQ(ToJsonString(*m), Reference(*m)) << d->full_name();
  }
}

TEST(ApiWriterTest, UnknownFieldsAreLeftOutAsProtobufDoes) {
  test::Sample s;
  s.set_display_name("x");
  s.GetReflection()->MutableUnknownFields(&s)->AddVarint(999, 5);
  s.GetReflection()->MutableUnknownFields(&s)->AddLengthDelimited(998, "hidden");
  EXPECT_EQ(ToJsonString(s), Reference(s));
  EXPECT_EQ(ToJsonString(s).find("hidden"), std::string::npos);
}

TEST(ApiWriterTest, SixtyFourBitExtremesAreExactNumbers) {
  test::Sample s;
  s.set_big_id(std::numeric_limits<int64_t>::min());
  s.set_big_unsigned(std::numeric_limits<uint64_t>::max());
  s.add_ids((int64_t{1} << 53) + 1);
  s.mutable_maybe_count()->set_value(std::numeric_limits<int64_t>::max());
  const std::string written = ToJsonString(s);
  EXPECT_EQ(written, Reference(s));
  EXPECT_NE(written.find("\"big_id\":-9223372036854775808"), std::string::npos);
  EXPECT_NE(written.find("\"big_unsigned\":18446744073709551615"), std::string::npos);
  EXPECT_NE(written.find("[9007199254740993]"), std::string::npos);
}

TEST(ApiWriterTest, SpecialNumbersMatch) {
  for (double v :
       {0.0, -0.0, 0.1, 1e21, 1e-7, 5e-324, 1.7976931348623157e308,
        std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    test::Sample s;
    s.set_ratio(v);
    s.set_weight(static_cast<float>(v));
    EXPECT_EQ(ToJsonString(s), Reference(s)) << v;
  }
}

// proto3 strings cannot carry invalid UTF-8 over the wire, but a message built in code can:
// the writer still writes valid JSON, with U+FFFD for each bad byte, where protobuf's mapping
// refused the whole document.
TEST(ApiWriterTest, InvalidUtf8IsReplacedAndTheDocumentStaysValid) {
  std::mt19937_64 rng(7);
  RandomMessageOptions options;
  options.invalid_utf8 = true;
  for (int i = 0; i < 500; ++i) {
    test::Sample s;
    FillRandom(&s, rng, options);
    const std::string written = ToJsonString(s);
    const auto parsed = nlohmann::json::parse(written, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << written;
  }
  test::Sample s;
  s.set_display_name(
      "a\xFF"
      "b\xC0\xAF"
      "c");
  EXPECT_NE(ToJsonString(s).find("\"a\xEF\xBF\xBD"
                                 "b\xEF\xBF\xBD\xEF\xBF\xBD"
                                 "c\""),
            std::string::npos);
}

// Nesting: the writer answers exactly where protobuf's printer stops (null) and never goes
// deeper, whatever depth a message built in code has.
TEST(ApiWriterTest, DeepNestingEndsWhereProtobufsPrinterEnds) {
  for (int depth : {1, 10, 60, 62, 63, 64, 65, 66, 70, 200}) {
    test::Tree root;
    test::Tree* node = &root;
    for (int i = 0; i < depth; ++i) node = node->mutable_child();
    node->set_name("leaf");
    EXPECT_EQ(ToJsonString(root), Reference(root)) << depth;
  }
}

TEST(ApiWriterTest, MapsOfEveryKeyKindAreWrittenInKeyOrder) {
  test::Tree t;
  (*t.mutable_by_flag())[true].set_name("t");
  (*t.mutable_by_flag())[false].set_name("f");
  (*t.mutable_blobs())[10] = "ten";
  (*t.mutable_blobs())[9] = "";
  (*t.mutable_blobs())[100] = "\x01\x02";
  EXPECT_EQ(ToJsonString(t), Reference(t));
  test::Sample s;
  (*s.mutable_names_by_id())[-5] = "";
  (*s.mutable_names_by_id())[7] = "seven";
  (*s.mutable_status_by_country())["RS"] = test::NETWORK_STATUS_ACTIVE;
  (*s.mutable_status_by_country())["BA"] = test::NETWORK_STATUS_UNSPECIFIED;
  (*s.mutable_title()->mutable_values())["sr"] = "Наслов";
  (*s.mutable_title()->mutable_values())["en"] = "";
  EXPECT_EQ(ToJsonString(s), Reference(s));
}

TEST(ApiWriterTest, WellKnownTypesAtTheTopMatch) {
  google::protobuf::Int64Value big;
  big.set_value(-7);
  EXPECT_EQ(ToJsonString(big), Reference(big));
  google::protobuf::StringValue empty;
  EXPECT_EQ(ToJsonString(empty), "\"\"");
  EXPECT_EQ(ToJsonString(empty), Reference(empty));
  google::protobuf::Timestamp late;
  late.set_seconds(253402300800);
  EXPECT_EQ(ToJsonString(late), "null");
}

TEST(ApiWriterTest, OneFieldAloneIsWhatTheWholeMessageHoldsForIt) {
  test::Sample s;
  s.add_lines()->set_label("one");
  s.add_lines()->set_amount(2);
  std::string items;
  ASSERT_TRUE(AppendApiJsonField(s, *s.GetDescriptor()->FindFieldByName("lines"), &items));
  EXPECT_EQ(nlohmann::json::parse(items), nlohmann::json::parse(Reference(s))["lines"]);
}

}  // namespace
}  // namespace iris::json
