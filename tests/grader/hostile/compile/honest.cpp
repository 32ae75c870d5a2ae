// What an honest submission's compile looks like: it builds in the same sandbox.
#include <cstdio>

int main() { std::printf("hello\nworld\n"); }
