#include "services/gateway/http/cpu_lanes.hpp"

#include <pthread.h>
#include <sched.h>

namespace iris::gateway::http {
namespace {
thread_local int current_lane = -1;
}  // namespace

PinMode PinModeOf(std::string_view name) {
  if (name == "on") return PinMode::kOn;
  if (name == "off") return PinMode::kOff;
  return PinMode::kAuto;
}

std::vector<int> AllowedCpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cpus;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return cpus;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (CPU_ISSET(cpu, &set)) cpus.push_back(cpu);
  }
  return cpus;
}

std::vector<int> LaneCpus(int lanes, PinMode mode, const std::vector<int>& allowed) {
  if (mode == PinMode::kOff || lanes < 1 || allowed.size() < 2) return {};
  if (mode == PinMode::kAuto && allowed.size() > static_cast<size_t>(lanes)) return {};
  std::vector<int> cpus;
  for (int i = 0; i < lanes; ++i) cpus.push_back(allowed[static_cast<size_t>(i) % allowed.size()]);
  return cpus;
}

bool PinCurrentThread(int cpu) {
  if (cpu < 0 || cpu >= CPU_SETSIZE) return false;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0;
}

int CurrentLane() { return current_lane; }
void SetCurrentLane(int lane) { current_lane = lane; }

}  // namespace iris::gateway::http
