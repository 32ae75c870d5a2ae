// 6.2 WeakKeyDictionary and WeakValueDictionary — notebook cell 17.
// Exercise: fill in the TODOs (see README.md).
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

namespace {

struct Cacheable : Object {
  std::string name;
  explicit Cacheable(std::string name_) : name(std::move(name_)) {}
  std::string repr() const override { return "Cacheable(" + name + ")"; }
};

}  // namespace

GCLAB_CELL(17, "6.2 WeakKeyDictionary and WeakValueDictionary") {
  // 캐시 생성: 값이 약하게 참조됨
  weakref::WeakValueDictionary<Str, Cacheable> cache;

  // 객체 생성 및 캐싱
  Ref<Cacheable> obj1 = make<Cacheable>("object1");
  Ref<Cacheable> obj2 = make<Cacheable>("object2");

  // TODO(ko): cache에 'key1' → obj1, 'key2' → obj2를 넣으세요 (cache.set(key, value))
  // TODO(en): store 'key1' → obj1 and 'key2' → obj2 in cache (cache.set(key, value))

  print("Cache contents: {}", dict(cache));

  // obj1에 대한 강한 참조 제거
  print("\nDeleting obj1...");
  del(obj1);

  // GC 실행하여 약한 참조 정리
  gc::collect();

  print("Cache after del obj1: {}", dict(cache));

  // obj2는 여전히 존재
  print("obj2 still accessible: {}", repr(cache.get("key2")));
}
