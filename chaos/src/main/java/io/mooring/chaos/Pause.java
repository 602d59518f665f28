package io.mooring.chaos;

/** Sleeping without checked exceptions: the driver is single-threaded and an interrupt ends the run. */
final class Pause {
  private Pause() {}

  static void millis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
