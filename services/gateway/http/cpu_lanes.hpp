// Keeps one request's hand-offs (I/O thread -> worker -> back to the I/O thread) on one CPU.
//
// Measured on the 2-vCPU VM we run on (bench/HISTORY.md, session 3): a thread woken on the
// other CPU costs tens of microseconds (an inter-processor interrupt through the hypervisor),
// and a single-row read makes several such hand-offs. With the gateway's threads kept on one
// CPU the read went from 2,070 to 4,300-5,100 req/s, and its own gRPC call from 630 to 185 us.
// A lane is one CPU with the I/O thread(s) and workers pinned to it.
#pragma once

#include <string_view>
#include <vector>

namespace iris::gateway::http {

enum class PinMode {
  kAuto,  // pin only when the process has no more CPUs than lanes (its own cores)
  kOn,    // pin whenever there is more than one CPU
  kOff,   // let the scheduler place every thread
};

// "auto", "on", "off" -> PinMode; anything else kAuto.
PinMode PinModeOf(std::string_view name);

// CPUs this process may run on (sched_getaffinity), ascending; empty if the kernel won't say.
std::vector<int> AllowedCpus();

// One CPU per lane, or empty for "do not pin". With kAuto, pinning happens only when the
// process is confined to at most `lanes` CPUs (a cpuset, Kubernetes' static CPU manager, a
// small VM): on a shared many-core node the threads would be tied to CPUs other pods use, so
// the scheduler keeps placing them. With one CPU there is nothing to keep apart.
std::vector<int> LaneCpus(int lanes, PinMode mode, const std::vector<int>& allowed);

// Pins the calling thread to `cpu`; false (and nothing changed) if the kernel refuses.
bool PinCurrentThread(int cpu);

// The lane the calling thread belongs to, -1 for none (a thread that was never pinned).
int CurrentLane();
void SetCurrentLane(int lane);

}  // namespace iris::gateway::http
