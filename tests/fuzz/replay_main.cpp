// Replays fuzz inputs through LLVMFuzzerTestOneInput without libFuzzer: the committed corpus as an
// ordinary test suite (scripts/test.sh: fuzz-replay-native, and fuzz-replay-wasm under node).
//   fuzz_replay [FILE_OR_DIRECTORY...]   (default: tests/fuzz/corpus)
// Every file is one input; an input passes when no invariant of fuzz_core.cpp breaks. A crash or a
// sanitizer report ends the run without the summary line, which the test script counts as a failure.
// Ends with "N passed, N failed"; exits non-zero when anything failed.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_core.hpp"

namespace fs = std::filesystem;

namespace {
int g_broken = 0;  // invariants broken by the current input
void count_failure(const std::string& what) {
  ++g_broken;
  std::printf("  invariant broken: %s\n", what.c_str());
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> roots(argv + 1, argv + argc);
  if (roots.empty()) roots.push_back("tests/fuzz/corpus");

  std::vector<fs::path> files;
  for (const auto& root : roots) {
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(root, ec))
        if (e.is_regular_file()) files.push_back(e.path());
    } else if (fs::is_regular_file(root, ec)) {
      files.push_back(root);
    } else {
      std::printf("no such corpus file or folder: %s\n", root.c_str());
      std::printf("0 passed, 1 failed\n");
      return 1;
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::printf("the corpus is empty\n0 passed, 1 failed\n");
    return 1;
  }

  ivd_fuzz::set_failure_handler(&count_failure);
  int passed = 0, failed = 0;
  for (const auto& path : files) {
    std::ifstream f(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (!f.good() && !f.eof()) {
      std::printf("FAIL %s: cannot read\n", path.c_str());
      ++failed;
      continue;
    }
    g_broken = 0;
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    if (g_broken == 0) {
      ++passed;
    } else {
      std::printf("FAIL %s\n", path.c_str());
      ++failed;
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
