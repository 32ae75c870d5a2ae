# gclab::warnings: the warning set every gclab target links PRIVATE-ly.
add_library(gclab_warnings INTERFACE)
add_library(gclab::warnings ALIAS gclab_warnings)
target_compile_options(gclab_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                       -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference)
