// API2 with a JWT library we did not write (issue 14, item 5): PyJWT verifies the gateway's
// tokens as a relying party would (HS256, audience, issuer, required claims), and the tokens
// PyJWT forges the way RFC 8725 warns of are refused by the gateway, while a token PyJWT makes
// the way the gateway does (the control) is accepted.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"

namespace iris::testing {
namespace {

using json = nlohmann::json;

// stdout of `/usr/bin/python3 pyjwt_check.py <args>` and its exit status. Debian's PyJWT lives
// in the system interpreter (python3-jwt), not in whatever python3 is first on PATH.
struct PyJwtRun {
  int status = -1;
  std::string out;
};
PyJwtRun PyJwt(const std::string& args) {
  PyJwtRun run;
  const std::string command = "/usr/bin/python3 " IRIS_PYJWT_SCRIPT " " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.out.append(buffer, n);
  run.status = ::pclose(pipe);
  return run;
}

// Arguments are ours (a token, the test secret, ids): base64url, hex and dashes, nothing the
// shell would read.
std::string Quoted(const std::string& s) { return "'" + s + "'"; }

class PyJwtSecurityTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() { StartSystem(); }
  static void TearDownTestSuite() { Stop(); }
};

TEST_F(PyJwtSecurityTest, PyJwtVerifiesTheGatewaysTokensAsARelyingPartyWould) {
  const std::string token = admin_.substr(std::string("Bearer ").size());
  const PyJwtRun run = PyJwt("verify " + Quoted(token) + " " + Quoted(System::kJwtSecret));
  ASSERT_EQ(run.status, 0) << run.out;
  const json verified = json::parse(run.out);
  EXPECT_EQ(verified["header"]["alg"], "HS256");
  EXPECT_EQ(verified["header"]["kid"], "k1");
  EXPECT_EQ(verified["claims"]["role"], "network_admin");
  EXPECT_EQ(verified["claims"]["aud"], "iris-api");
  const json me = json::parse(As(admin_, "GET", "/v1/me").body);
  EXPECT_EQ(verified["claims"]["sub"], me["id"]);
  // And PyJWT refuses it under another secret: the check above could fail.
  EXPECT_NE(PyJwt("verify " + Quoted(token) + " 'another secret of some length 0123456789'").status,
            0);
}

TEST_F(PyJwtSecurityTest, WhatPyJwtForgesIsRefusedAndWhatItSignsRightIsAccepted) {
  const json me = json::parse(As(admin_, "GET", "/v1/me").body);
  const PyJwtRun run = PyJwt("forge " + Quoted(System::kJwtSecret) + " k1 " +
                             Quoted(me.value("id", "")) + " network_admin");
  ASSERT_EQ(run.status, 0) << run.out;
  const json tokens = json::parse(run.out);
  ASSERT_GE(tokens.size(), 10u);
  for (const auto& [name, token] : tokens.items()) {
    const auto r = As("Bearer " + token.get<std::string>(), "GET", "/v1/me");
    if (name == "valid") {
      EXPECT_EQ(r.status, 200) << "PyJWT's token signed as the gateway signs: " << r.body;
    } else {
      EXPECT_EQ(r.status, 401) << name << ": " << r.body;
      EXPECT_EQ(r.Header("content-type"), "application/problem+json") << name;
    }
  }
}

}  // namespace
}  // namespace iris::testing
