// The honest submission every hostile test also grades: prints the expected output and reports
// the answer the grader compares (42) on the report channel.
#include <gclab/cell.hpp>
#include <gclab/report.hpp>

#include <cstdio>

GCLAB_CELL(1, "honest") {
  std::printf("hello\nworld\n");
  gclab::workbook::report("answer", {{"value", 42}});
}
