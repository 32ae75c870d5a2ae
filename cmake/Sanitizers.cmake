# gclab::options: build-wide switches (frame pointers, sanitizers) that every gclab target links.
add_library(gclab_options INTERFACE)
add_library(gclab::options ALIAS gclab_options)
# tracemalloc captures each allocation's call stack by following frame pointers: every frame of
# the engine and of the programs built on it must keep one.
target_compile_options(gclab_options INTERFACE -fno-omit-frame-pointer)
if(GCLAB_SANITIZE)
  # ASan cannot see into the engine's arenas, so sanitized builds allocate each object separately.
  if(NOT GCLAB_SYSTEM_ALLOC)
    message(FATAL_ERROR "GCLAB_SANITIZE needs GCLAB_SYSTEM_ALLOC=ON: ASan cannot check arena memory")
  endif()
  target_compile_options(gclab_options INTERFACE -fsanitize=address,undefined
                         -fno-sanitize-recover=undefined)
  target_link_options(gclab_options INTERFACE -fsanitize=address,undefined)
endif()
