// Events <-> proto: what a body sent becomes the patch (the mask's fields, read-only ones named
// even when the mask leaves them out), enum words both ways, and the read-only parts an answer
// derives (places available, the window's closing day).
#include "services/events/rpc/event_mapping.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace iris::events::rpc {
namespace {

values::Time At(int64_t unix_seconds) { return values::Time(std::chrono::seconds(unix_seconds)); }

TEST(EventMappingTest, TheMaskSaysWhatWasSentAndReadOnlyValuesAlwaysCount) {
  v1::Event in;
  in.set_kind(v1::EVENT_KIND_PEER_REVIEW);
  in.set_format(v1::EVENT_FORMAT_IN_PERSON);
  in.set_status(v1::EVENT_STATUS_PUBLISHED);
  in.set_capacity(30);
  in.mutable_location()->set_city("Belgrade");
  in.mutable_registration()->set_closes_on("2031-10-14");
  google::protobuf::FieldMask mask;
  mask.add_paths("kind");
  mask.add_paths("country");   // sent as null: regional
  mask.add_paths("location");  // with a value
  mask.add_paths("capacity");  // with a value
  mask.add_paths("registration");
  mask.add_paths("bogus");
  const auto p = EventPatchFromProto(in, mask);
  EXPECT_EQ(p.kind, "peer_review");
  EXPECT_FALSE(p.format.has_value());  // not in the mask
  EXPECT_EQ(p.country, "");
  ASSERT_TRUE(p.location.has_value() && p.location->has_value());
  EXPECT_EQ((*p.location)->city, "Belgrade");
  EXPECT_EQ(p.capacity, std::optional<int>(30));
  ASSERT_TRUE(p.registration.has_value());
  EXPECT_EQ(p.registration->closes_on, "2031-10-14");
  EXPECT_EQ(p.registration->mode, "");
  EXPECT_EQ(p.read_only_sent, (std::vector<std::string>{"status"}));
  EXPECT_EQ(p.unknown_sent, (std::vector<std::string>{"bogus"}));
}

TEST(EventMappingTest, NullsClearWithAMask) {
  v1::Event in;
  google::protobuf::FieldMask mask;
  mask.add_paths("location");
  mask.add_paths("capacity");
  mask.add_paths("starts_at");
  const auto p = EventPatchFromProto(in, mask);
  ASSERT_TRUE(p.location.has_value());
  EXPECT_FALSE(p.location->has_value());
  ASSERT_TRUE(p.capacity.has_value());
  EXPECT_FALSE(p.capacity->has_value());
  ASSERT_TRUE(p.starts_at.has_value());
  EXPECT_FALSE(p.starts_at->has_value());
}

TEST(EventMappingTest, AnswersDeriveTheirReadOnlyParts) {
  domain::Event e;
  e.id = "e";
  e.kind = "training_of_trainers";
  e.format = "online";
  e.audience = "public";
  e.registration_mode = "application";
  e.title = {{"en", "ToT"}};
  e.timezone = "Europe/Belgrade";
  e.registration_closes_at = At(1634248800);  // the end of 14 October 2021 in Belgrade
  e.capacity = 10;
  e.taken = 4;
  e.waitlisted = 2;
  e.status = domain::EventStatus::kCompleted;
  v1::Event out;
  ToProto(e, &out);
  EXPECT_EQ(out.kind(), v1::EVENT_KIND_TRAINING_OF_TRAINERS);
  EXPECT_EQ(out.format(), v1::EVENT_FORMAT_ONLINE);
  EXPECT_EQ(out.audience(), v1::EVENT_AUDIENCE_PUBLIC);
  EXPECT_EQ(out.status(), v1::EVENT_STATUS_COMPLETED);
  EXPECT_EQ(out.registration().mode(), v1::REGISTRATION_MODE_APPLICATION);
  EXPECT_EQ(out.registration().closes_on(), "2021-10-14");
  EXPECT_FALSE(out.registration().has_opens_at());
  EXPECT_FALSE(out.has_location());
  EXPECT_FALSE(out.has_description());
  EXPECT_EQ(out.places().taken(), 4);
  EXPECT_EQ(out.places().waitlisted(), 2);
  EXPECT_EQ(out.places().available(), 6);
  e.capacity.reset();
  out.Clear();
  ToProto(e, &out);
  EXPECT_FALSE(out.has_capacity());
  EXPECT_FALSE(out.places().has_available());
}

}  // namespace
}  // namespace iris::events::rpc
