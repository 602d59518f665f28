package io.mooring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.NullValue;
import com.google.protobuf.Value;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceLimitValuesTest {
  static Stream<Arguments> limits() {
    return Stream.of(
        Arguments.of(Value.newBuilder().setNumberValue(2.5).build(), OptionalDouble.of(2.5)),
        Arguments.of(Value.newBuilder().setStringValue("unlimited").build(),
            OptionalDouble.of(Double.POSITIVE_INFINITY)),
        Arguments.of(Value.newBuilder().setStringValue("Unlimited").build(), OptionalDouble.empty()),
        Arguments.of(Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build(), OptionalDouble.empty()),
        Arguments.of(Value.newBuilder().setBoolValue(true).build(), OptionalDouble.empty()),
        Arguments.of(Value.getDefaultInstance(), OptionalDouble.empty()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("limits")
  void aLimitForMesosIsANumberOrInfinity(Value limit, OptionalDouble mesos) {
    assertEquals(mesos, ResourceLimitValues.mesos(limit));
  }
}
