package dev.ferry.mover.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** JsonTree must read and write exactly what ObjectMapper does: task ids hash these bytes. */
class JsonTreeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void writesTheBytesObjectMapperWrites() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      JsonNode tree = randomObject(random, 3);
      assertArrayEquals(MAPPER.writeValueAsBytes(tree), JsonTree.write(tree), tree.toString());
    }
  }

  @Test
  void readsTheTreesObjectMapperReads() throws Exception {
    Random random = new Random(11);
    for (int i = 0; i < 500; i++) {
      byte[] json = MAPPER.writeValueAsBytes(randomObject(random, 3));
      JsonNode expected = MAPPER.readTree(json);
      JsonNode actual = JsonTree.read(json);
      assertEquals(expected, actual, new String(json, StandardCharsets.UTF_8));
      assertEquals(expected.getClass(), actual.getClass());
    }
  }

  @Test
  void numbersKeepTheirWidthBothWays() throws Exception {
    String json =
        "{\"i\":-2147483648,\"l\":9223372036854775807,\"b\":98765432109876543210,"
            + "\"d\":1.5e-7,\"z\":0,\"ws\" : [ true , false , null ] }";
    JsonNode n = JsonTree.read(json.getBytes(StandardCharsets.UTF_8));
    assertTrue(n.get("i").isInt());
    assertTrue(n.get("l").isLong());
    assertEquals(new BigInteger("98765432109876543210"), n.get("b").bigIntegerValue());
    assertTrue(n.get("d").isDouble());
    assertEquals(MAPPER.readTree(json), n);
    assertArrayEquals(MAPPER.writeValueAsBytes(n), JsonTree.write(n));
  }

  @Test
  void binaryIsWrittenAsObjectMapperDoesAndReadBackAsText() throws Exception {
    ObjectNode n = JsonTree.object();
    n.putArray("roots").add(new byte[] {0, 1, 2, (byte) 0xff, 'a'}).add(new byte[0]);
    byte[] json = JsonTree.write(n);
    assertArrayEquals(MAPPER.writeValueAsBytes(n), json);
    assertArrayEquals(
        new byte[] {0, 1, 2, (byte) 0xff, 'a'},
        JsonTree.read(json).get("roots").get(0).binaryValue());
  }

  @Test
  void anythingButExactlyOneValueIsRefused() {
    for (String bad :
        new String[] {
          "",
          " ",
          "{",
          "{\"a\":",
          "{\"a\":1",
          "[1,",
          "[1 2]",
          "{\"a\" 1}",
          "{} {}",
          "{}x",
          "nul",
          "{'a':1}",
          "[1,]",
          "\"unterminated"
        }) {
      assertThrows(
          IOException.class, () -> JsonTree.read(bad.getBytes(StandardCharsets.UTF_8)), bad);
    }
  }

  @Test
  void nestingBeyondJacksonsLimitIsRefusedNotAStackOverflow() {
    byte[] deep = "[".repeat(100_000).getBytes(StandardCharsets.UTF_8);
    assertThrows(IOException.class, () -> JsonTree.read(deep));
  }

  private static ObjectNode randomObject(Random r, int depth) {
    ObjectNode o = JsonTree.object();
    int fields = r.nextInt(6);
    for (int i = 0; i < fields; i++) {
      String name = randomText(r);
      switch (r.nextInt(depth > 0 ? 10 : 8)) {
        case 0 -> o.put(name, randomText(r));
        case 1 -> o.put(name, r.nextInt());
        case 2 -> o.put(name, r.nextLong());
        case 3 -> o.put(name, BigInteger.valueOf(r.nextLong()).shiftLeft(64).add(BigInteger.TEN));
        case 4 -> o.put(name, r.nextDouble() * 1e10);
        case 5 -> o.put(name, r.nextBoolean());
        case 6 -> o.putNull(name);
        case 7 -> o.put(name, r.nextInt(3) - 1);
        case 8 -> o.set(name, randomObject(r, depth - 1));
        default -> {
          ArrayNode a = o.putArray(name);
          int n = r.nextInt(4);
          for (int k = 0; k < n; k++) {
            a.add(r.nextBoolean() ? randomObject(r, depth - 1) : JsonTree.text(randomText(r)));
          }
        }
      }
    }
    return o;
  }

  /** Names and values with quotes, backslashes, control characters and non-ASCII. */
  private static String randomText(Random r) {
    int[] alphabet = "ab\"\\/\n\t\u0000\u001f é€😀%".codePoints().toArray();
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(8); i > 0; i--) {
      sb.appendCodePoint(alphabet[r.nextInt(alphabet.length)]);
    }
    return sb.toString();
  }
}
