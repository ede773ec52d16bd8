package dev.ferry.mover.lustre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.lustre.LustreMode;
import dev.ferry.lustre.LustrePolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A job's Lustre options travel in its attributes and meet each worker's own settings. */
class LustreJobOptionsTest {
  private static LustreOptions submitted(
      LustreMode runWide, LustreMode source, LustreMode target, MdtPlacement placement) {
    return new LustreOptions(
        new LustrePolicy(runWide), source, target, placement, Optional.of("/client/lib.so"));
  }

  @Test
  void roundRobinPlacementAndPerSideModesSurviveTheTrip() {
    LustreOptions sent =
        submitted(LustreMode.AUTO, LustreMode.OFF, LustreMode.ON, MdtPlacement.roundRobin("2,0,1"));
    LustreOptions got = LustreJobOptions.decode(Optional.of(LustreJobOptions.encode(sent)));
    assertEquals(LustreMode.OFF, got.source());
    assertEquals(LustreMode.ON, got.target());
    assertEquals(List.of(2, 0, 1), got.placement().roundRobin());
    assertEquals(Optional.empty(), got.library(), "the client's library path stays home");
  }

  @Test
  void theClientsRunWideModeIsAppliedToBothSides() {
    String forced =
        LustreJobOptions.encode(
            submitted(LustreMode.ON, LustreMode.AUTO, LustreMode.OFF, MdtPlacement.PRESERVE));
    assertEquals("{\"source\":\"on\",\"target\":\"on\",\"mdt_preserve\":true}", forced);
    LustreOptions got = LustreJobOptions.decode(Optional.of(forced));
    assertEquals(MdtPlacement.PRESERVE, got.placement());
    assertEquals(LustrePolicy.AUTO, got.policy());
  }

  @Test
  void aJobWithoutTheAttributeIsLeftToEachNode() {
    assertEquals(LustreOptions.DEFAULT, LustreJobOptions.decode(Optional.empty()));
  }

  @Test
  void theJobsOnAndOffWinOverTheNodeAndAutoDefersToIt() {
    LustreOptions job =
        LustreJobOptions.decode(
            Optional.of("{\"source\":\"auto\",\"target\":\"off\",\"mdt_rr\":[-1]}"));
    LustreOptions local =
        LustreJobOptions.onNode(job, LustreMode.ON, LustreMode.ON, Optional.of("/node/lib.so"));
    assertEquals(LustreMode.ON, local.source(), "auto: the node's setting");
    assertEquals(LustreMode.OFF, local.target(), "off: the job's");
    assertEquals(List.of(-1), local.placement().roundRobin());
    assertEquals(Optional.of("/node/lib.so"), local.library());
  }

  @Test
  void malformedOptionsAreRefusedWithTheirValue() {
    for (String bad :
        List.of(
            "not json",
            "[1]",
            "{\"target\":\"sometimes\"}",
            "{\"mdt_rr\":[\"x\"]}",
            "{\"mdt_rr\":[0],\"mdt_preserve\":true}",
            "{\"mdt_rr\":[-3]}")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> LustreJobOptions.decode(Optional.of(bad)));
      assertTrue(e.getMessage().startsWith("malformed Lustre options '" + bad + "'"), bad);
    }
  }
}
