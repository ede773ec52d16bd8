package dev.ferry.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The wall times of one tool on one case; reports median, min and max. */
final class Samples {
  private final List<Double> seconds = new ArrayList<>();

  void add(double s) {
    seconds.add(s);
  }

  double median() {
    List<Double> sorted = new ArrayList<>(seconds);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double min() {
    return Collections.min(seconds);
  }

  double max() {
    return Collections.max(seconds);
  }

  int count() {
    return seconds.size();
  }
}
