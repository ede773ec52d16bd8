package dev.ferry.lustre;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A Lustre file layout as ferry copies it: plain (one component) or composite (progressive file
 * layout, PFL: components covering consecutive byte ranges).
 *
 * @param composite true for a composite layout, even with a single component
 * @param components in file order, never empty
 */
public record FileLayout(boolean composite, List<LayoutComponent> components) {
  public FileLayout {
    components = List.copyOf(components);
    if (components.isEmpty()) {
      throw new IllegalArgumentException("a layout has at least one component");
    }
    if (!composite && components.size() > 1) {
      throw new IllegalArgumentException("a plain layout has exactly one component");
    }
  }

  /** A plain layout: one stripe count and size for the whole file. */
  public static FileLayout plain(long stripeCount, long stripeSize) {
    return new FileLayout(false, List.of(LayoutComponent.plain(stripeCount, stripeSize)));
  }

  /** A composite layout from its components. */
  public static FileLayout composite(LayoutComponent... components) {
    return new FileLayout(true, List.of(components));
  }

  /**
   * True when the components cover {@code [0, EOF)} end to end, the only shape ferry recreates.
   * Mirrored (FLR) layouts have overlapping components and are not copyable this way.
   */
  public boolean contiguous() {
    long next = 0;
    for (LayoutComponent c : components) {
      if (next == LayoutComponent.EOF || c.start() != next) {
        return false;
      }
      next = c.end();
    }
    return next == LayoutComponent.EOF;
  }

  /** The pool names any component uses, sorted. */
  public Set<String> pools() {
    return components.stream()
        .filter(LayoutComponent::hasPool)
        .map(LayoutComponent::pool)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** This layout with the named pools removed from every component. */
  public FileLayout withoutPools(Set<String> pools) {
    return new FileLayout(
        composite,
        components.stream().map(c -> pools.contains(c.pool()) ? c.withoutPool() : c).toList());
  }

  /** Same components with the same placement rules; where first stripes live does not count. */
  public boolean sameShape(FileLayout o) {
    if (composite != o.composite || components.size() != o.components.size()) {
      return false;
    }
    for (int i = 0; i < components.size(); i++) {
      if (!components.get(i).sameShape(o.components.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** One line for messages. */
  public String describe() {
    String body =
        components.stream().map(LayoutComponent::describe).collect(Collectors.joining("; "));
    return composite ? "composite " + body : body;
  }
}
