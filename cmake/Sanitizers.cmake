# gclab::options: build-wide switches (sanitizers, checked mode) that every gclab target links.
add_library(gclab_options INTERFACE)
add_library(gclab::options ALIAS gclab_options)
if(GCLAB_SANITIZE)
  # ASan cannot see into the engine's arenas, so sanitized builds allocate each object separately.
  if(NOT GCLAB_SYSTEM_ALLOC)
    message(FATAL_ERROR "GCLAB_SANITIZE needs GCLAB_SYSTEM_ALLOC=ON: ASan cannot check arena memory")
  endif()
  target_compile_options(gclab_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined)
  target_link_options(gclab_options INTERFACE -fsanitize=address,undefined)
endif()
