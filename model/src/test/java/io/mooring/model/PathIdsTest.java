package io.mooring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathIdsTest {
  @ParameterizedTest(name = "parent of {0} is {1}")
  @CsvSource({"/a/b/c, /a/b", "/a, /", "/, /"})
  void parent(String id, String parent) {
    assertEquals(parent, PathIds.parent(id));
  }

  @ParameterizedTest(name = "{0} in {1} is {2}")
  @CsvSource({
      "db, /shop, /shop/db",
      "../db, /shop/web, /shop/db",
      "./db, /, /db",
      "/other/db/, /shop, /other/db",
      "a//b, /g, /g/a/b",
      "../.., /a, /"})
  void absolute(String path, String base, String absolute) {
    assertEquals(absolute, PathIds.absolute(path, base));
  }
}
