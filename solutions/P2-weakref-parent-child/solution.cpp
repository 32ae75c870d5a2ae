// 8. Problem 2: fixing a circular reference — notebook cell 20.
#include <gclab/cell.hpp>

#include "family.hpp"

GCLAB_CELL(20, "8. Problem 2: fixing a circular reference") {
  // 참조 카운팅만으로 무엇이 해제되는지 보려고 GC를 끕니다 / the collector off: refcounting alone
  gc::disable();

  Ref<Parent> parent = make<Parent>("parent");
  parent->add_child(make<Child>("child1"));
  parent->add_child(make<Child>("child2"));
  parent->add_child(make<Child>("child3"));

  print("del parent");
  del(parent);

  print("gc.collect() found {} objects", gc::collect());
  gc::enable();
}
