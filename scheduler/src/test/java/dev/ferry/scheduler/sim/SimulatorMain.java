package dev.ferry.scheduler.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the simulator by hand, for trying {@code ferry schedule} against it:
 *
 * <pre>
 * java -cp "$(cat cp.txt):scheduler/target/test-classes" dev.ferry.scheduler.sim.LdmSimulator \
 *     [--port 18080] [--reference | --generate N] [--compat2x] [--user U --password P]
 *     [--ticks-to-live N]
 * </pre>
 *
 * It prints its URL and serves until killed. {@code curl -X POST URL/_sim/tick} advances the clock.
 */
final class SimulatorMain {
  private SimulatorMain() {}

  static void main(String[] args) throws InterruptedException {
    List<String> a = new ArrayList<>(Arrays.asList(args));
    int port = Integer.parseInt(option(a, "--port", "18080"));
    LdmSimulator sim = LdmSimulator.start(port);
    if (a.remove("--compat2x")) {
      sim.compat2x();
    }
    String user = option(a, "--user", null);
    if (user != null) {
      sim.requireBasicAuth(user, option(a, "--password", ""));
    }
    sim.ticksToLive(Integer.parseInt(option(a, "--ticks-to-live", "1")));
    String generate = option(a, "--generate", null);
    if (generate != null) {
      SimFixtures.large(sim, Integer.parseInt(generate));
    } else if (a.remove("--reference") || a.isEmpty()) {
      SimFixtures.reference(sim);
    }
    if (!a.isEmpty()) {
      System.err.println("ldm-simulator: unknown arguments " + a);
      System.exit(2);
    }
    System.out.println("LDM simulator listening on " + sim.endpoint());
    Thread.currentThread().join();
  }

  private static String option(List<String> args, String name, String fallback) {
    int i = args.indexOf(name);
    if (i < 0 || i + 1 >= args.size()) {
      return fallback;
    }
    String value = args.get(i + 1);
    args.remove(i + 1);
    args.remove(i);
    return value;
  }
}
