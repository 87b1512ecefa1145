# iris_service(NAME [DOMAIN_DEPS ...] [DEPS ...] [TEST_DEPS ...]): declares the service in services/NAME with the
# layout every service shares (docs/development.md):
#   domain/*.cpp              -> NAME_domain (pure rules: absl only)
#   app/ storage/ rpc/ *.cpp  -> NAME_core (everything but main(); linked by the binary and tests)
#   storage/sql/*.sql         -> NAME_sql        (named statements, prepared per connection)
#   migrations/*.sql          -> NAME_migrations (applied by the runner after the kit's)
#   demo/*.sql (optional)     -> NAME_demo       (iris-NAME --load-demo)
#   src/main.cpp              -> iris-NAME
#   tests/*_test.cpp          -> one test binary each, NAME_<file>, labelled by suffix
#                                (cmake/IrisTest.cmake)
# The proto package proto/iris/NAME/v1 is iris_NAME_proto (proto/CMakeLists.txt). Globs are
# re-checked at build time, so adding a file needs no edit here. The service is appended to the
# global property IRIS_SERVICES, which the gateway (its protos) and the e2e tests (its binary)
# read.
function(iris_service name)
  cmake_parse_arguments(A "" "" "DOMAIN_DEPS;DEPS;TEST_DEPS" ${ARGN})
  set(dir ${CMAKE_CURRENT_SOURCE_DIR})
  iris_sql_library(${name}_sql NAMESPACE iris::${name}::sql DIR ${dir}/storage/sql)
  iris_sql_library(${name}_migrations NAMESPACE iris::${name}::migrations DIR ${dir}/migrations)
  set(demo_lib "")
  if(IS_DIRECTORY ${dir}/demo)
    iris_sql_library(${name}_demo NAMESPACE iris::${name}::demo DIR ${dir}/demo)
    set(demo_lib ${name}_demo)
  endif()

  file(GLOB domain_srcs CONFIGURE_DEPENDS ${dir}/domain/*.cpp)
  iris_library(${name}_domain SOURCES ${domain_srcs}
    DEPS iris_identity iris_values absl::status absl::statusor absl::strings ${A_DOMAIN_DEPS})

  file(GLOB core_srcs CONFIGURE_DEPENDS ${dir}/app/*.cpp ${dir}/storage/*.cpp ${dir}/rpc/*.cpp)
  iris_library(${name}_core SOURCES ${core_srcs}
    DEPS ${name}_domain ${name}_sql ${name}_migrations ${demo_lib} iris_${name}_proto
         iris_service iris_audit iris_proto_values iris_db iris_grpc iris_status iris_log iris_pagination absl::strings
         nlohmann_json::nlohmann_json ${A_DEPS})

  iris_executable(iris-${name} SOURCES ${dir}/src/main.cpp DEPS ${name}_core)

  file(GLOB test_srcs CONFIGURE_DEPENDS ${dir}/tests/*_test.cpp)
  foreach(src ${test_srcs})
    # <service>_<file>: two services may both have an outbox_db_test.cpp.
    get_filename_component(test_name ${src} NAME_WE)
    set(test_name ${name}_${test_name})
    iris_test(${test_name} SOURCES ${src}
      DEPS ${name}_core iris_test_support iris_rpc_test_support iris_db_testing iris_metrics
           iris_health_proto ${A_TEST_DEPS})
    # Where the checkout is, for tests that start its scripts (the SMTP sink, npm checkers):
    # __FILE__ is relative to the build directory in some builds and cannot locate them.
    target_compile_definitions(${test_name} PRIVATE IRIS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  endforeach()
  set_property(GLOBAL APPEND PROPERTY IRIS_SERVICES ${name})
endfunction()
