// Registrations against the real schema, with a fake membership directory: places never over
// capacity when registrations and selections race (each in its own thread and transaction),
// the waiting list's promotion on cancellation, selection only in application mode, and one
// live registration per email. registration_rules_db_test.cpp has who may do what.
#include <gtest/gtest.h>

#include "services/events/tests/registration_db_fixture.hpp"

namespace iris::events {
namespace {

TEST_F(RegistrationDbTest, ParallelRegistrationsConfirmExactlyTheCapacity) {
  const auto event = NewEvent("5");
  const auto member = NewMember();
  auto results = Concurrently(
      kThreads, [&](int) { return registrations_.Create(member, event, Person(NewEmail())); });
  int confirmed = 0, waitlisted = 0;
  for (const auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.status();
    (r->status == RegistrationStatus::kConfirmed ? confirmed : waitlisted) += 1;
    EXPECT_TRUE(r->status == RegistrationStatus::kConfirmed ||
                r->status == RegistrationStatus::kWaitlisted);
  }
  EXPECT_EQ(confirmed, 5);
  EXPECT_EQ(waitlisted, kThreads - 5);
  EXPECT_EQ(Places(event, "taken"), 5);
  EXPECT_EQ(Places(event, "waitlisted"), kThreads - 5);
  EXPECT_EQ(Number("SELECT count(*) FROM events.registrations WHERE event_id = '" + event +
                   "' AND status = 'confirmed'"),
            5);
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE type = "
                   "'events.registration.created' AND payload->>'event_id' = '" +
                   event + "'"),
            kThreads);
}

TEST_F(RegistrationDbTest, ParallelSelectionsNeverPassTheCapacity) {
  const auto event = NewEvent("4", "application");
  const auto member = NewMember();
  std::vector<std::string> ids;
  for (int i = 0; i < kThreads; ++i) {
    auto r = Register(member, event);
    EXPECT_EQ(r.status, RegistrationStatus::kSubmitted);
    ids.push_back(r.id);
  }
  EXPECT_EQ(Places(event, "submitted"), kThreads);
  const auto admin = Admin();
  auto results =
      Concurrently(kThreads, [&](int i) { return registrations_.Select(admin, ids[i], "", 0); });
  int selected = 0;
  for (const auto& r : results) {
    if (r.ok()) {
      ++selected;
    } else {
      EXPECT_EQ(Reason(r.status()), "over_capacity") << r.status();
    }
  }
  EXPECT_EQ(selected, 4);
  EXPECT_EQ(Places(event, "taken"), 4);
  EXPECT_EQ(Places(event, "submitted"), kThreads - 4);
}

TEST_F(RegistrationDbTest, CancellingAPlacePromotesTheFirstWaitlisted) {
  const auto event = NewEvent("1");
  const auto member = NewMember();
  const auto first = Register(member, event);
  const auto second = Register(member, event);
  const auto third = Register(member, event);
  EXPECT_EQ(first.status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(second.status, RegistrationStatus::kWaitlisted);
  EXPECT_EQ(third.status, RegistrationStatus::kWaitlisted);

  auto cancelled = registrations_.Cancel(member, first.id, "cannot travel", first.version);
  ASSERT_TRUE(cancelled.ok()) << cancelled.status();
  EXPECT_EQ(cancelled->status, RegistrationStatus::kCancelled);
  auto promoted = registrations_.Get(member, second.id);
  ASSERT_TRUE(promoted.ok());
  EXPECT_EQ(promoted->status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(registrations_.Get(member, third.id)->status, RegistrationStatus::kWaitlisted);
  EXPECT_EQ(Places(event, "taken"), 1);
  EXPECT_EQ(Places(event, "waitlisted"), 1);
  EXPECT_EQ(Number("SELECT count(*) FROM events.outbox WHERE type = "
                   "'events.registration.confirmed' AND subject_id = '" +
                   second.id + "'"),
            1);
  // Cancelling a waitlisted registration frees no place.
  ASSERT_TRUE(registrations_.Cancel(member, third.id, "", 0).ok());
  EXPECT_EQ(Places(event, "taken"), 1);
  EXPECT_EQ(Places(event, "waitlisted"), 0);
  // Twice: nothing to cancel.
  EXPECT_EQ(Reason(registrations_.Cancel(member, third.id, "", 0).status()), "invalid_transition");
}

TEST_F(RegistrationDbTest, ParallelCancellationsPromoteOneWaitlistedEach) {
  // 4 places taken and 12 waiting; the 4 holders cancel at once: 4 of the waiting move up, in
  // the order they joined the list.
  const auto event = NewEvent("4");
  const auto member = NewMember();
  std::vector<domain::Registration> all;
  for (int i = 0; i < 16; ++i) all.push_back(Register(member, event));
  auto results =
      Concurrently(4, [&](int i) { return registrations_.Cancel(member, all[i].id, "", 0); });
  for (const auto& r : results) ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(Places(event, "taken"), 4);
  EXPECT_EQ(Places(event, "waitlisted"), 8);
  for (int i = 4; i < 16; ++i) {
    EXPECT_EQ(registrations_.Get(member, all[i].id)->status,
              i < 8 ? RegistrationStatus::kConfirmed : RegistrationStatus::kWaitlisted)
        << i;
  }
}

TEST_F(RegistrationDbTest, ApplicationModeFlowAndItsPromotion) {
  const auto event = NewEvent("1", "application");
  const auto member = NewMember();
  const auto admin = Admin();
  const auto a = Register(member, event);
  const auto b = Register(member, event);
  // Members do not select; staff do.
  EXPECT_TRUE(absl::IsPermissionDenied(registrations_.Select(member, a.id, "", 0).status()));
  ASSERT_TRUE(registrations_.Select(admin, a.id, "", 0).ok());
  ASSERT_TRUE(registrations_.Waitlist(admin, b.id, "", 0).ok());
  EXPECT_EQ(Reason(registrations_.Select(admin, b.id, "", 0).status()), "over_capacity");
  EXPECT_EQ(Reason(registrations_.Reject(admin, b.id, " ", 0).status()), "validation");
  auto confirmed = registrations_.Confirm(member, a.id, "", 0);
  ASSERT_TRUE(confirmed.ok()) << confirmed.status();
  EXPECT_EQ(confirmed->status, RegistrationStatus::kConfirmed);
  EXPECT_EQ(Reason(registrations_.Confirm(member, a.id, "", 0).status()), "invalid_transition");
  EXPECT_EQ(Reason(registrations_.Cancel(member, a.id, "", 1).status()), "stale_version");
  ASSERT_TRUE(registrations_.Cancel(member, a.id, "", 0).ok());
  EXPECT_EQ(registrations_.Get(admin, b.id)->status, RegistrationStatus::kSelected);
  EXPECT_EQ(Places(event, "taken"), 1);
  EXPECT_EQ(Places(event, "waitlisted"), 0);
  EXPECT_EQ(Places(event, "submitted"), 0);
}

TEST_F(RegistrationDbTest, OpenEventsHaveNoSelection) {
  const auto event = NewEvent("3");
  const auto r = Register(NewMember(), event);
  EXPECT_EQ(Reason(registrations_.Select(Admin(), r.id, "", 0).status()), "invalid_transition");
}

TEST_F(RegistrationDbTest, OneLiveRegistrationPerEmail) {
  const auto event = NewEvent("NULL");
  const auto member = NewMember();
  auto first = registrations_.Create(member, event, Person("Dup@Example.org"));
  ASSERT_TRUE(first.ok()) << first.status();
  auto again = registrations_.Create(member, event, Person("dup@example.org"));
  EXPECT_EQ(Reason(again.status()), "already_registered") << again.status();
  EXPECT_TRUE(absl::IsAlreadyExists(again.status()));
  ASSERT_TRUE(registrations_.Cancel(member, first->id, "", 0).ok());
  EXPECT_TRUE(registrations_.Create(member, event, Person("dup@example.org")).ok());
}

}  // namespace
}  // namespace iris::events
