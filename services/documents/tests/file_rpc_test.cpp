// PutFile and GetFile over a real gRPC server (the kit's, as the service runs it) with a real
// Postgres: a 20 MiB stream up and down byte-exact with matching SHA-256, ranges, 304-style
// not_modified, the 416 trailer, and a stream that breaks its header.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <grpcpp/client_context.h>

#include "libs/values/sha256.hpp"
#include "proto/iris/documents/v1/file_transfer.hpp"
#include "services/documents/rpc/file_grpc.hpp"
#include "services/documents/tests/file_db_fixture.hpp"
#include "tests/support/rpc_server.hpp"

namespace iris::documents {
namespace {

using namespace std::chrono_literals;

constexpr size_t kBlock = 256 * 1024;

// The Documents service with only the two streaming methods: DocumentGrpc forwards them the same
// way; the unary ones are not under test here.
class FilesOnly final : public v1::Documents::Service {
 public:
  explicit FilesOnly(rpc::FileGrpc& files) : files_(files) {}
  ::grpc::Status PutFile(::grpc::ServerContext* ctx,
                         ::grpc::ServerReader<v1::PutFileRequest>* reader,
                         v1::PutFileResponse* out) override {
    return files_.PutFile(ctx, reader, out);
  }
  ::grpc::Status GetFile(::grpc::ServerContext* ctx, const v1::GetFileRequest* req,
                         ::grpc::ServerWriter<v1::GetFileResponse>* writer) override {
    return files_.GetFile(ctx, req, writer);
  }

 private:
  rpc::FileGrpc& files_;
};

// Byte i of the test file: block i / kBlock of TestBytes, so the test holds one block at a time.
std::string Expected(size_t offset, size_t length) {
  std::string out;
  while (length > 0) {
    const size_t block = offset / kBlock, in_block = offset % kBlock;
    const size_t n = std::min(length, kBlock - in_block);
    out += TestBytes(kBlock, static_cast<uint32_t>(block) + 100).substr(in_block, n);
    offset += n;
    length -= n;
  }
  return out;
}

class FileRpcTest : public FileDbTest {
 protected:
  void SetUp() override {
    server_ = std::make_unique<iris::testing::RpcServer>(
        "documents", std::vector<::grpc::Service*>{&service_}, [] { return absl::OkStatus(); });
    ASSERT_TRUE(server_->Start().ok());
    stub_ = v1::Documents::NewStub(server_->channel());
  }

  // Streams `size` bytes of Expected() in data messages of kBlock bytes, announcing `announced`.
  absl::StatusOr<v1::PutFileResponse> Upload(const identity::Caller& caller, const std::string& doc,
                                             const std::string& name, size_t size,
                                             int64_t announced = -1) {
    ::grpc::ClientContext ctx;
    iris::grpc::PrepareContext(ctx, caller, 60s);
    v1::PutFileResponse out;
    auto writer = stub_->PutFile(&ctx, &out);
    v1::PutFileRequest msg;
    auto* h = msg.mutable_header();
    h->set_document_id(doc);
    h->set_version(1);
    h->set_name(name);
    h->set_media_type("application/octet-stream");
    h->set_size(announced < 0 ? static_cast<int64_t>(size) : announced);
    bool open = writer->Write(msg);
    for (size_t pos = 0; open && pos < size; pos += kBlock) {
      msg.set_data(Expected(pos, std::min(kBlock, size - pos)));
      open = writer->Write(msg);
    }
    writer->WritesDone();
    absl::Status s = status::FromGrpc(writer->Finish());
    if (!s.ok()) return s;
    return out;
  }

  struct Downloaded {
    v1::GetFileHeader header;
    std::string sha256;
    size_t size = 0;
    size_t messages = 0;
    size_t largest = 0;
    bool exact = true;  // every byte as Expected() from the header's offset
    std::string bytes;  // kept when small
    std::string file_size_trailer;
  };

  absl::StatusOr<Downloaded> Download(const identity::Caller& caller, v1::GetFileRequest req) {
    ::grpc::ClientContext ctx;
    iris::grpc::PrepareContext(ctx, caller, 60s);
    auto reader = stub_->GetFile(&ctx, req);
    Downloaded d;
    values::Sha256Hasher hasher;
    v1::GetFileResponse msg;
    bool first = true;
    while (reader->Read(&msg)) {
      if (first) {
        EXPECT_TRUE(msg.has_header());
        d.header = msg.header();
        first = false;
        continue;
      }
      EXPECT_TRUE(msg.has_data());
      const std::string& data = msg.data();
      hasher.Update(data);
      if (data != Expected(static_cast<size_t>(d.header.offset()) + d.size, data.size())) {
        d.exact = false;
      }
      d.size += data.size();
      d.largest = std::max(d.largest, data.size());
      ++d.messages;
      if (d.size <= 4096) d.bytes += data;
    }
    absl::Status s = status::FromGrpc(reader->Finish());
    for (const auto& [k, v] : ctx.GetServerTrailingMetadata()) {
      if (k == v1::kFileSizeKey) d.file_size_trailer = std::string(v.data(), v.size());
    }
    d.sha256 = hasher.HexDigest();
    if (!s.ok()) {
      last_trailer_ = d.file_size_trailer;
      return s;
    }
    return d;
  }

  v1::GetFileRequest Req(const std::string& doc, const std::string& name) {
    v1::GetFileRequest r;
    r.set_document_id(doc);
    r.set_version(1);
    r.set_name(name);
    return r;
  }

  rpc::FileGrpc file_grpc_{files_};
  FilesOnly service_{file_grpc_};
  std::unique_ptr<iris::testing::RpcServer> server_;
  std::unique_ptr<v1::Documents::Stub> stub_;
  std::string last_trailer_;
  const std::string org_ = ActiveOrg();
  const identity::Caller member_ = MemberOf(org_);
};

TEST_F(FileRpcTest, TwentyMebibytesGoUpAndComeDownByteExact) {
  const std::string doc = DraftWithVersion(org_);
  constexpr size_t kSize = 20 * 1024 * 1024 + 12345;  // not a whole number of chunks
  auto put = Upload(member_, doc, "big.bin", kSize);
  ASSERT_TRUE(put.ok()) << put.status();
  EXPECT_TRUE(put->created());
  EXPECT_EQ(put->file().size(), static_cast<int64_t>(kSize));
  EXPECT_EQ(put->file().role(), v1::FILE_ROLE_MAIN);
  EXPECT_EQ(put->file().position(), 1);
  EXPECT_EQ(put->file().sha256().size(), 64u);

  auto down = Download(member_, Req(doc, "big.bin"));
  ASSERT_TRUE(down.ok()) << down.status();
  EXPECT_FALSE(down->header.not_modified());
  EXPECT_EQ(down->header.file().sha256(), put->file().sha256());
  EXPECT_EQ(down->header.offset(), 0);
  EXPECT_EQ(down->header.length(), static_cast<int64_t>(kSize));
  EXPECT_EQ(down->size, kSize);
  EXPECT_TRUE(down->exact);
  EXPECT_EQ(down->sha256, put->file().sha256());
  EXPECT_LE(down->largest, kBlock);  // data messages of at most 256 KiB
  EXPECT_EQ(down->messages, (kSize + kBlock - 1) / kBlock);
}

TEST_F(FileRpcTest, RangesNotModifiedAndTheSizeOfAnUnsatisfiableRange) {
  const std::string doc = DraftWithVersion(org_);
  constexpr size_t kSize = 3 * kBlock + 100;
  auto put = Upload(member_, doc, "r.bin", kSize);
  ASSERT_TRUE(put.ok()) << put.status();

  auto r = Req(doc, "r.bin");
  r.set_has_range(true);
  r.set_range_offset(kBlock - 5);
  r.set_range_length(kBlock + 10);  // three chunks touched
  auto part = Download(member_, r);
  ASSERT_TRUE(part.ok()) << part.status();
  EXPECT_EQ(part->header.offset(), static_cast<int64_t>(kBlock - 5));
  EXPECT_EQ(part->header.length(), static_cast<int64_t>(kBlock + 10));
  EXPECT_EQ(part->size, kBlock + 10);
  EXPECT_TRUE(part->exact);

  r.set_range_offset(-1);  // bytes=-100
  r.set_range_length(100);
  auto tail = Download(member_, r);
  ASSERT_TRUE(tail.ok());
  EXPECT_EQ(tail->bytes, Expected(kSize - 100, 100));

  r.set_range_offset(kSize);
  r.set_range_length(0);
  auto past = Download(member_, r);
  EXPECT_EQ(past.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(status::DetailOf(past.status()).reason(), "range_not_satisfiable");
  EXPECT_EQ(last_trailer_, std::to_string(kSize));

  auto same = Req(doc, "r.bin");
  same.add_if_none_match("W/\"" + put->file().sha256() + "\"");
  auto nm = Download(member_, same);
  ASSERT_TRUE(nm.ok()) << nm.status();
  EXPECT_TRUE(nm->header.not_modified());
  EXPECT_EQ(nm->header.file().sha256(), put->file().sha256());
  EXPECT_EQ(nm->messages, 0u);

  EXPECT_EQ(Download(iris::identity::Caller{}, Req(doc, "r.bin")).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(FileRpcTest, AStreamLongerOrShorterThanItsHeaderIsInvalidOnBody) {
  const std::string doc = DraftWithVersion(org_);
  for (int64_t announced : {int64_t{kBlock}, int64_t{3 * kBlock}}) {
    auto put = Upload(member_, doc, "x.bin", 2 * kBlock, announced);
    EXPECT_EQ(put.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(status::DetailOf(put.status()).errors(0).field(), "body");
  }
  EXPECT_EQ(Download(member_, Req(doc, "x.bin")).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(FileRpcTest, TheSecondFileIsAnAnnexAndAReplacementIsNotCreated) {
  const std::string doc = DraftWithVersion(org_);
  ASSERT_TRUE(Upload(member_, doc, "main.bin", 10).ok());
  auto annex = Upload(member_, doc, "annex.bin", 20);
  ASSERT_TRUE(annex.ok()) << annex.status();
  EXPECT_EQ(annex->file().role(), v1::FILE_ROLE_ANNEX);
  EXPECT_EQ(annex->file().position(), 2);
  EXPECT_TRUE(annex->created());
  auto again = Upload(member_, doc, "main.bin", 30);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->created());
  EXPECT_EQ(again->file().role(), v1::FILE_ROLE_MAIN);
  EXPECT_EQ(again->file().size(), 30);
}

TEST_F(FileRpcTest, AStreamWithoutAHeaderIsMalformed) {
  ::grpc::ClientContext ctx;
  iris::grpc::PrepareContext(ctx, member_, 10s);
  v1::PutFileResponse out;
  auto writer = stub_->PutFile(&ctx, &out);
  v1::PutFileRequest msg;
  msg.set_data("bytes first");
  writer->Write(msg);
  writer->WritesDone();
  absl::Status s = status::FromGrpc(writer->Finish());
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status::DetailOf(s).reason(), "malformed");
}

}  // namespace
}  // namespace iris::documents
