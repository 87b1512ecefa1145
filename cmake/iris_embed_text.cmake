# Script mode: writes OUT, a header defining `inline constexpr const char* SYMBOL` in namespace
# NS with the text of IN (raw string; the delimiter is chosen so the text cannot end it).
file(READ ${IN} text)
file(WRITE ${OUT}.tmp "// Generated from ${IN} by cmake/iris_embed_text.cmake. Do not edit.\n#pragma once\nnamespace ${NS} {\ninline constexpr const char* ${SYMBOL} = R\"iris_embed(${text})iris_embed\";\n}  // namespace ${NS}\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
