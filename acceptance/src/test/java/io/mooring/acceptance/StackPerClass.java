package io.mooring.acceptance;

import io.mooring.testkit.EtcdExtension;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One {@link Stack} for all the tests of a class: started before them on the class's etcd, put in the class's static
 * {@code Stack} field, closed after them; a failed test prints the stack's logs first (they go with the processes).
 */
final class StackPerClass implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {
  private final EtcdExtension etcd;
  private Stack stack;

  StackPerClass(EtcdExtension etcd) {
    this.etcd = etcd;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    etcd.beforeAll(context);  // JUnit may call the extensions of a class in any order; etcd starts once whatever
    stack = new Stack(etcd.endpoint());
    for (Field field : context.getRequiredTestClass().getDeclaredFields()) {
      if (field.getType() == Stack.class && Modifier.isStatic(field.getModifiers())) {
        field.setAccessible(true);
        field.set(null, stack);
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    if (stack != null) {
      System.out.println(stack.diagnostics());
    }
    throw failure;
  }
}
