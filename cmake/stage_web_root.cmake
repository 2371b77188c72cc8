# Script mode (cmake -P): makes OUT hold exactly the files listed in FILES ("|"-separated paths), so the
# server's web root holds only what the browser loads (issue 8: never the build's Makefile, libraries
# or intermediate files). Unchanged files keep their time stamps (the server's ETag uses them).
#   cmake -DOUT=build/wasm/webroot -DFILES=a/index.html|a/app.js -P stage_web_root.cmake
foreach(v IN ITEMS OUT FILES)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "stage_web_root.cmake: -D${v}= is required")
  endif()
endforeach()
cmake_minimum_required(VERSION 3.21)  # file(COPY_FILE ... ONLY_IF_DIFFERENT), if(IN_LIST)
string(REPLACE "|" ";" files "${FILES}")
file(MAKE_DIRECTORY "${OUT}")
set(names)
foreach(f IN LISTS files)
  if(NOT EXISTS "${f}")
    message(FATAL_ERROR "stage_web_root.cmake: ${f} was not built")
  endif()
  get_filename_component(name "${f}" NAME)
  list(APPEND names "${name}")
  file(COPY_FILE "${f}" "${OUT}/${name}" ONLY_IF_DIFFERENT)
endforeach()
# Whatever else is there (a file the app no longer has) goes.
file(GLOB present LIST_DIRECTORIES true "${OUT}/*")
foreach(p IN LISTS present)
  get_filename_component(name "${p}" NAME)
  if(NOT name IN_LIST names)
    file(REMOVE_RECURSE "${p}")
  endif()
endforeach()
