package dev.ferry.mover.lustre;

import java.util.ArrayList;
import java.util.List;

/**
 * Where first-level directories of a copy are created on a Lustre target: wherever Lustre puts them
 * ({@link #NONE}), round-robin over MDT indexes ({@code --mdt-rr 0,1}; {@code --mdt-rr -1} asks
 * Lustre to balance them), or on the MDT their source lives on ({@code --mdt-preserve}).
 *
 * @param preserve place each directory on its source's MDT
 * @param roundRobin MDT indexes to cycle through; {@code [-1]} lets Lustre balance; empty when not
 *     round-robin
 */
public record MdtPlacement(boolean preserve, List<Integer> roundRobin) {
  /** No placement: directories are created with mkdir(2). */
  public static final MdtPlacement NONE = new MdtPlacement(false, List.of());

  /** Each first-level directory on the MDT of its source. */
  public static final MdtPlacement PRESERVE = new MdtPlacement(true, List.of());

  public MdtPlacement {
    roundRobin = List.copyOf(roundRobin);
    if (preserve && !roundRobin.isEmpty()) {
      throw new IllegalArgumentException("--mdt-rr and --mdt-preserve exclude each other");
    }
    for (int mdt : roundRobin) {
      if (mdt < -1) {
        throw new IllegalArgumentException("an MDT index is 0 or more (or -1 alone), not " + mdt);
      }
    }
    if (roundRobin.contains(-1) && roundRobin.size() > 1) {
      throw new IllegalArgumentException("-1 (let Lustre balance) cannot be mixed with indexes");
    }
  }

  /** Parses {@code --mdt-rr}: comma-separated MDT indexes such as {@code 0,1}, or {@code -1}. */
  public static MdtPlacement roundRobin(String list) {
    List<Integer> mdts = new ArrayList<>();
    for (String part : list.split(",", -1)) {
      try {
        mdts.add(Integer.parseInt(part.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "expected MDT indexes such as 0,1 (or -1) but got '" + list + "'");
      }
    }
    return new MdtPlacement(false, mdts);
  }

  /** True when first-level directories are placed at all. */
  public boolean active() {
    return preserve || !roundRobin.isEmpty();
  }

  /** For messages: {@code --mdt-rr 0,1}, {@code --mdt-preserve} or {@code none}. */
  public String describe() {
    if (preserve) {
      return "--mdt-preserve";
    }
    if (roundRobin.isEmpty()) {
      return "none";
    }
    return "--mdt-rr " + String.join(",", roundRobin.stream().map(String::valueOf).toList());
  }
}
