// Notebook cells in C++: each exercise and solution file holds one or more cells, each the port
// of one code cell of the notebook, registered under the cell's number.
//
//   GCLAB_CELL(4, "3. Circular references") {
//     auto node_a = gclab::make<Node>("A");
//     ...
//   }
//
// Linked alone, a file's cells run in order (one section's program). Linked together, every
// cell runs in one process in notebook order, so state carries over from cell to cell exactly
// as it does in a Jupyter kernel.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gclab::workbook {

struct Cell {
  int number;             ///< the notebook's code-cell number (1-based)
  std::string title;      ///< the notebook section it belongs to
  std::function<void()> body;
};

/// Registers a cell; returns true so it can initialise a static.
bool register_cell(int number, std::string_view title, std::function<void()> body);
/// Every registered cell, in notebook order.
std::vector<Cell> cells();

/// Runs the registered cells in order. Options: `--cell N` (only that cell), `--list`,
/// `--headers` (a title line before each cell). Returns the process exit status.
int run_cells(int argc, char** argv);

}  // namespace gclab::workbook

#define GCLAB_CELL_CONCAT_(a, b) a##b
#define GCLAB_CELL_NAME_(prefix, line) GCLAB_CELL_CONCAT_(prefix, line)
#define GCLAB_CELL(number, title)                                                               \
  static void GCLAB_CELL_NAME_(gclab_cell_body_, __LINE__)();                                   \
  [[maybe_unused]] static const bool GCLAB_CELL_NAME_(gclab_cell_registered_, __LINE__) =       \
      ::gclab::workbook::register_cell((number), (title), &GCLAB_CELL_NAME_(gclab_cell_body_, __LINE__)); \
  static void GCLAB_CELL_NAME_(gclab_cell_body_, __LINE__)()
