#pragma once
// The fuzz target of core (fuzz_core.cpp): libFuzzer's entry point, and the hook the corpus replay
// (replay_main.cpp) uses to count a broken invariant instead of aborting.
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace ivd_fuzz {

// Called when an invariant does not hold. The default prints `what` and aborts, which is what
// libFuzzer needs to record the input as a crash.
using FailureHandler = void (*)(const std::string& what);
void set_failure_handler(FailureHandler handler);

}  // namespace ivd_fuzz
