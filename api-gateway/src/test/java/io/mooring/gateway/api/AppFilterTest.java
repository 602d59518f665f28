package io.mooring.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mooring.proto.v1.App;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /v2/apps's filters, as Marathon's AppsResource.search applies them. */
class AppFilterTest {
  private static final App DB = App.newBuilder().setId("/prod/MySQL").setCmd("exec /usr/sbin/MYSQLD --user=db")
      .putLabels("tier", "backend").putLabels("env", "prod").build();
  private static final App NO_CMD = App.newBuilder().setId("/prod/web").putLabels("tier", "frontend").build();

  @ParameterizedTest(name = "id={0} cmd={1} label={2}: db {3}, web {4}")
  @CsvSource(nullValues = "null", delimiter = ';', value = {
      "null;       null;       null;                       true;  true",
      "mysql;      null;       null;                       true;  false",
      "PROD/;      null;       null;                       true;  true",
      "/other;     null;       null;                       false; false",
      "null;       mysqld;     null;                       true;  false",
      "null;       ' --USER';  null;                       true;  false",
      "null;       '';         null;                       true;  false",  // no cmd: nothing to contain it
      "null;       nginx;      null;                       false; false",
      "null;       null;       tier;                       true;  true",
      "null;       null;       tier==backend;              true;  false",
      "null;       null;       tier!=backend;              false; true",
      "null;       null;       'tier in (backend, cache)'; true;  false",
      "null;       null;       'tier notin (backend)';     false; true",
      "null;       null;       'env';                      true;  false",
      "null;       null;       'tier, env==prod';          true;  false",
      "null;       null;       '';                         true;  true",
      "web;        null;       tier;                       false; true",
      "prod;       mysql;      tier==backend;              true;  false",
      "prod;       mysql;      tier==frontend;             false; false"})
  void everyFilterGivenMustMatch(String id, String cmd, String label, boolean db, boolean web) {
    AppFilter filter = AppFilter.of(id, cmd, label);
    assertEquals(db, filter.matches(DB), "db");
    assertEquals(web, filter.matches(NO_CMD), "web");
  }

  @Test
  void aLabelSelectorThatDoesNotParseIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> AppFilter.of(null, null, "tier in backend"));
    assertEquals("Can not parse label selector tier in backend. Reason: '(' expected but 'b' found",
        refused.getMessage());
  }
}
