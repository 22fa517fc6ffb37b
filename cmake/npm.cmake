# npm packages for the front-end bundles (web/, web/report/), installed into the build folder.
#   landbridge_npm_ci(STAMP_VAR "comment")
# copies package.json and package-lock.json of the calling source folder into its binary folder and
# runs `npm ci` there (exactly the committed lock file, no node_modules/ in the source tree); STAMP_VAR
# receives a file that later commands can depend on. Needs LANDBRIDGE_NPM (find_program(... npm)).
function(landbridge_npm_ci stamp_var comment)
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/node_modules/.landbridge-installed)
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_SOURCE_DIR}/package.json ${CMAKE_CURRENT_SOURCE_DIR}/package-lock.json
            ${CMAKE_CURRENT_BINARY_DIR}
    COMMAND ${LANDBRIDGE_NPM} ci --no-audit --no-fund --loglevel=error
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}
    DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/package.json ${CMAKE_CURRENT_SOURCE_DIR}/package-lock.json
    COMMENT "${comment}"
    VERBATIM)
  set(${stamp_var} ${stamp} PARENT_SCOPE)
endfunction()
