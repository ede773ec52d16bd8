package dev.ferry.systest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.scheduler.sim.LdmSimulator;
import dev.ferry.scheduler.sim.SelfSignedTls;
import dev.ferry.scheduler.sim.SimFixtures;
import dev.ferry.systest.FerryBinary.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HTTPS LDM with a self-signed certificate made in the test. */
class ScheduleTlsSystemTest extends ScheduleSystemTest {

  @Test
  void verifiesByDefaultTrustsCacertAndWarnsOnInsecure() throws Exception {
    SelfSignedTls tls = new SelfSignedTls();
    try (LdmSimulator https = LdmSimulator.startHttps(tls.serverContext())) {
      SimFixtures.reference(https);
      String endpoint = https.endpoint().toString();

      Result refused = schedule("--howmany", "1", "--endpoint", endpoint);
      assertEquals(3, refused.exit(), refused.err());
      assertOneErrorLine(refused, "its certificate is not trusted");
      assertTrue(refused.err().contains("--cacert"), refused.err());
      assertEquals(List.of(), https.requests());

      Path ca = tls.writePem(dir.resolve("ldm-ca.pem"));
      Result trusted =
          schedule("--howmany", "1", "--endpoint", endpoint, "--cacert", ca.toString());
      assertEquals(0, trusted.exit(), trusted.err());
      assertEquals("", trusted.err());
      assertEquals(List.of("m-a"), https.startedNames()); // no priority list: oldest first

      Result byName =
          schedule(
              "--howmany",
              "2",
              "--endpoint",
              https.endpointNamed("localhost").toString(),
              "--cacert",
              ca.toString());
      assertEquals(0, byName.exit(), byName.err());
      assertEquals(List.of("m-a", "m-b"), https.startedNames());

      Result insecure = schedule("--howmany", "3", "--endpoint", endpoint, "--insecure");
      assertEquals(0, insecure.exit(), insecure.err());
      assertOneErrorLine(insecure, "warning: --insecure");
      assertEquals(List.of("m-a", "m-b", "m-c"), https.startedNames());
    }
  }
}
