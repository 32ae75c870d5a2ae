#include "gclab/cell.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <iostream>
#include <optional>

#include "gclab/errors.hpp"
#include "gclab/print.hpp"
#include "gclab/report.hpp"

namespace gclab::workbook {

namespace {
std::vector<Cell>& registry() {
  static std::vector<Cell> cells;
  return cells;
}
}  // namespace

bool register_cell(int number, std::string_view title, std::function<void()> body) {
  registry().push_back({number, std::string(title), std::move(body)});
  return true;
}

std::vector<Cell> cells() {
  std::vector<Cell> sorted = registry();
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Cell& a, const Cell& b) { return a.number < b.number; });
  return sorted;
}

int run_cells(int argc, char** argv) {
  std::optional<int> only;
  bool headers = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--list") {
      for (const Cell& c : cells()) fmt::print("{:>3}  {}\n", c.number, c.title);
      return 0;
    }
    if (arg == "--headers") {
      headers = true;
    } else if (arg == "--cell" && i + 1 < argc) {
      only = std::stoi(argv[++i]);
    } else {
      fmt::print(stderr, "usage: {} [--list] [--headers] [--cell N]\n", argv[0]);
      return 2;
    }
  }
  int status = 0;
  for (const Cell& c : cells()) {
    if (only && c.number != *only) continue;
    if (headers) print("\n── In [{}]: {} ──", c.number, c.title);
    try {
      c.body();
    } catch (const std::exception& e) {
      // As in a notebook, an uncaught exception ends the cell, not the kernel.
      sys::out().flush();
      fmt::print(stderr, "Traceback (most recent call last):\n  cell {}\n{}\n", c.number,
                 describe_exception(e));
      status = 1;
    }
  }
  // The grader's proof that the program was not cut short: only here, after every cell (and the
  // grader's probe, a cell too) has run. A program that exits early -- even with status 0 -- has
  // no such line, and its check earns nothing.
  report("done");
  return status;
}

}  // namespace gclab::workbook
