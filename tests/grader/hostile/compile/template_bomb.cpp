// Attack on the compiler: each level doubles a parameter pack, so instantiating level 40 asks for
// 2^40 types. The compile runs out of its time (or memory) limit; the grader carries on.
template <class... T>
struct List {};

template <int N, class... T>
struct Bomb {
  using type = typename Bomb<N - 1, T..., T...>::type;
};

template <class... T>
struct Bomb<0, T...> {
  using type = List<T...>;
};

int main() { return sizeof(Bomb<40, int>::type); }
