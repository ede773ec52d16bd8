package dev.ferry.lustre;

/**
 * One component of a Lustre file layout: the byte range {@code [start, end)} it covers and how that
 * range is striped. A plain (non-composite) layout has one component covering {@code [0, EOF)}.
 * Values are liblustreapi's, including its special values {@link #DEFAULT} and {@link #WIDE}.
 *
 * @param start first byte covered
 * @param end first byte not covered, or {@link #EOF}
 * @param stripeCount number of OSTs, {@link #DEFAULT} or {@link #WIDE} (all OSTs)
 * @param stripeSize bytes per stripe, or {@link #DEFAULT}
 * @param pattern {@link #RAID0}, {@link #MDT} (data on MDT), {@link #OVERSTRIPING}, or another
 *     value liblustreapi reports
 * @param pool OST pool name, or empty for none
 * @param firstOstIndex where the source's first stripe lives, or {@link #DEFAULT}; reported for
 *     information only and never used to create a file (that would pin every copy to one OST)
 */
public record LayoutComponent(
    long start,
    long end,
    long stripeCount,
    long stripeSize,
    long pattern,
    String pool,
    long firstOstIndex) {
  /** {@code LLAPI_LAYOUT_DEFAULT}: the filesystem's default. */
  public static final long DEFAULT = 0x1000000000000002L;

  /** {@code LLAPI_LAYOUT_WIDE}: stripe over all OSTs. */
  public static final long WIDE = 0x1000000000000003L;

  /** {@code LUSTRE_EOF}: a component that extends to the end of the file. */
  public static final long EOF = -1L;

  public static final long RAID0 = 0;
  public static final long MDT = 2;
  public static final long OVERSTRIPING = 4;

  public LayoutComponent {
    if (pool == null) {
      throw new IllegalArgumentException("pool must not be null (use \"\" for none)");
    }
    if (end != EOF && Long.compareUnsigned(start, end) >= 0) {
      throw new IllegalArgumentException("empty extent [" + start + ", " + end + ")");
    }
  }

  /** A component covering the whole file, with no pool. */
  public static LayoutComponent plain(long stripeCount, long stripeSize) {
    return new LayoutComponent(0, EOF, stripeCount, stripeSize, RAID0, "", DEFAULT);
  }

  public boolean hasPool() {
    return !pool.isEmpty();
  }

  /** This component without its pool. */
  public LayoutComponent withoutPool() {
    return new LayoutComponent(start, end, stripeCount, stripeSize, pattern, "", firstOstIndex);
  }

  /** Same placement rules, whatever OST the first stripe happens to live on. */
  public boolean sameShape(LayoutComponent o) {
    return start == o.start
        && end == o.end
        && stripeCount == o.stripeCount
        && stripeSize == o.stripeSize
        && pattern == o.pattern
        && pool.equals(o.pool);
  }

  /** For messages: {@code [0, 1M) count 1 size 1M}, plus the pattern and pool when set. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append('[').append(bytes(start)).append(", ").append(end == EOF ? "EOF" : bytes(end));
    s.append(") count ").append(special(stripeCount)).append(" size ").append(bytes(stripeSize));
    if (pattern == MDT) {
      s.append(" on MDT");
    } else if (pattern == OVERSTRIPING) {
      s.append(" overstriped");
    } else if (pattern != RAID0) {
      s.append(" pattern 0x").append(Long.toHexString(pattern));
    }
    if (hasPool()) {
      s.append(" pool ").append(pool);
    }
    return s.toString();
  }

  long[] toLongs() {
    return new long[] {start, end, stripeCount, stripeSize, pattern, DEFAULT};
  }

  private static String special(long v) {
    return v == DEFAULT ? "default" : v == WIDE ? "all" : Long.toUnsignedString(v);
  }

  private static String bytes(long v) {
    if (v == DEFAULT) {
      return "default";
    }
    String[] units = {"", "K", "M", "G", "T"};
    int u = 0;
    while (u < units.length - 1 && v != 0 && v % 1024 == 0) {
      v /= 1024;
      u++;
    }
    return Long.toUnsignedString(v) + units[u];
  }
}
