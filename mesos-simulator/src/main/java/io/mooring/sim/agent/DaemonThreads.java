package io.mooring.sim.agent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads: the runners' pools must never keep the simulator's JVM alive. */
final class DaemonThreads implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  DaemonThreads(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread thread = new Thread(r, prefix + "-" + count.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
