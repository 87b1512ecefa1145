// iris-bare-pistache: the simplest Pistache server, the ceiling benchmarks hold the gateway to.
// Usage: iris-bare-pistache [port=18080] [threads=2]. Every request, whatever its method or
// path, gets the same small JSON body; SIGTERM or SIGINT stops it.
//
// It does no more than a bare handler would, with one exception kept for fair comparisons:
// Pistache 0.0.5 answers "Connection: Close" unless the client sent "Connection: keep-alive",
// so wrk (HTTP/1.1, no Connection header) would reconnect for every request here while the
// gateway keeps its connections. Like the gateway, it drops that header for HTTP/1.1 requests
// that did not ask to close, so both measure persistent connections.
#include <pthread.h>
#include <signal.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <pistache/endpoint.h>
#include <pistache/http.h>

namespace {

namespace P = Pistache::Http;

constexpr const char kCountries[] =
    R"({"items":[{"code":"AL","name":"Albania"},{"code":"BA","name":"Bosnia and Herzegovina"},)"
    R"({"code":"HR","name":"Croatia"},{"code":"ME","name":"Montenegro"},)"
    R"({"code":"MK","name":"North Macedonia"},{"code":"RS","name":"Serbia"},)"
    R"({"code":"SI","name":"Slovenia"}],"next_cursor":null})";

bool AsksToClose(const P::Request& request) {
  auto connection = request.headers().tryGetRaw("Connection");
  if (!connection) return false;
  std::string value = connection->value();
  for (auto& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return value.find("close") != std::string::npos;
}

class CountriesHandler : public P::Handler {
 public:
  HTTP_PROTOTYPE(CountriesHandler)

  void onRequest(const P::Request& request, P::ResponseWriter writer) override {
    if (request.version() == P::Version::Http11 && !AsksToClose(request)) {
      writer.headers().remove<P::Header::Connection>();  // HTTP/1.1 persists by default
    }
    writer.send(P::Code::Ok, kCountries, MIME(Application, Json));
  }
};

int ArgOr(int argc, char** argv, int index, int fallback) {
  if (argc <= index) return fallback;
  char* end = nullptr;
  const long v = std::strtol(argv[index], &end, 10);
  if (*end != '\0' || v < 0 || v > 65535) {
    std::fprintf(stderr, "iris-bare-pistache: bad argument \"%s\"\n", argv[index]);
    std::exit(2);
  }
  return static_cast<int>(v);
}

}  // namespace

int main(int argc, char** argv) {
  const int port = ArgOr(argc, argv, 1, 18080);
  const int threads = ArgOr(argc, argv, 2, 2);

  // Blocked before Pistache starts its threads, so only sigwait below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  try {
    P::Endpoint endpoint(
        Pistache::Address(Pistache::Ipv4::any(), Pistache::Port(static_cast<uint16_t>(port))));
    endpoint.init(P::Endpoint::options()
                      .threads(threads > 0 ? threads : 1)
                      .flags(Pistache::Tcp::Options::ReuseAddr));
    endpoint.setHandler(P::make_handler<CountriesHandler>());
    endpoint.serveThreaded();
    std::fprintf(stderr, "iris-bare-pistache: listening on port %d with %d threads\n",
                 static_cast<int>(static_cast<uint16_t>(endpoint.getPort())), threads);
    int received = 0;
    sigwait(&stop_signals, &received);
    endpoint.shutdown();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "iris-bare-pistache: %s\n", e.what());
    return 1;
  }
  return 0;
}
