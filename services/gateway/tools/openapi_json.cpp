// Build tool: docs/openapi.yaml (YAML's JSON subset) -> a header holding the compact JSON the
// gateway serves at GET /v1/openapi.json. Done at build time so the gateway neither parses the
// document at start nor keeps the YAML and a copy of the JSON in memory (issue 13: idle RSS),
// and a document that is not JSON-shaped fails the build instead of the start.
//
//   iris-openapi-json <in.yaml> <out.hpp> <namespace> <symbol>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "services/gateway/routes/openapi_document.hpp"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: iris-openapi-json <in.yaml> <out.hpp> <namespace> <symbol>\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) {
    std::fprintf(stderr, "iris-openapi-json: cannot read %s\n", argv[1]);
    return 1;
  }
  const auto doc = iris::gateway::ParseOpenApi(text.str());
  if (!doc.ok()) {
    std::fprintf(stderr, "iris-openapi-json: %s: %s\n", argv[1],
                 std::string(doc.status().message()).c_str());
    return 1;
  }
  const std::string json = doc->dump();
  // A raw string needs a delimiter the text cannot contain.
  if (json.find(")iris_json\"") != std::string::npos) {
    std::fprintf(stderr, "iris-openapi-json: the document contains the raw string delimiter\n");
    return 1;
  }
  const std::string tmp = std::string(argv[2]) + ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out << "// Generated from " << argv[1] << " by iris-openapi-json. Do not edit.\n"
      << "#pragma once\n#include <string_view>\nnamespace " << argv[3] << " {\n"
      << "inline constexpr char " << argv[4] << "Text[] = R\"iris_json(" << json
      << ")iris_json\";\n"
      // Sized from the array: a constexpr strlen of half a megabyte exceeds the compiler's limit.
      << "inline constexpr std::string_view " << argv[4] << "(" << argv[4] << "Text, sizeof("
      << argv[4] << "Text) - 1);\n}  // namespace " << argv[3] << "\n";
  out.close();
  if (!out || std::rename(tmp.c_str(), argv[2]) != 0) {
    std::fprintf(stderr, "iris-openapi-json: cannot write %s\n", argv[2]);
    return 1;
  }
  return 0;
}
