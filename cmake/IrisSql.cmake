# iris_sql_library(NAME <target> NAMESPACE <c++ ns> DIR <dir of *.sql>)
# Each storage/sql/<name>.sql becomes a named statement: a constant
# k<CamelName> = {"<name>", "<text>"} in <target>.hpp, and kAll lists them so the pool
# prepares every statement on each connection.
function(iris_sql_library name)
  cmake_parse_arguments(A "" "NAMESPACE;DIR" "" ${ARGN})
  file(GLOB files CONFIGURE_DEPENDS ${A_DIR}/*.sql)
  list(SORT files)
  set(out_dir ${CMAKE_BINARY_DIR}/gen_sql/${name})
  set(hpp ${out_dir}/${name}.hpp)
  string(REPLACE ";" "|" files_arg "${files}")  # a list would split the command line
  add_custom_command(OUTPUT ${hpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${hpp} -DNS=${A_NAMESPACE} "-DFILES=${files_arg}"
            -P ${PROJECT_SOURCE_DIR}/cmake/iris_sql_embed.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/iris_sql_embed.cmake
    COMMENT "embedding SQL for ${name}" VERBATIM)
  add_custom_target(${name}_gen DEPENDS ${hpp})
  add_library(${name} INTERFACE)
  add_dependencies(${name} ${name}_gen)
  target_include_directories(${name} INTERFACE ${out_dir} ${PROJECT_SOURCE_DIR})
endfunction()

# iris_embed_text(NAME <target> FILE <path> NAMESPACE <ns> SYMBOL <kName>): an INTERFACE target
# whose header <target>.hpp holds the file's text, e.g. docs/openapi.yaml for the gateway.
function(iris_embed_text name)
  cmake_parse_arguments(A "" "FILE;NAMESPACE;SYMBOL" "" ${ARGN})
  set(out_dir ${CMAKE_BINARY_DIR}/gen_text/${name})
  set(hpp ${out_dir}/${name}.hpp)
  add_custom_command(OUTPUT ${hpp}
    COMMAND ${CMAKE_COMMAND} -DIN=${A_FILE} -DOUT=${hpp} -DNS=${A_NAMESPACE} -DSYMBOL=${A_SYMBOL}
            -P ${PROJECT_SOURCE_DIR}/cmake/iris_embed_text.cmake
    DEPENDS ${A_FILE} ${PROJECT_SOURCE_DIR}/cmake/iris_embed_text.cmake
    COMMENT "embedding ${A_FILE}")
  add_custom_target(${name}_gen DEPENDS ${hpp})
  add_library(${name} INTERFACE)
  add_dependencies(${name} ${name}_gen)
  target_include_directories(${name} INTERFACE ${out_dir})
endfunction()

# iris_embed_files(NAME <target> DIR <root> GLOB <pattern relative to root> NAMESPACE <ns>): an
# INTERFACE target whose header <target>.hpp holds kAll, every matching file as {path relative
# to root, text} (cmake/iris_embed_files.cmake), e.g. notifications' mail templates.
function(iris_embed_files name)
  cmake_parse_arguments(A "" "DIR;GLOB;NAMESPACE" "" ${ARGN})
  file(GLOB files CONFIGURE_DEPENDS ${A_DIR}/${A_GLOB})
  list(SORT files)
  set(out_dir ${CMAKE_BINARY_DIR}/gen_files/${name})
  set(hpp ${out_dir}/${name}.hpp)
  string(REPLACE ";" "|" files_arg "${files}")  # a list would split the command line
  add_custom_command(OUTPUT ${hpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${hpp} -DNS=${A_NAMESPACE} -DROOT=${A_DIR}
            "-DFILES=${files_arg}" -P ${PROJECT_SOURCE_DIR}/cmake/iris_embed_files.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/iris_embed_files.cmake
    COMMENT "embedding files of ${A_DIR}" VERBATIM)
  add_custom_target(${name}_gen DEPENDS ${hpp})
  add_library(${name} INTERFACE)
  add_dependencies(${name} ${name}_gen)
  target_include_directories(${name} INTERFACE ${out_dir})
endfunction()
