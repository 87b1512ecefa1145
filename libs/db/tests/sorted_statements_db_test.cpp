// A list statement in every order: each variant pages through every row exactly once in its
// order (ties broken by id), descending text starts without a position, dates COALESCEd to
// infinity come last, and the count sees every match up to its limit. Real Postgres, real
// prepared statements.
#include "libs/db/sorted_statements.hpp"

#include <gtest/gtest.h>

#include <pqxx/nontransaction>

#include "libs/db/testing/scratch_schema.hpp"

namespace iris::db {
namespace {

using pagination::KeyKind;

struct Item {
  std::string id;
  std::string name;
  std::string due;  // YYYY-MM-DD or ""
  std::string created_us;
};

const std::array<pagination::SortField<Item>, 3> kSorts{{
    {"created_at", KeyKind::kInstant, "items.created_at",
     [](const Item& i) { return i.created_us; }},
    {"name", KeyKind::kText, R"(items.name COLLATE "und-x-icu")",
     [](const Item& i) { return i.name; }},
    {"due", KeyKind::kDate, "COALESCE(items.due, 'infinity'::date)",
     [](const Item& i) { return pagination::DateKey(i.due); }},
}};

class SortedStatementsDbTest : public ::testing::Test {
 protected:
  SortedStatementsDbTest()
      : schema_("t_sorted"),
        list_text_(
            "SELECT id::text AS id, name, coalesce(to_char(due, 'YYYY-MM-DD'), '') AS due,"
            " (extract(epoch FROM created_at) * 1000000)::bigint::text AS created_us"
            " FROM " +
            schema_.name() +
            ".items WHERE ($1::text IS NULL OR name <> $1) AND @after $2 $3 items.id@"
            " @order_by items.id@ LIMIT $4"),
        base_{"items_list", list_text_.c_str()},
        set_(std::vector<Statement>{base_}, {{&base_, SortKeysOf(kSorts)}}) {
    pqxx::connection conn(schema_.OwnerUrl());
    pqxx::nontransaction tx(conn);
    tx.exec("CREATE TABLE " + schema_.name() +
            ".items (id uuid PRIMARY KEY, name text NOT NULL, due date,"
            " created_at timestamptz NOT NULL)");
    // Ties on every key (two "Ana", two equal instants, two without a date), case,
    // diacritics and Cyrillic.
    tx.exec("INSERT INTO " + schema_.name() +
            ".items VALUES"
            " ('00000000-0000-4000-8000-000000000001', 'Ana', '2027-01-01', '2026-01-01'),"
            " ('00000000-0000-4000-8000-000000000002', 'Ana', NULL, '2026-01-01'),"
            " ('00000000-0000-4000-8000-000000000003', 'čaj', NULL, '2026-01-02'),"
            " ('00000000-0000-4000-8000-000000000004', 'car', '2026-06-30', '2026-01-03'),"
            " ('00000000-0000-4000-8000-000000000005', 'Dan', '2026-06-30', '2026-01-04'),"
            " ('00000000-0000-4000-8000-000000000006', 'Београд', '2028-01-01', '2026-01-05'),"
            " ('00000000-0000-4000-8000-000000000007', 'ana', '2025-01-01', '2026-01-06')");
    conn_ = std::make_unique<pqxx::connection>(schema_.OwnerUrl());
    for (const auto& s : set_.all()) conn_->prepare(s.name, s.text);
  }

  // Every page of `sort` at `limit` rows, walked with the cursors PageOf hands out.
  std::vector<std::string> Walk(const std::string& sort, int limit, bool* counted = nullptr) {
    std::vector<std::string> names;
    std::string cursor;
    for (int guard = 0; guard < 20; ++guard) {
      auto req =
          pagination::KeysetRequestOf(pagination::PageParams{limit, cursor, sort, true}, kSorts);
      EXPECT_TRUE(req.ok()) << req.status();
      pqxx::nontransaction tx(*conn_);
      Tx t(tx);
      const auto [key, id] = KeysetBindOf(*req);
      auto rows = ListRows<Item>(
          base_, *req,
          [&](const Statement& s, int n) {
            return t.Exec(s, std::optional<std::string>(), key, id, n);
          },
          [](const Row& r) {
            return Item{r["id"].as<std::string>(), r["name"].as<std::string>(),
                        r["due"].as<std::string>(), r["created_us"].as<std::string>()};
          });
      EXPECT_TRUE(rows.ok()) << rows.status();
      EXPECT_TRUE(rows->total.has_value());
      if (counted) *counted = rows->total && rows->total->count == 7 && rows->total->exact;
      auto page = pagination::PageOf(*std::move(rows), *req, kSorts);
      for (const auto& item : page.items) names.push_back(item.name + "/" + item.id.substr(35));
      if (page.next_cursor.empty()) return names;
      cursor = page.next_cursor;
    }
    ADD_FAILURE() << "pages never ended";
    return names;
  }

  testing::ScratchSchema schema_;
  std::string list_text_;
  Statement base_;
  StatementSet set_;
  std::unique_ptr<pqxx::connection> conn_;
};

TEST_F(SortedStatementsDbTest, EveryOrderVisitsEveryRowOnceAtEveryPageSize) {
  for (int limit : {1, 2, 3, 7, 50}) {
    SCOPED_TRACE(limit);
    bool counted = false;
    EXPECT_EQ(Walk("created_at", limit, &counted),
              (std::vector<std::string>{"Ana/1", "Ana/2", "čaj/3", "car/4", "Dan/5", "Београд/6",
                                        "ana/7"}));
    EXPECT_TRUE(counted);
    EXPECT_EQ(Walk("-created_at", limit),
              (std::vector<std::string>{"ana/7", "Београд/6", "Dan/5", "car/4", "čaj/3", "Ana/2",
                                        "Ana/1"}));
    // ICU root: lower case before upper case of the same letters, č with c (a secondary
    // difference, so "čaj" < "car" by the j), Cyrillic after Latin.
    auto names = Walk("name", limit);
    EXPECT_EQ(names, (std::vector<std::string>{"ana/7", "Ana/1", "Ana/2", "čaj/3", "car/4", "Dan/5",
                                               "Београд/6"}));
    auto reversed = Walk("-name", limit);
    std::reverse(names.begin(), names.end());
    // Descending by (name, id): the tie of the two "Ana" is broken by id descending too.
    EXPECT_EQ(reversed, names);
    EXPECT_EQ(Walk("due", limit), (std::vector<std::string>{"ana/7", "car/4", "Dan/5", "Ana/1",
                                                            "Београд/6", "Ana/2", "čaj/3"}));
    EXPECT_EQ(Walk("-due", limit), (std::vector<std::string>{"čaj/3", "Ana/2", "Београд/6", "Ana/1",
                                                             "Dan/5", "car/4", "ana/7"}));
  }
}

TEST_F(SortedStatementsDbTest, TheCountStopsAtItsLimit) {
  pqxx::nontransaction tx(*conn_);
  Tx t(tx);
  std::string name;
  auto r = t.Exec(Counted(base_, name), std::optional<std::string>("Dan"),
                  std::optional<std::string>(), std::string("x"), 3);
  EXPECT_EQ(r[0][0].as<int64_t>(), 3);
  r = t.Exec(Counted(base_, name), std::optional<std::string>("Dan"), std::optional<std::string>(),
             std::string("x"), 100);
  EXPECT_EQ(r[0][0].as<int64_t>(), 6);  // every row but "Dan", whatever the position
}

TEST(StatementSetTest, ABaseWithoutItsMarkersStopsTheService) {
  const Statement no_order{"bad", "SELECT 1 WHERE @after $1 $2 t.id@ LIMIT $3"};
  EXPECT_THROW(StatementSet(std::vector<Statement>{no_order}, {{&no_order, {}}}), std::logic_error);
  const Statement twice{"bad",
                        "SELECT 1 WHERE @after $1 $2 t.id@ AND @after $1 $2 t.id@ "
                        "@order_by t.id@"};
  EXPECT_THROW(StatementSet(std::vector<Statement>{twice}, {{&twice, {}}}), std::logic_error);
  const Statement other_id{"bad", "SELECT 1 WHERE @after $1 $2 t.id@ @order_by u.id@"};
  EXPECT_THROW(StatementSet(std::vector<Statement>{other_id}, {{&other_id, {}}}), std::logic_error);
}

TEST(StatementSetTest, KeepsOtherStatementsAndNamesEachVariant) {
  const Statement plain{"plain", "SELECT 1"};
  const Statement list{"list", "SELECT 1 FROM t WHERE @after $1 $2 t.id@ @order_by t.id@ LIMIT $3"};
  StatementSet set(std::vector<Statement>{plain, list}, {{&list, SortKeysOf(kSorts)}});
  std::vector<std::string> names;
  for (const auto& s : set.all()) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"plain", "list:created_at", "list:-created_at",
                                             "list:name", "list:-name", "list:-name:first",
                                             "list:due", "list:-due", "list:count"}));
}

}  // namespace
}  // namespace iris::db
