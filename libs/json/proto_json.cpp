#include "libs/json/proto_json.hpp"

#include <utility>
#include <vector>

#include <google/protobuf/util/json_util.h>

#include "libs/json/api_shape.hpp"
#include "libs/json/api_writer.hpp"
#include "libs/json/body_checks.hpp"
#include "libs/status/status.hpp"

namespace iris::json {
namespace {

using status::Malformed;

// Counts brackets outside strings, so depth is refused before nlohmann's recursive parser
// could run out of stack on a hostile body.
bool TextNestsDeeperThan(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

bool ValueNestsDeeperThan(const nlohmann::json& j, int limit) {
  if (!j.is_structured()) return false;
  if (limit == 0) return true;
  for (const auto& child : j) {
    if (ValueNestsDeeperThan(child, limit - 1)) return true;
  }
  return false;
}

// Protobuf 3.21 phrases parse errors as "<path>: <problem>" or "(<path>): <problem>"; the
// checks before it catch nearly everything, so this only names what is left (bad base64...).
status::FieldError FieldErrorFromProtobuf(const std::string& message) {
  std::string text = message;
  std::string field = "body";
  if (!text.empty() && text.front() == '(') {
    if (auto close = text.find("): "); close != std::string::npos) {
      field = text.substr(1, close - 1);
      text = text.substr(close + 3);
    }
  }
  return {field.empty() ? "body" : field, text};
}

}  // namespace

nlohmann::json ToJson(const google::protobuf::Message& m) {
  auto j = nlohmann::json::parse(ToJsonString(m), nullptr, /*allow_exceptions=*/false);
  return j.is_discarded() ? nlohmann::json(nullptr) : j;
}

std::string ToJsonString(const google::protobuf::Message& m) {
  std::string text;
  if (!AppendApiJson(m, &text)) return "null";
  return text;
}

namespace internal {

absl::StatusOr<nlohmann::json> ProtobufMappedJson(const google::protobuf::Message& m) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string text;
  if (auto printed = google::protobuf::util::MessageToJsonString(m, &text, options);
      !printed.ok()) {
    return absl::InvalidArgumentError(printed.message().ToString());
  }
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return absl::InvalidArgumentError("protobuf printed invalid JSON");
  ToApiShape(j, *m.GetDescriptor());
  return j;
}

}  // namespace internal

absl::Status FromJson(const nlohmann::json& j, google::protobuf::Message* out,
                      status::Validator& found, std::vector<std::string>* left_out) {
  if (ValueNestsDeeperThan(j, kMaxDepth)) {
    return Malformed("request body nests deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  out->Clear();
  if (!j.is_object()) return status::Invalid("body", "must be a JSON object");
  nlohmann::json shaped = j;
  FromApiShape(shaped, *out->GetDescriptor(), found);
  if (left_out != nullptr) {
    for (const auto& [key, value] : j.items()) {
      // Nulls are left out too, but they mean "clear it": they were sent.
      if (!value.is_null() && !shaped.contains(key)) left_out->push_back(key);
    }
  }

  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const std::string text = shaped.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  auto parsed = google::protobuf::util::JsonStringToMessage(text, out, options);
  if (!parsed.ok()) {
    // What the checks above let through (bad base64...): named, and nothing else is sent.
    out->Clear();
    const auto e = FieldErrorFromProtobuf(parsed.message().ToString());
    found.Add(e.field, e.message);
    return found.Finish();
  }
  return absl::OkStatus();
}

absl::Status FromJson(const nlohmann::json& j, google::protobuf::Message* out) {
  status::Validator errors;
  IRIS_RETURN_IF_ERROR(FromJson(j, out, errors));
  if (!errors.ok()) {
    out->Clear();
    return errors.Finish();
  }
  return absl::OkStatus();
}

absl::Status FromJsonString(std::string_view body, google::protobuf::Message* out) {
  auto j = ParseBody(body);
  if (!j.ok()) return j.status();
  return FromJson(*j, out);
}

absl::StatusOr<nlohmann::json> ParseBody(std::string_view body, status::Validator& found) {
  if (TextNestsDeeperThan(body, kMaxDepth)) {
    return Malformed("request body nests deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  internal::BodyFindings findings{.duplicate_key_field = {}, .errors = found};
  try {
    auto parsed = internal::ParseChecked(body, findings);
    if (!findings.duplicate_key_field.empty()) {
      return Malformed(findings.duplicate_key_field, "appears twice in one object");
    }
    return parsed;
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's own text echoes the input; the byte offset is what a client can act on.
    return Malformed("request body is not valid UTF-8 JSON (error at byte " +
                     std::to_string(e.byte) + ")");
  } catch (const nlohmann::json::exception&) {
    return Malformed("request body is not valid JSON");
  }
}

absl::StatusOr<nlohmann::json> ParseBody(std::string_view body) {
  status::Validator found;
  IRIS_ASSIGN_OR_RETURN(auto parsed, ParseBody(body, found));
  IRIS_RETURN_IF_ERROR(found.Finish());
  return parsed;
}

}  // namespace iris::json
