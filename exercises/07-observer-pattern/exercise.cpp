// 7 Putting it together: an observer pattern with a WeakSet — notebook cell 18.
// Exercise: fill in the TODOs (see README.md).
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

namespace {

struct Observer : Object {
  std::string name;
  explicit Observer(std::string name_) : name(std::move(name_)) {}

  void on_event(std::string_view event) const { print("  [{}] Received: {}", name, event); }
  std::string repr() const override { return "Observer(" + name + ")"; }
  void finalize() { print("  [__del__] {} destroyed", name); }
};

/// 옵서버 패턴 - 약한 참조로 메모리 누수 방지
struct Observable : Object {
  weakref::WeakSet<Observer> observers;  // 약한 참조를 사용하여 옵서버 등록
  GCLAB_TRAVERSE(observers)

  /// 옵서버 등록
  void add_observer(const Ref<Observer>& observer) {
    // TODO(ko): observer를 observers에 추가하세요 / TODO(en): add observer to observers
    print("Observer added: {}", observer);
  }

  /// 모든 옵서버에게 알림
  void notify([[maybe_unused]] std::string_view event) const {
    // TODO(ko): observers의 옵서버마다 on_event(event)를 호출하세요; 예외(std::exception)가 나면
    //           print("Error notifying {}: {}", observer, e.what());
    // TODO(en): call on_event(event) on every observer in observers; if it throws a
    //           std::exception, print("Error notifying {}: {}", observer, e.what());
  }

  std::ptrdiff_t observer_count() const { return observers.size(); }
};

}  // namespace

GCLAB_CELL(18, "7. Best practices: an observer pattern with weakref") {
  print("=== Observer Pattern with weakref ===");

  Ref<Observable> observable = make<Observable>();

  // 옵서버 생성 및 등록
  Ref<Observer> obs1 = make<Observer>("Observer1");
  Ref<Observer> obs2 = make<Observer>("Observer2");

  observable->add_observer(obs1);
  observable->add_observer(obs2);

  print("\nObserver count: {}", observable->observer_count());

  // 이벤트 알림
  print("\nNotifying observers...");
  observable->notify("Hello!");

  // 옵서버 중 하나 삭제
  print("\nDeleting obs1...");
  del(obs1);
  gc::collect();

  print("Observer count after del: {}", observable->observer_count());

  print("\nNotifying remaining observers...");
  observable->notify("Still there?");
}
