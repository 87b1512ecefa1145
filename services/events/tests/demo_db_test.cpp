// The demo data (services/events/demo/*.sql) against the real schema, inside one transaction
// that is rolled back: every statement loads, a second load inserts nothing, the places kept on
// events and the counts kept on programmes and placements match their rows, certificates went
// exactly to those who attended enough, and the seeds' figures are there (over thirty at the
// peer review, the academy's call closing at the end of 14 October, an upcoming event open), and
// the service's repositories read them back (every demo event, a certificate by its code).
#include <gtest/gtest.h>

#include <string>

#include "events_demo.hpp"
#include "events_migrations.hpp"
#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "services/events/domain/event.hpp"
#include "services/events/storage/pg_event_repository.hpp"
#include "services/events/storage/pg_registration_repository.hpp"
#include "services/events/storage/statements.hpp"
#include "tests/support/test_env.hpp"

namespace iris::events {
namespace {

std::string EventsDatabaseUrl() {
  return iris::testing::RequireEnv("IRIS_TEST_EVENTS_DATABASE_URL");
}

// Each check counts the demo rows that disagree with what they count or with a rule the service
// keeps.
constexpr const char* kChecks[] = {
    // An event's places: taken = selected + confirmed, waitlisted, submitted.
    R"sql(SELECT count(*) FROM events.events e
          WHERE e.id::text LIKE '00000000-0000-4000-e000-%'
            AND (e.taken, e.waitlisted, e.submitted) <>
                (SELECT count(*) FILTER (WHERE r.status IN ('selected', 'confirmed'))::int,
                        count(*) FILTER (WHERE r.status = 'waitlisted')::int,
                        count(*) FILTER (WHERE r.status = 'submitted')::int
                   FROM events.registrations r WHERE r.event_id = e.id))sql",
    // Certificate codes: 'IRIS-' and 16 upper-case hexadecimal digits.
    R"sql(SELECT count(*) FROM events.registrations r
          WHERE r.id::text LIKE '00000000-0000-4000-e200-%' AND r.certificate_code IS NOT NULL
            AND r.certificate_code !~ '^IRIS-[0-9A-F]{16}$')sql",
    // A certificate exactly for each confirmed registration of a completed event that attended
    // at least the threshold of its local days; none anywhere else.
    R"sql(SELECT count(*) FROM events.registrations r
          JOIN events.events e ON e.id = r.event_id
          CROSS JOIN LATERAL (SELECT ((e.ends_at AT TIME ZONE e.timezone)::date -
                                      (e.starts_at AT TIME ZONE e.timezone)::date + 1) AS days) d
          WHERE r.id::text LIKE '00000000-0000-4000-e200-%'
            AND (r.certificate_code IS NOT NULL) <>
                (e.status = 'completed' AND r.status = 'confirmed'
                 AND cardinality(r.attended_days) * 100 >= e.certificate_threshold * d.days))sql",
    // Attendance only on confirmed registrations, on the event's local days, once each.
    R"sql(SELECT count(*) FROM events.registrations r
          JOIN events.events e ON e.id = r.event_id
          WHERE r.id::text LIKE '00000000-0000-4000-e200-%' AND cardinality(r.attended_days) > 0
            AND (r.status <> 'confirmed'
                 OR EXISTS (SELECT 1 FROM unnest(r.attended_days) a
                             WHERE a < (e.starts_at AT TIME ZONE e.timezone)::date
                                OR a > (e.ends_at AT TIME ZONE e.timezone)::date)
                 OR cardinality(r.attended_days) <>
                    (SELECT count(DISTINCT a) FROM unnest(r.attended_days) a)))sql",
    // A waitlisted registration has its place in the queue; no other has one.
    R"sql(SELECT count(*) FROM events.registrations r
          WHERE r.id::text LIKE '00000000-0000-4000-e200-%'
            AND (r.status = 'waitlisted') <> (r.waitlisted_at IS NOT NULL))sql",
    // A rejection says why (the verb requires a note).
    R"sql(SELECT count(*) FROM events.registrations r
          WHERE r.id::text LIKE '00000000-0000-4000-e200-%' AND r.status = 'rejected'
            AND coalesce(r.status_note, '') = '')sql",
    // Sessions inside their event's time.
    R"sql(SELECT count(*) FROM events.sessions s JOIN events.events e ON e.id = s.event_id
          WHERE s.id::text LIKE '00000000-0000-4000-e100-%'
            AND (s.starts_at < e.starts_at OR s.ends_at > e.ends_at))sql",
    // A programme's placements: its rows, of its kind.
    R"sql(SELECT count(*) FROM events.programmes p
          WHERE p.id::text LIKE '00000000-0000-4000-e300-%'
            AND (p.placements <> (SELECT count(*) FROM events.placements l
                                   WHERE l.programme_id = p.id)
                 OR EXISTS (SELECT 1 FROM events.placements l
                             WHERE l.programme_id = p.id AND l.kind <> p.kind)))sql",
    // A placement's session_count and total_minutes: its mentoring sessions, mentoring only.
    R"sql(SELECT count(*) FROM events.placements l
          CROSS JOIN LATERAL (SELECT count(*)::int AS n, coalesce(sum(m.minutes), 0)::int AS total
                                FROM events.mentoring_sessions m WHERE m.placement_id = l.id) x
          WHERE l.id::text LIKE '00000000-0000-4000-e400-%'
            AND ((l.session_count, l.total_minutes) <> (x.n, x.total)
                 OR (l.kind = 'traineeship' AND x.n > 0)))sql",
};

// The seeds' figures, each a query answering true.
constexpr const char* kFigures[] = {
    // Seed 004: "Over thirty participants ... gathered for the Peer Review", hosted by
    // Defendology, all of them certified.
    R"sql(SELECT e.kind = 'peer_review' AND e.status = 'completed'
                 AND e.host_organization_id = '00000000-0000-4000-8000-00000000000b'
                 AND e.starts_at = '2021-07-07T10:00:00+02:00'
                 AND (SELECT count(*) FROM events.registrations r
                       WHERE r.event_id = e.id AND r.certificate_code IS NOT NULL) > 30
          FROM events.events e WHERE e.id = '00000000-0000-4000-e000-000000000002')sql",
    // Seed 004: the IV Academy, 20-22 October 2021, "the call is open until 14th October
    // 2021": application mode, closing at the end of that day in Belgrade, English required.
    R"sql(SELECT e.kind = 'academy' AND e.edition = 'IV' AND e.registration_mode = 'application'
                 AND e.registration_closes_at = '2021-10-15T00:00:00+02:00'
                 AND (e.starts_at AT TIME ZONE e.timezone)::date = '2021-10-20'
                 AND (e.ends_at AT TIME ZONE e.timezone)::date = '2021-10-22'
                 AND e.languages = '{en}' AND e.language_requirement ? 'en'
                 AND (SELECT array_agg(DISTINCT r.status ORDER BY r.status)
                        FROM events.registrations r WHERE r.event_id = e.id) =
                     '{cancelled,confirmed,rejected,selected,waitlisted}'
          FROM events.events e WHERE e.id = '00000000-0000-4000-e000-000000000001')sql",
    // Seed 004: the Public Hearing over Zoom with ministries, UNICEF and IOM among the
    // speakers.
    R"sql(SELECT e.kind = 'public_hearing' AND e.format = 'online' AND e.country = 'RS'
                 AND (SELECT count(*) FROM events.sessions s,
                                           jsonb_array_elements(s.speakers) sp
                       WHERE s.event_id = e.id
                         AND (sp ->> 'organization' ~ '^Ministry'
                              OR sp ->> 'organization' IN ('UNICEF Serbia',
                                 'International Organization for Migration'))) >= 4
          FROM events.events e WHERE e.id = '00000000-0000-4000-e000-000000000003')sql",
    // The upcoming event takes registrations now, anonymous ones too, with places left.
    R"sql(SELECT e.status = 'published' AND e.registration_mode = 'open'
                 AND e.audience = 'public' AND e.registration_closes_at > now()
                 AND e.starts_at > e.registration_closes_at AND e.taken < e.capacity
          FROM events.events e WHERE e.id = '00000000-0000-4000-e000-000000000004')sql",
    // A mentoring placement for service licensing with a logged session; a traineeship.
    R"sql(SELECT EXISTS (SELECT 1 FROM events.placements l
                          WHERE l.kind = 'mentoring' AND l.topic LIKE 'service licensing%'
                            AND l.session_count > 0
                            AND l.id::text LIKE '00000000-0000-4000-e400-%')
             AND EXISTS (SELECT 1 FROM events.placements l
                          WHERE l.kind = 'traineeship' AND l.host_organization <> ''
                            AND l.id::text LIKE '00000000-0000-4000-e400-%'))sql",
};

TEST(DemoDbTest, LoadsOnceConsistentlyAndShowsTheSeedsFigures) {
  ASSERT_TRUE(db::MigrateService(EventsDatabaseUrl(), "events", migrations::kAll).ok());
  db::Pool pool(db::PoolConfig{.url = EventsDatabaseUrl(), .size = 1}, storage::Statements());
  const absl::Status rolled_back = absl::CancelledError("the demo is rolled back");
  auto status = pool.Write([&](db::Tx& tx) -> absl::Status {
    int inserted = 0;
    for (const auto& s : demo::kAll) inserted += tx.ExecSql(s.text).affected_rows();
    EXPECT_GT(inserted, 50);
    for (const auto& s : demo::kAll) {
      EXPECT_EQ(tx.ExecSql(s.text).affected_rows(), 0) << s.name << " is not idempotent";
    }
    for (const char* check : kChecks) {
      EXPECT_EQ(tx.ExecSql(check)[0][0].as<int>(), 0) << check;
    }
    for (const char* figure : kFigures) {
      EXPECT_TRUE(tx.ExecSql(figure)[0][0].as<bool>()) << figure;
    }

    // As the service reads them.
    storage::PgEventRepository events;
    for (const char* id :
         {"00000000-0000-4000-e000-000000000001", "00000000-0000-4000-e000-000000000002",
          "00000000-0000-4000-e000-000000000003", "00000000-0000-4000-e000-000000000004"}) {
      EXPECT_TRUE(events.FindById(tx, id).ok()) << id;
    }
    auto academy = events.FindById(tx, "00000000-0000-4000-e000-000000000001");
    if (academy.ok()) {
      EXPECT_EQ(domain::LocalDaysOf(*academy).size(), 3u) << "20, 21 and 22 October";
    }
    storage::PgRegistrationRepository registrations;
    auto certificate = registrations.FindCertificate(tx, "IRIS-3F9A61C07B2D48E5");
    EXPECT_TRUE(certificate.ok()) << certificate.status();
    if (certificate.ok()) {
      EXPECT_EQ(certificate->participant_name, "Jelena Petrović");
      EXPECT_EQ(certificate->starts_on, "2021-10-20");
      EXPECT_EQ(certificate->ends_on, "2021-10-22");
    }
    return rolled_back;
  });
  EXPECT_EQ(status, rolled_back);
}

}  // namespace
}  // namespace iris::events
