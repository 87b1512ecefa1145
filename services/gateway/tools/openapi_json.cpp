// Build tool: docs/openapi.yaml (YAML's JSON subset) -> the compact JSON the gateway serves at
// GET /v1/openapi.json, which iris_embed_text then embeds. Done at build time so the gateway
// neither parses the document at start nor keeps the YAML and a copy of the JSON in memory
// (issue 13: idle RSS), and a document that is not JSON-shaped fails the build, not the start.
//
//   iris-openapi-json <in.yaml> <out.json>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "services/gateway/routes/openapi_document.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: iris-openapi-json <in.yaml> <out.json>\n");
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
  const std::string tmp = std::string(argv[2]) + ".tmp";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out << doc->dump();
  out.close();
  if (!out || std::rename(tmp.c_str(), argv[2]) != 0) {
    std::fprintf(stderr, "iris-openapi-json: cannot write %s\n", argv[2]);
    return 1;
  }
  return 0;
}
