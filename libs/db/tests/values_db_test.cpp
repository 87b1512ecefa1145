// The row readers of values.hpp on what Postgres sends for NULLs, arrays and jsonb, read by name.
#include "libs/db/values.hpp"

#include <gtest/gtest.h>

#include "libs/db/testing/scratch_schema.hpp"

namespace iris::db {
namespace {

TEST(ValuesDbTest, ReadsNullsArraysAndTranslationsByColumnName) {
  const pqxx::result rows = testing::ExecAsSuperuser(
      "SELECT NULL::text AS no_text, 'x'::text AS some_text,"
      " NULL::bigint AS no_time_us, 1700000000123456::bigint AS time_us,"
      " array_to_json(ARRAY['a', 'b \"c\"', 'd\\e'])::text AS items,"
      " array_to_json('{}'::text[])::text AS no_items,"
      " '{\"en\": \"Serbia\", \"sr-Cyrl\": \"Србија\", \"rank\": 1}'::jsonb::text AS name");
  const pqxx::row r = rows.at(0);
  EXPECT_EQ(OptionalText(r["no_text"]), std::nullopt);
  EXPECT_EQ(OptionalText(r["some_text"]), "x");
  EXPECT_EQ(OptionalTimeOf(r["no_time_us"]), std::nullopt);
  EXPECT_EQ(OptionalTimeOf(r["time_us"]), Time(std::chrono::microseconds(1700000000123456)));
  EXPECT_EQ(TextArrayOf(r["items"]), (std::vector<std::string>{"a", "b \"c\"", "d\\e"}));
  EXPECT_TRUE(TextArrayOf(r["no_items"]).empty());
  // A value that is no text (here a number) is left out, not a failed read.
  EXPECT_EQ(LocalizedTextOf(r["name"]),
            (values::LocalizedText{{"en", "Serbia"}, {"sr-Cyrl", "Србија"}}));
}

}  // namespace
}  // namespace iris::db
