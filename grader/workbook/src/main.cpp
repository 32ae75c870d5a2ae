// The entry point of every workbook program: runs the cells linked into it.
#include "gclab/cell.hpp"

int main(int argc, char** argv) { return gclab::workbook::run_cells(argc, argv); }
