package io.mooring.gateway.api;

import static io.mooring.gateway.api.AppEmbed.COUNTS;
import static io.mooring.gateway.api.AppEmbed.DEPLOYMENTS;
import static io.mooring.gateway.api.AppEmbed.LAST_TASK_FAILURE;
import static io.mooring.gateway.api.AppEmbed.READINESS;
import static io.mooring.gateway.api.AppEmbed.TASKS;
import static io.mooring.gateway.api.AppEmbed.TASK_STATS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Marathon's embed values (its InfoEmbedResolver) as AppEmbeds. */
class AppEmbedTest {
  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of(List.of(), Set.of()),
        Arguments.of(List.of("apps.counts"), Set.of(COUNTS)),
        Arguments.of(List.of("app.counts"), Set.of(COUNTS)),
        Arguments.of(List.of("group.apps.counts"), Set.of(COUNTS)),
        Arguments.of(List.of("counts"), Set.of(COUNTS)),
        Arguments.of(List.of("apps.deployments"), Set.of(DEPLOYMENTS)),
        Arguments.of(List.of("apps.readiness"), Set.of(READINESS)),
        Arguments.of(List.of("app.readiness"), Set.of(READINESS)),
        // tasks bring the deployments along; failures is tasks, lastTaskFailure and deployments (deprecated)
        Arguments.of(List.of("apps.tasks"), Set.of(TASKS, DEPLOYMENTS)),
        Arguments.of(List.of("app.tasks"), Set.of(TASKS, DEPLOYMENTS)),
        Arguments.of(List.of("apps.failures"), Set.of(TASKS, LAST_TASK_FAILURE, DEPLOYMENTS)),
        Arguments.of(List.of("app.failures"), Set.of(TASKS, LAST_TASK_FAILURE, DEPLOYMENTS)),
        Arguments.of(List.of("apps.lastTaskFailure"), Set.of(LAST_TASK_FAILURE)),
        Arguments.of(List.of("app.lastTaskFailure"), Set.of(LAST_TASK_FAILURE)),
        Arguments.of(List.of("apps.taskStats"), Set.of(TASK_STATS)),
        Arguments.of(List.of("app.taskStats"), Set.of(TASK_STATS)),
        Arguments.of(List.of("group.apps.taskStats"), Set.of(TASK_STATS)),
        Arguments.of(List.of("apps.counts", "apps.taskStats", "apps.counts"), Set.of(COUNTS, TASK_STATS)),
        // unknown values, and prefixes Marathon does not strip, are ignored
        Arguments.of(List.of("apps.unknown", "", "apps.", "pods.tasks", "group.tasks", "apps.TASKS"), Set.of()),
        Arguments.of(List.of("apps.apps.tasks"), Set.of()));
  }

  @ParameterizedTest
  @MethodSource("values")
  void embedValues(List<String> values, Set<AppEmbed> expected) {
    assertEquals(of(expected), AppEmbed.parse(values, Set.of()));
  }

  @ParameterizedTest
  @MethodSource("values")
  void whatTheEndpointAlwaysEmbedsIsAdded(List<String> values, Set<AppEmbed> expected) {
    Set<AppEmbed> withList = of(expected);
    withList.addAll(AppEmbed.LIST);
    assertEquals(withList, AppEmbed.parse(values, AppEmbed.LIST));
    Set<AppEmbed> withSingle = of(expected);
    withSingle.addAll(AppEmbed.SINGLE);
    assertEquals(withSingle, AppEmbed.parse(values, AppEmbed.SINGLE));
  }

  private static Set<AppEmbed> of(Set<AppEmbed> embeds) {
    EnumSet<AppEmbed> set = EnumSet.noneOf(AppEmbed.class);
    set.addAll(embeds);
    return set;
  }
}
