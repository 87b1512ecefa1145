// Which top-level fields of a create or update request a client sent, for every
// rpc/*_mapping.cpp that turns a message and its FieldMask into a domain patch.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/message.h>

namespace iris::proto_values {

// The mask's names, plus read-only fields holding a value (mass assignment is refused, mask or
// not); without a mask, the fields holding a value.
template <typename IsReadOnly>
std::set<std::string> SentFields(const google::protobuf::Message& m,
                                 const google::protobuf::FieldMask& mask, IsReadOnly read_only) {
  std::vector<const google::protobuf::FieldDescriptor*> set;
  m.GetReflection()->ListFields(m, &set);
  std::set<std::string> holding;
  for (const auto* f : set) holding.insert(f->name());
  if (mask.paths_size() == 0) return holding;
  std::set<std::string> named(mask.paths().begin(), mask.paths().end());
  for (const auto& f : holding) {
    if (read_only(f)) named.insert(f);
  }
  return named;
}

}  // namespace iris::proto_values
