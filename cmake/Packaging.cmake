# Installation and the Debian package.
#
#   cmake --install build --prefix /opt/pitfix     # or the default /usr/local
#   (cd build && cpack -G DEB)                      # pitfix_<version>_amd64.deb
#
# Layout under the prefix (the binary and the plugin find the rules at
# ../share/pitfix/rules from their own directory; lib/engine/RulesLocation.h):
#   bin/pitfix
#   lib/pitfix-plugin.so
#   share/pitfix/rules/            the shipped rules and vocabulary.yaml
#   share/pitfix/pre-commit-hooks.yaml
#   share/doc/pitfix/              README.md and docs/ (rule pages included)
install(TARGETS pitfix RUNTIME DESTINATION bin)
install(TARGETS pitfix-plugin LIBRARY DESTINATION lib)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/rules/ DESTINATION share/pitfix/rules)
install(FILES ${PROJECT_SOURCE_DIR}/.pre-commit-hooks.yaml
        DESTINATION share/pitfix RENAME pre-commit-hooks.yaml)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION share/doc/pitfix)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION share/doc/pitfix/docs)

set(CPACK_PACKAGE_NAME pitfix)
set(CPACK_PACKAGE_VENDOR "pitfix")
set(CPACK_PACKAGE_CONTACT "pitfix maintainers <pitfix@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "finds and fixes concurrency pitfalls in C++ (Clang 19 based)")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# dpkg-shlibdeps names the packages of the libraries pitfix links
# (libclang-cpp19, libllvm19, libyaml-cpp0.7, libc6, libstdc++6, ...). Every
# parse also needs Clang's own headers (stddef.h, ...) from the resource
# directory, which no linked library brings.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libclang-common-19-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-tools-19, pre-commit")
include(CPack)
