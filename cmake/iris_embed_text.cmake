# Script mode: writes OUT, a header defining `inline constexpr std::string_view SYMBOL` in
# namespace NS with the text of IN. A raw string in a char array sized by the compiler: taking
# its length costs nothing at start (a strlen would touch every page of a large text, and a
# constexpr one of half a megabyte exceeds the compiler's limit). The text must not contain
# the raw string's delimiter.
file(READ ${IN} text)
string(FIND "${text}" ")iris_embed\"" delimiter_at)
if(NOT delimiter_at EQUAL -1)
  message(FATAL_ERROR "${IN} contains )iris_embed\" and cannot be embedded as a raw string")
endif()
file(WRITE ${OUT}.tmp "// Generated from ${IN} by cmake/iris_embed_text.cmake. Do not edit.\n#pragma once\n#include <string_view>\nnamespace ${NS} {\ninline constexpr char ${SYMBOL}Text[] = R\"iris_embed(${text})iris_embed\";\ninline constexpr std::string_view ${SYMBOL}(${SYMBOL}Text, sizeof(${SYMBOL}Text) - 1);\n}  // namespace ${NS}\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
