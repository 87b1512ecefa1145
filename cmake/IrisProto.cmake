# iris_proto_library(NAME <target> PROTOS <files relative to ROOT> [ROOT dir] [DEPS targets])
# One small static library per proto package, so touching one .proto rebuilds only its users.
set(IRIS_PROTO_GEN ${CMAKE_BINARY_DIR}/gen)
file(MAKE_DIRECTORY ${IRIS_PROTO_GEN})

function(iris_proto_library name)
  cmake_parse_arguments(A "" "ROOT" "PROTOS;DEPS" ${ARGN})
  if(NOT A_ROOT)
    set(A_ROOT ${PROJECT_SOURCE_DIR}/proto)
  endif()
  set(srcs)
  foreach(rel ${A_PROTOS})
    string(REGEX REPLACE "\\.proto$" "" o ${IRIS_PROTO_GEN}/${rel})
    set(outs ${o}.pb.cc ${o}.pb.h ${o}.grpc.pb.cc ${o}.grpc.pb.h)
    add_custom_command(OUTPUT ${outs}
      COMMAND protobuf::protoc --proto_path=${PROJECT_SOURCE_DIR}/proto
              --proto_path=${A_ROOT} --proto_path=/usr/include
              --cpp_out=${IRIS_PROTO_GEN} --grpc_out=${IRIS_PROTO_GEN}
              --plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin> ${A_ROOT}/${rel}
      DEPENDS ${A_ROOT}/${rel} protobuf::protoc gRPC::grpc_cpp_plugin
      COMMENT "protoc ${rel}")
    list(APPEND srcs ${outs})
  endforeach()
  add_library(${name} STATIC ${srcs})
  target_include_directories(${name} SYSTEM PUBLIC ${IRIS_PROTO_GEN})
  target_link_libraries(${name} PUBLIC protobuf::libprotobuf gRPC::grpc++ ${A_DEPS})
  target_compile_options(${name} PRIVATE -w)  # generated code is not ours to warn about
endfunction()
