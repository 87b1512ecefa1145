// CPU cost of turning one service answer into the API's JSON, per step, against protobuf's
// own binary serialisation of the same message as the baseline (same process, same run).
//   iris-json-probe [iterations]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <google/protobuf/util/json_util.h>

#include "iris/membership/v1/organizations.pb.h"
#include "libs/json/proto_json.hpp"

namespace {

template <typename F>
double NanosPerCall(int iterations, F f) {
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) f();
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() /
         iterations;
}

iris::membership::v1::Organization Sample() {
  iris::membership::v1::Organization o;
  o.set_id("00000000-0000-4000-8000-000000000001");
  o.set_name("Udruženje za pomoć osobama sa invaliditetom Novi Sad");
  o.set_acronym("UPOSI");
  o.set_country("RS");
  o.set_city("Novi Sad");
  o.set_kind(iris::membership::v1::ORGANIZATION_KIND_MEMBER_CSO);
  o.add_target_groups("persons_with_disabilities");
  o.add_target_groups("older_persons");
  o.set_email("office@example.org");
  o.set_website("https://example.org");
  o.set_registration_number("28123456");
  o.set_status(iris::membership::v1::ORGANIZATION_STATUS_ACTIVE);
  o.mutable_status_changed_at()->set_seconds(1700000000);
  o.set_joined_at("2024-03-01");
  o.set_version(3);
  o.mutable_created_at()->set_seconds(1690000000);
  o.mutable_updated_at()->set_seconds(1700000000);
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 20000;
  const auto org = Sample();
  std::size_t sink = 0;
  const double binary = NanosPerCall(n, [&] { sink += org.SerializeAsString().size(); });
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  const double protobuf_json = NanosPerCall(n, [&] {
    std::string text;
    (void)google::protobuf::util::MessageToJsonString(org, &text, options);
    sink += text.size();
  });
  const double reference = NanosPerCall(n, [&] {
    auto j = iris::json::internal::ProtobufMappedJson(org);
    sink += j->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).size();
  });
  const double api = NanosPerCall(n, [&] { sink += iris::json::ToJsonString(org).size(); });
  iris::membership::v1::ListOrganizationsResponse page;
  for (int i = 0; i < 50; ++i) *page.add_items() = org;
  const double page_api =
      NanosPerCall(n / 50 + 1, [&] { sink += iris::json::ToJsonString(page).size(); });
  std::printf("Organization, %d iterations (sink %zu)\n", n, sink);
  std::printf("  protobuf binary serialise (baseline) %8.0f ns  1.0x\n", binary);
  std::printf("  protobuf JSON printer                %8.0f ns  %.1fx\n", protobuf_json,
              protobuf_json / binary);
  std::printf("  printer, parse, reshape, print       %8.0f ns  %.1fx\n", reference,
              reference / binary);
  std::printf("  API JSON in one pass (ToJsonString)  %8.0f ns  %.1fx\n", api, api / binary);
  std::printf("  a page of 50, one pass               %8.0f ns  %.1fx\n", page_api,
              page_api / binary);
  return 0;
}
