#include "libs/json/enum_words.hpp"

#include <cctype>

namespace iris::json {
namespace {

bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool IsLowerOrDigit(char c) {
  return std::islower(static_cast<unsigned char>(c)) != 0 ||
         std::isdigit(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

std::string EnumPrefix(const google::protobuf::EnumDescriptor& e) {
  const std::string& name = e.name();
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    // A word starts at an upper-case letter after a lower-case one ("NetworkStatus") or at the
    // last capital of an acronym ("HTTPMethod" -> HTTP_METHOD).
    const bool starts_word =
        i > 0 && IsUpper(c) &&
        (IsLowerOrDigit(name[i - 1]) ||
         (IsUpper(name[i - 1]) && i + 1 < name.size() && IsLowerOrDigit(name[i + 1])));
    if (starts_word) out += '_';
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out + "_";
}

std::string EnumWord(const google::protobuf::EnumValueDescriptor& v) {
  std::string_view name = v.name();
  const std::string prefix = EnumPrefix(*v.type());
  if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix) {
    name.remove_prefix(prefix.size());
  }
  std::string out(name);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const google::protobuf::EnumValueDescriptor* FindEnumByWord(
    const google::protobuf::EnumDescriptor& e, std::string_view word) {
  for (int i = 0; i < e.value_count(); ++i) {
    const auto* v = e.value(i);
    if (v->number() != 0 && EnumWord(*v) == word) return v;
  }
  return nullptr;
}

std::string EnumWordList(const google::protobuf::EnumDescriptor& e) {
  std::string out;
  for (int i = 0; i < e.value_count(); ++i) {
    if (e.value(i)->number() == 0) continue;
    if (!out.empty()) out += ", ";
    out += EnumWord(*e.value(i));
  }
  return out;
}

}  // namespace iris::json
