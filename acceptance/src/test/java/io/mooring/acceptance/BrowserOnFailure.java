package io.mooring.acceptance;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Saves the browser's screenshot, page source and console when a test fails, as {@code <Class>-<method>} in
 * {@code target/screenshots}, before the browser closes and takes the page with it.
 */
final class BrowserOnFailure implements TestExecutionExceptionHandler {
  private final Supplier<Browser> browser;

  BrowserOnFailure(Supplier<Browser> browser) {
    this.browser = browser;
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    Browser current = browser.get();
    if (current != null) {
      current.saveFailure(
          context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
    }
    throw failure;
  }
}
