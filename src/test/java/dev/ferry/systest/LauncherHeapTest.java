package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The launcher caps the heap of short commands at 384 MiB, and gives the commands that fold the
 * broker's job ledger (every running job's tasks) a quarter of the RAM; {@code FERRY_JAVA_OPTS}
 * overrides both.
 */
class LauncherHeapTest {
  private static final long MIB = 1 << 20;
  private static final Pattern MAX_HEAP = Pattern.compile("MaxHeapSize\\s+= (\\d+)");

  @Test
  void ledgerFoldingCommandsGetAQuarterOfTheRamOthers384MiB() throws Exception {
    long ram =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    assertTrue(ram >= 2048 * MIB, "this test needs a machine with at least 2 GiB of RAM");

    assertEquals(384 * MIB, maxHeap(null, "copy"));
    assertEquals(384 * MIB, maxHeap(null, "schedule"));
    for (String folding : List.of("worker", "status", "monitor")) {
      long heap = maxHeap(null, folding);
      assertTrue(
          Math.abs(heap - ram / 4) < ram / 50,
          folding + ": " + heap / MIB + " MiB of " + ram / MIB);
    }
    assertEquals(1024 * MIB, maxHeap("-Xmx1g", "worker"), "FERRY_JAVA_OPTS comes last");
  }

  /** The JVM's heap cap for {@code ferry COMMAND --help}, as the launcher starts it. */
  private static long maxHeap(String javaOpts, String command) throws Exception {
    Map<String, String> env = MoverCli.userEnv();
    env.put("FERRY_JAVA_OPTS", "-XX:+PrintFlagsFinal" + (javaOpts == null ? "" : " " + javaOpts));
    MoverCli.Outcome r = MoverCli.run(env, List.of(command, "--help"));
    assertEquals(0, r.exit(), r.describe());
    Matcher m = MAX_HEAP.matcher(r.stdout());
    assertTrue(m.find(), r.describe());
    return Long.parseLong(m.group(1));
  }
}
