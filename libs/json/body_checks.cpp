#include "libs/json/body_checks.hpp"

#include <set>
#include <utility>

namespace iris::json::internal {
namespace {

using Event = nlohmann::json::parse_event_t;

// Where the parser is, for naming fields as FromApiShape does: "a.b", "list[3]".
class Position {
 public:
  void EnterObject() { frames_.push_back({}); }
  void EnterArray() {
    Frame f;
    f.array = true;
    frames_.push_back(std::move(f));
  }
  void Leave() {
    if (!frames_.empty()) frames_.pop_back();
    ValueDone();
  }
  void ValueDone() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  // False when the object already has this key.
  bool Key(const std::string& key) {
    if (frames_.empty()) return true;
    frames_.back().key = key;
    return frames_.back().keys.insert(key).second;
  }
  // The value being read; `with_key` false names the object that holds the key instead.
  std::string Path(bool with_key = true) const {
    std::string path;
    for (size_t i = 0; i < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      if (f.array) {
        path += "[" + std::to_string(f.index) + "]";
      } else if (with_key || i + 1 < frames_.size()) {
        if (!path.empty()) path += ".";
        path += f.key;
      }
    }
    return path.empty() ? "body" : path;
  }

 private:
  struct Frame {
    bool array = false;
    size_t index = 0;
    std::string key;
    std::set<std::string> keys;
  };
  std::vector<Frame> frames_;
};

void AddError(BodyFindings& findings, std::string field, std::string message) {
  findings.errors.Add(field, message);
}

constexpr const char* kControlMessage =
    "must not contain control characters (only tab and line breaks are text)";

bool IsControlAt(std::string_view utf8, size_t i) {
  const auto c = static_cast<unsigned char>(utf8[i]);
  if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return true;
  // U+0080..U+009F are C2 80..C2 9F in UTF-8 (the text is valid UTF-8 by now).
  if (c == 0xc2 && i + 1 < utf8.size()) {
    const auto next = static_cast<unsigned char>(utf8[i + 1]);
    return next >= 0x80 && next <= 0x9f;
  }
  return false;
}

std::string WithoutControlCharacters(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size(); ++i) {
    if (!IsControlAt(utf8, i)) {
      out += utf8[i];
    } else if (static_cast<unsigned char>(utf8[i]) == 0xc2) {
      ++i;  // a C1 control is two bytes
    }
  }
  return out;
}

}  // namespace

bool HasControlCharacter(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size(); ++i) {
    if (IsControlAt(utf8, i)) return true;
  }
  return false;
}

nlohmann::json ParseChecked(std::string_view text, BodyFindings& findings) {
  Position at;
  auto check = [&](int /*depth*/, Event event, nlohmann::json& parsed) {
    switch (event) {
      case Event::object_start: at.EnterObject(); break;
      case Event::array_start: at.EnterArray(); break;
      case Event::object_end:
      case Event::array_end: at.Leave(); break;
      case Event::key: {
        const auto& key = parsed.get_ref<const std::string&>();
        if (HasControlCharacter(key)) {
          AddError(findings, at.Path(false), "has a key with control characters");
        }
        if (!at.Key(key) && findings.duplicate_key_field.empty()) {
          findings.duplicate_key_field = at.Path();
        }
        break;
      }
      case Event::value:
        if (parsed.is_string() && HasControlCharacter(parsed.get_ref<const std::string&>())) {
          AddError(findings, at.Path(), kControlMessage);
          parsed = WithoutControlCharacters(parsed.get_ref<const std::string&>());
        }
        at.ValueDone();
        break;
    }
    return true;
  };
  return nlohmann::json::parse(text, check);
}

}  // namespace iris::json::internal
