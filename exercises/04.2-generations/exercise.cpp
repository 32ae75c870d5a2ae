// 4.2 Generational collection — notebook cells 7 and 8.
// Exercise: fill in the TODOs (see README.md).
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

namespace {

/// 세대 추적을 위한 클래스
struct GenTracker : Object {
  std::string name;
  Ref<GenTracker> ref;

  explicit GenTracker(std::string name_) : name(std::move(name_)) {}
  GCLAB_TRAVERSE(ref)
  std::string repr() const override { return "GenTracker(" + name + ")"; }
};

/// 각 세대의 객체 수 반환
gc::Triple get_gen_counts() {
  return {-1, -1, -1};  // TODO(ko): gc::get_count()를 돌려주세요 / TODO(en): return gc::get_count()
}

}  // namespace

GCLAB_CELL(7, "4.2 Generational collection: thresholds") {
  // TODO(ko): 이 셀의 "?"를 gc::get_threshold()와 gc::get_count()로 바꾸세요
  // TODO(en): replace this cell's "?"s with gc::get_threshold() and gc::get_count()
  print("=== GC Thresholds ===");
  print("Thresholds: (gen0, gen1, gen2)");
  print("  Current: {}", "?");
  print("\nMeaning:");
  print("  - Gen 0: 할당 - 해제가 700번 차이나면 수집");
  print("  - Gen 1: Gen 0 수집이 10번 실행되면 수집");
  print("  - Gen 2: Gen 1 수집이 10번 실행되면 수집");

  // 현재 세대별 객체 수
  print("\nCurrent object counts: {}", "?");
}

GCLAB_CELL(8, "4.2 Generational collection: counts") {
  print("Initial state:");
  print("  Counts: {}", get_gen_counts());

  print("\n=== Creating objects ===");
  Ref<List> objects = list();
  for (int i = 0; i < 5; ++i) {
    Ref<GenTracker> obj = make<GenTracker>(fmt::format("obj_{}", i));
    objects->append(obj);
    print("After creating {}: {}", obj, get_gen_counts());
  }

  // 객체 목록 비우기 (참조 제거)
  print("\n=== Clearing references ===");
  objects->clear();
  print("After clear: {}", get_gen_counts());

  // 특정 세대만 수집
  // TODO(ko): 아래 세 개의 -1을 gc::collect(0), gc::collect(1), gc::collect(2)로 바꾸세요
  //           (마지막은 gc::collect()도 됩니다)
  // TODO(en): replace the three -1s below with gc::collect(0), gc::collect(1), gc::collect(2)
  //           (the last may also be gc::collect())
  print("\n=== Collecting specific generations ===");

  print("\nCollecting Gen 0 only...");
  std::ptrdiff_t collected = -1;
  print("  Collected: {}, Counts: {}", collected, get_gen_counts());

  print("\nCollecting Gen 1...");
  collected = -1;
  print("  Collected: {}, Counts: {}", collected, get_gen_counts());

  print("\nCollecting all generations...");
  collected = -1;
  print("  Collected: {}, Counts: {}", collected, get_gen_counts());
}
