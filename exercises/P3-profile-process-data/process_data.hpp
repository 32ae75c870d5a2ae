// 8. Problem 3: the function to profile — the notebook's process_data(n) (cell 21), line for line.
// Given; not a TODO. The grader runs this same function for its own reference snapshot, so keep
// it as it is.
#pragma once

#include <gclab/gclab.hpp>

#include <functional>

using namespace gclab;

namespace {

/// Python's sum() of a list of ints.
long long sum(const Ref<Object>& items) {
  long long total = 0;
  if (const Ref<List> numbers = items.as<List>())
    for (const Ref<Object>& x : *numbers) total += x.as<Int>() ? x.as<Int>()->value() : 0;
  return total;
}

/// 메모리 사용량을 측정할 함수
///
/// `at_end` (not in the notebook), when given, is called once the work is done, just before the
/// function returns: `data` and `lookup` are still alive then; the return frees them.
Ref<List> process_data(std::ptrdiff_t n, const std::function<void()>& at_end = {}) {
  // 리스트 생성
  Ref<List> data = list();
  for (std::ptrdiff_t k = 0; k < n; ++k) {  // for i in range(n):
    Ref<Object> i = k;                        // (range gives each i as an int object)
    data->append(list({i}) * 100);            // data.append([i] * 100)
  }

  // 딕셔너리 생성
  Ref<Dict> lookup = dict();
  for (std::ptrdiff_t i = 0; i < data->size(); ++i) {  // for i, item in enumerate(data):
    const Ref<Object>& item = (*data)[i];
    lookup->set(fmt::format("item_{}", i), item);  // lookup[f"item_{i}"] = item
  }

  // 처리
  Ref<List> result = list();
  for (const Dict::Entry& entry : lookup->items()) {  // for key in lookup:
    result->append(sum(lookup->get(entry.key)));  // result.append(sum(lookup[key]))
  }

  if (at_end) at_end();
  return result;
}

}  // namespace
