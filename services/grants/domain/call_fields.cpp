#include "services/grants/domain/call_fields.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/values/local_dates.hpp"
#include "libs/values/reference_codes.hpp"
#include "services/grants/domain/money_limits.hpp"

namespace iris::grants::domain {
namespace {

constexpr values::CodeList kCountryList{"eligible_countries", "country", "GET /v1/countries",
                                        kMaxCallCountries};

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

// ISO 4217 as the API writes it: three upper-case letters.
bool LooksLikeCurrency(std::string_view c) {
  return c.size() == 3 &&
         std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

// A criterion key: a lower-case slug ("relevance", "value_for_money", "impact-2").
bool LooksLikeSlug(std::string_view k) {
  if (k.empty() || k.size() > kMaxCriterionKey || k.front() < 'a' || k.front() > 'z') {
    return false;
  }
  return std::all_of(k.begin(), k.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string Amount(int64_t minor, std::string_view currency) {
  return absl::StrCat(std::string(currency), " ", minor / 100, ".", (minor % 100) / 10, minor % 10);
}

// Every field of the patch applied to `call`, each field's own rules checked; the rules
// between fields (currencies, max_award <= budget, dates in order) come after, on the result.
class Applier {
 public:
  Applier(const CallPatch& patch, GrantCall* call, std::vector<InvalidField>* problems)
      : p_(patch), call_(call), problems_(problems) {}

  void Run(bool creating) {
    for (const auto& f : p_.read_only_sent) Add(f, "is read-only; the server sets it");
    for (const auto& f : p_.unknown_sent) Add(f, "is not a field of a grant call");
    Title(creating);
    Description();
    TimeZone();
    Window(creating);
    Budget(creating);
    Countries(creating);
    Allocations();
    Criteria(creating);
    Across();
  }

 private:
  void Add(std::string field, std::string message) {
    problems_->push_back({std::move(field), std::move(message)});
  }

  void Title(bool creating) {
    if (!p_.title) {
      if (creating) Add("title", "is required: a map of language to text, such as {\"en\": ...}");
      return;
    }
    auto title = values::CheckLocalizedText(*p_.title, "title", values::LanguageCodes(),
                                            kMaxCallTitle, problems_);
    if (p_.title->empty()) {
      Add("title", "is required: a map of language to text, such as {\"en\": ...}");
    }
    call_->title = std::move(title);
  }

  void Description() {
    if (!p_.description) return;
    call_->description = values::CheckLocalizedText(
        *p_.description, "description", values::LanguageCodes(), kMaxCallDescription, problems_);
  }

  void TimeZone() {
    if (!p_.timezone) {
      if (call_->timezone.empty()) call_->timezone = std::string(kDefaultTimeZone);
      return;
    }
    std::string zone = Trimmed(*p_.timezone);
    if (zone.empty()) zone = std::string(kDefaultTimeZone);
    if (!IsKnownTimeZone(zone)) {  // its shape is checked before any lookup
      zone_ok_ = false;
      Add("timezone", "must be an IANA time zone such as Europe/Belgrade");
      return;
    }
    call_->timezone = std::move(zone);
  }

  void Window(bool creating) {
    if (p_.opens_at) {
      if (!p_.opens_at->has_value()) {
        Add("opens_at", "is required: when submissions open (RFC 3339)");
        window_ok_ = false;
      } else {
        call_->opens_at = **p_.opens_at;
      }
    } else if (creating) {
      Add("opens_at", "is required: when submissions open (RFC 3339)");
      window_ok_ = false;
    }
    const bool at_sent = p_.closes_at.has_value();
    const bool on_sent = p_.closes_on && !Trimmed(*p_.closes_on).empty();
    if (at_sent && on_sent) {
      Add("closes_on", "send closes_at (an instant) or closes_on (a date), not both");
      window_ok_ = false;
      return;
    }
    if (on_sent) {
      closes_field_ = "closes_on";
      const auto day = ParseDate(Trimmed(*p_.closes_on));
      if (!day) {
        Add("closes_on", "must be a date YYYY-MM-DD: the last day submissions are accepted");
        window_ok_ = false;
        return;
      }
      if (!zone_ok_) {
        window_ok_ = false;
        return;
      }
      auto end = EndOfDay(*day, call_->timezone);
      if (!end.ok()) {
        Add("timezone", "must be an IANA time zone such as Europe/Belgrade");
        window_ok_ = false;
        return;
      }
      call_->closes_at = *end;
    } else if (at_sent) {
      if (!p_.closes_at->has_value()) {
        Add("closes_at", "is required: when submissions stop (or send closes_on, a date)");
        window_ok_ = false;
        return;
      }
      call_->closes_at = **p_.closes_at;
    } else if (creating) {
      Add("closes_at", "is required: when submissions stop (or send closes_on, a date)");
      window_ok_ = false;
    }
  }

  // Checks one money object's shape; false when it cannot be compared further.
  bool MoneyShape(const MoneyInput& m, const std::string& field, bool required) {
    if (!m) {
      if (required) Add(field, "is required: {\"amount\": minor units, \"currency\": \"EUR\"}");
      return false;
    }
    bool ok = true;
    if (m->amount <= 0) {
      Add(field + ".amount", "must be greater than 0 (minor units: 800000 is EUR 8,000.00)");
      ok = false;
    } else if (m->amount > kMaxAmount) {
      Add(field + ".amount", "must be at most 10000000000000 minor units");
      ok = false;
    }
    if (!LooksLikeCurrency(m->currency)) {
      Add(field + ".currency", "must be an ISO 4217 code of three upper-case letters, such as EUR");
      ok = false;
    }
    return ok;
  }

  void Budget(bool creating) {
    if (p_.budget) {
      if (MoneyShape(*p_.budget, "budget", true)) {
        call_->budget = (*p_.budget)->amount;
        call_->currency = (*p_.budget)->currency;
      } else {
        budget_ok_ = false;
      }
    } else if (creating) {
      Add("budget", "is required: {\"amount\": minor units, \"currency\": \"EUR\"}");
      budget_ok_ = false;
    }
    if (p_.max_award) {
      if (MoneyShape(*p_.max_award, "max_award", true)) {
        call_->max_award = (*p_.max_award)->amount;
        max_award_currency_ = (*p_.max_award)->currency;
      } else {
        max_award_ok_ = false;
      }
    } else if (creating) {
      Add("max_award", "is required: the most one grant may be");
      max_award_ok_ = false;
    }
  }

  void Countries(bool creating) {
    if (!p_.eligible_countries) {
      if (creating) Add("eligible_countries", "is required: at least one country code");
      return;
    }
    const auto& sent = *p_.eligible_countries;
    const size_t before = problems_->size();
    auto codes = values::CheckCodeList(sent, values::CountryCodes(), kCountryList, problems_);
    if (sent.size() <= kMaxCallCountries) {
      std::set<std::string> seen;
      for (size_t i = 0; i < sent.size(); ++i) {
        if (!seen.insert(sent[i]).second) {
          Add(absl::StrCat("eligible_countries[", i, "]"),
              absl::StrCat("lists '", sent[i], "' a second time"));
        }
      }
    }
    if (sent.empty()) {
      Add("eligible_countries", "must name at least one country (GET /v1/countries)");
    }
    countries_ok_ = problems_->size() == before;
    call_->eligible_countries = std::move(codes);
  }

  void Allocations() {
    if (!p_.allocations) return;
    const auto& sent = *p_.allocations;
    call_->allocations.clear();
    if (sent.size() > kMaxCallCountries) {
      Add("country_allocations",
          absl::StrCat("must list at most ", kMaxCallCountries, " allocations"));
      return;
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < sent.size(); ++i) {
      const std::string field = absl::StrCat("country_allocations[", i, "]");
      const auto& a = sent[i];
      if (a.country.empty()) {
        Add(field + ".country", "is required: a country code of eligible_countries");
      } else if (!values::CountryCodes().contains(a.country)) {
        Add(field + ".country", "unknown country '" + a.country + "' (GET /v1/countries)");
      } else if (!seen.insert(a.country).second) {
        Add(field + ".country", "allocates to '" + a.country + "' a second time");
      }
      CountryAllocation out{.country = a.country, .amount = 0, .awarded = 0};
      if (MoneyShape(a.amount, field + ".amount", true)) {
        out.amount = a.amount->amount;
        allocation_currencies_.push_back({field + ".amount.currency", a.amount->currency});
      }
      call_->allocations.push_back(std::move(out));
    }
  }

  void Criteria(bool creating) {
    if (!p_.criteria) {
      if (creating) Add("criteria", "is required: the weighted criteria reviewers score");
      return;
    }
    const auto& sent = *p_.criteria;
    if (sent.empty()) {
      Add("criteria", "must list at least one criterion");
      return;
    }
    if (sent.size() > kMaxCriteria) {
      Add("criteria", absl::StrCat("must list at most ", kMaxCriteria, " criteria"));
      return;
    }
    std::vector<Criterion> out;
    std::set<std::string> keys;
    int total = 0;
    bool weights_ok = true;
    for (size_t i = 0; i < sent.size(); ++i) {
      const std::string field = absl::StrCat("criteria[", i, "]");
      const auto& c = sent[i];
      Criterion criterion;
      criterion.key = c.key;
      if (c.key.empty()) {
        Add(field + ".key", "is required: a lower-case slug such as relevance");
      } else if (!LooksLikeSlug(c.key)) {
        Add(field + ".key", absl::StrCat("must be a lower-case slug of at most ", kMaxCriterionKey,
                                         " characters: a-z first, then a-z, 0-9, _ or -"));
      } else if (!keys.insert(c.key).second) {
        Add(field + ".key", "'" + c.key + "' is the key of an earlier criterion");
      }
      criterion.name = values::CheckLocalizedText(c.name, field + ".name", values::LanguageCodes(),
                                                  kMaxCriterionName, problems_);
      if (c.name.empty()) Add(field + ".name", "is required: a map of language to text");
      if (c.weight < 1 || c.weight > kWeightTotal) {
        Add(field + ".weight", "must be an integer from 1 to 100");
        weights_ok = false;
      }
      criterion.weight = c.weight;
      total += std::clamp(c.weight, 0, kWeightTotal);
      out.push_back(std::move(criterion));
    }
    if (weights_ok && total != kWeightTotal) {
      Add("criteria", absl::StrCat("weights must sum to 100; these sum to ", total));
    }
    call_->criteria = std::move(out);
  }

  // Rules between fields, on the call as it would be.
  void Across() {
    if (budget_ok_ && max_award_ok_) {
      if (!max_award_currency_.empty() && max_award_currency_ != call_->currency) {
        Add("max_award.currency", "must be the budget's currency, " + call_->currency);
      } else if (call_->max_award > call_->budget) {
        Add("max_award.amount",
            "must be at most the budget, " + Amount(call_->budget, call_->currency));
      }
    }
    if (budget_ok_) {
      for (const auto& [field, currency] : allocation_currencies_) {
        if (currency != call_->currency) {
          Add(field, "must be the call's currency, " + call_->currency);
        }
      }
    }
    if (countries_ok_) {
      const auto& eligible = call_->eligible_countries;
      for (size_t i = 0; i < call_->allocations.size(); ++i) {
        const auto& a = call_->allocations[i];
        if (!a.country.empty() && values::CountryCodes().contains(a.country) &&
            std::find(eligible.begin(), eligible.end(), a.country) == eligible.end()) {
          Add(absl::StrCat("country_allocations[", i, "].country"),
              "'" + a.country + "' is not one of eligible_countries");
        }
      }
    }
    if (budget_ok_) {
      int64_t sum = 0;
      for (const auto& a : call_->allocations) sum += a.amount;
      if (sum > call_->budget) {
        Add("country_allocations", "allocations sum to " + Amount(sum, call_->currency) +
                                       ", more than the budget " +
                                       Amount(call_->budget, call_->currency));
      }
    }
    if (window_ok_ && call_->opens_at >= call_->closes_at) {
      if (p_.opens_at && !p_.closes_at && !(p_.closes_on && !Trimmed(*p_.closes_on).empty())) {
        Add("opens_at", "must be before closes_at");
      } else {
        Add(closes_field_, "must be after opens_at");
      }
    }
  }

  const CallPatch& p_;
  GrantCall* call_;
  std::vector<InvalidField>* problems_;
  bool zone_ok_ = true, window_ok_ = true, budget_ok_ = true, max_award_ok_ = true;
  bool countries_ok_ = true;
  std::string closes_field_ = "closes_at";
  std::string max_award_currency_;
  std::vector<std::pair<std::string, std::string>> allocation_currencies_;
};

}  // namespace

void ApplyFields(const CallPatch& patch, GrantCall* call, bool creating,
                 std::vector<InvalidField>* problems) {
  Applier(patch, call, problems).Run(creating);
}

}  // namespace iris::grants::domain
