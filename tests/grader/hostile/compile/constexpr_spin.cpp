// Attack on the compiler: a constant expression that takes billions of steps to evaluate. Each
// loop stays under GCC's per-loop limit (262144 iterations); only the operation limit (2^33)
// would end it, minutes later. The compile timeout stops it in time.
constexpr unsigned long spin() {
  unsigned long x = 0;
  for (unsigned long i = 0; i < 200000; ++i)
    for (unsigned long j = 0; j < 200000; ++j) x += i ^ (j >> 3);
  return x;
}

static_assert(spin() != 1, "never decided in time");

int main() { return 0; }
