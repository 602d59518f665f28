package io.mooring.acceptance;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/** Prints the stack's logs when a test fails, since the processes and their logs are gone once it closes. */
final class LogsOnFailure implements TestExecutionExceptionHandler {
  private final Supplier<Stack> stack;

  LogsOnFailure(Supplier<Stack> stack) {
    this.stack = stack;
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    Stack current = stack.get();
    if (current != null) {
      System.out.println(current.diagnostics());
    }
    throw failure;
  }
}
